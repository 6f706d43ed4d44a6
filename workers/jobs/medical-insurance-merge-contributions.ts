import { boolean, number, object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { insuredWithCardSchema, participationCertificateSchema } from '../schemas/medical-insurance';
import { resolveMedicalInsurancePlatform } from '../external/medical-insurance-platform';

/** Transfer-in agency: merges the contribution years and credits the transferred balance; benefits continue. */
export default defineWorker({
  type: 'medical-insurance-merge-contributions',
  description: 'Merges contribution years and credits the personal account at the transfer-in place',
  input: object({
    insured: insuredWithCardSchema.required(),
    participationCertificate: participationCertificateSchema.required(),
    fundTransfer: object({ fundTransferId: string().required(), amount: number().min(0).required() }).required(),
    priorContributionMonths: number().integer().min(0).default(0),
  }),
  output: object({
    mergedRelationship: object({
      totalContributionMonths: number().integer().min(0).required(),
      creditedAmount: number().min(0).required(),
      benefitsContinuous: boolean().required(),
    }).required(),
  }),
  async handle(input, { config }) {
    const mergedRelationship = await resolveMedicalInsurancePlatform(config).mergeRelationship({
      insured: input.insured,
      certificate: input.participationCertificate,
      fundTransfer: input.fundTransfer,
      priorContributionMonths: input.priorContributionMonths,
    });
    return { mergedRelationship };
  },
});
