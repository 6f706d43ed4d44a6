import { number, object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { participationCertificateSchema } from '../schemas/medical-insurance';
import { resolveMedicalInsurancePlatform } from '../external/medical-insurance-platform';

/** Transfers the personal-account balance named in the certificate to the transfer-in agency. */
export default defineWorker({
  type: 'medical-insurance-transfer-account',
  description: 'Transfers the personal-account balance through the provincial platform',
  input: object({
    transferRequestId: string().required(),
    participationCertificate: participationCertificateSchema.required(),
  }),
  output: object({ fundTransfer: object({ fundTransferId: string().required(), amount: number().min(0).required() }).required() }),
  async handle(input, { config }) {
    const fundTransfer = await resolveMedicalInsurancePlatform(config).transferPersonalAccount({
      transferRequestId: input.transferRequestId,
      certificate: input.participationCertificate,
    });
    return { fundTransfer };
  },
});
