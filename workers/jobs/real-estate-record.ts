import { object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { resolveRealEstateRegistry } from '../external/real-estate-registry';

/** Names of the demo places by code, for the certificate number (鲁（2025）济南市不动产权第…号). */
const PLACE_NAMES: Readonly<Record<string, string>> = { '370100': '济南市', '370102': '济南市', '370200': '青岛市', '370202': '青岛市' };

/** Records the registration in the register (登簿) and issues the electronic certificate or certification. */
export default defineWorker({
  type: 'real-estate-record',
  description: 'Records the registration (登簿) and issues the electronic certificate (电子证照)',
  input: object({
    caseId: string().required(),
    registrationType: string().required(),
    propertyUnitNumber: string().trim().required(),
    jurisdiction: string().nullable().optional(),
    recordedAt: string().required(),
  }),
  output: object({
    registration: object({
      registrationNumber: string().required(),
      certificateNumber: string().required(),
      certificateKind: string().oneOf(['certificate', 'certification']).required(),
      recordedAt: string().required(),
    }).required(),
  }),
  async handle(input, { config }) {
    const placeName = (input.jurisdiction && PLACE_NAMES[input.jurisdiction]) || '山东省';
    const registration = await resolveRealEstateRegistry(config).record({ caseId: input.caseId, registrationType: input.registrationType, propertyUnitNumber: input.propertyUnitNumber, placeName, recordedAt: input.recordedAt });
    return { registration };
  },
});
