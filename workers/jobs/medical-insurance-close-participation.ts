import { object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { insuredWithCardSchema, participationCertificateSchema } from '../schemas/medical-insurance';
import { resolveMedicalInsurancePlatform } from '../external/medical-insurance-platform';

/** Transfer-out agency: closes the participation and produces the electronic participation certificate. */
export default defineWorker({
  type: 'medical-insurance-close-participation',
  description: 'Closes participation at the transfer-out place and issues the electronic 参保凭证',
  input: object({
    transferRequestId: string().required(),
    insured: insuredWithCardSchema.required(),
    transferOutRegion: string().required(),
    closedAt: string().required(),
  }),
  output: object({
    participationCertificate: participationCertificateSchema.required(),
  }),
  async handle(input, { config }) {
    return { participationCertificate: await resolveMedicalInsurancePlatform(config).closeParticipation(input) };
  },
});
