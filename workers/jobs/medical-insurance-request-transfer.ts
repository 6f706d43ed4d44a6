import { object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { insuredWithCardSchema } from '../schemas/medical-insurance';
import { resolveMedicalInsurancePlatform } from '../external/medical-insurance-platform';

/** Files the transfer request with the transfer-out agency on the provincial platform (no paper, no trip). */
export default defineWorker({
  type: 'medical-insurance-request-transfer',
  description: 'Creates the transfer request to the transfer-out agency on the provincial platform',
  input: object({
    caseId: string().required(),
    insured: insuredWithCardSchema.required(),
    transferOutRegion: string().required(),
    transferInRegion: string().required(),
    scheme: string().required(),
  }),
  output: object({ transferRequestId: string().required() }),
  async handle(input, { config }) {
    return resolveMedicalInsurancePlatform(config).requestTransfer(input);
  },
});
