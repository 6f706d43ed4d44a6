import { number, object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { resolveMedicalInsurancePlatform } from '../external/medical-insurance-platform';

/** Medical-insurance employer registration, handled immediately on the pushed registration data. */
export default defineWorker({
  type: 'enterprise-medical-insurance-registration',
  description: 'Registers the new enterprise with the medical-insurance agency (immediate)',
  input: object({
    uscc: string().length(18).required(),
    enterpriseName: string().required(),
    insuredEmployees: number().integer().min(0).required(),
  }),
  output: object({ medicalInsuranceRegistration: object({ registrationNumber: string().required() }).required() }),
  async handle(input, { config }) {
    return { medicalInsuranceRegistration: await resolveMedicalInsurancePlatform(config).registerEmployer(input) };
  },
});
