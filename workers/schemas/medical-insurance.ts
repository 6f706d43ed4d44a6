import { number, object, string } from 'yup';

/** The insured person as the transfer jobs that talk to the platform need them: with the social-security card. */
export const insuredWithCardSchema = object({ name: string().required(), idNumber: string().required(), socialSecurityCardNumber: string().required() });

/**
 * The electronic participation certificate (参保凭证) the transfer-out place issues when it closes the
 * participation; the fund transfer and the transfer-in place read it.
 */
export const participationCertificateSchema = object({
  certificateNumber: string().required(),
  transferOutRegion: string().required(),
  contributionMonths: number().integer().min(0).required(),
  personalAccountBalance: number().min(0).required(),
  participationEndedAt: string().required(),
});
