import { number, object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { resolveMedicalInsurancePlatform } from '../external/medical-insurance-platform';

/** Transfer-out agency: closes the participation and produces the electronic participation certificate. */
export default defineWorker({
  type: 'medical-insurance-close-participation',
  description: 'Closes participation at the transfer-out place and issues the electronic 参保凭证',
  input: object({
    transferRequestId: string().required(),
    insured: object({ name: string().required(), idNumber: string().required(), socialSecurityCardNumber: string().required() }).required(),
    transferOutRegion: string().required(),
    closedAt: string().required(),
  }),
  output: object({
    participationCertificate: object({
      certificateNumber: string().required(),
      transferOutRegion: string().required(),
      contributionMonths: number().integer().min(0).required(),
      personalAccountBalance: number().min(0).required(),
      participationEndedAt: string().required(),
    }).required(),
  }),
  async handle(input, { config }) {
    return { participationCertificate: await resolveMedicalInsurancePlatform(config).closeParticipation(input) };
  },
});
