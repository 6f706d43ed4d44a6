import { boolean, object, string } from 'yup';

/** The result of checking a 惠才卡 number against the talent system, as the follow-up services record it. */
export const cardVerificationSchema = object({ valid: boolean().required(), reason: string().optional() });
