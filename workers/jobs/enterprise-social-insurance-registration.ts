import { boolean, number, object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { resolveSocialInsurance } from '../external/social-insurance';

/** Social-insurance registration with employment registration and labour filing, handled immediately. */
export default defineWorker({
  type: 'enterprise-social-insurance-registration',
  description: 'Registers the new enterprise with the social-insurance agency (one entry, immediate)',
  input: object({
    uscc: string().length(18).required(),
    enterpriseName: string().required(),
    insuredEmployees: number().integer().min(0).required(),
  }),
  output: object({
    socialInsuranceRegistration: object({
      registrationNumber: string().required(),
      employmentRegistered: boolean().required(),
      labourFiled: boolean().required(),
    }).required(),
  }),
  async handle(input, { config }) {
    return { socialInsuranceRegistration: await resolveSocialInsurance(config).registerEmployer(input) };
  },
});
