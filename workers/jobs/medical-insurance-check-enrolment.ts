import { array, boolean, object, string } from 'yup';
import { bpmnError, defineWorker } from '../define-worker';
import { insuredWithCardSchema } from '../schemas/medical-insurance';
import { resolveMedicalInsurancePlatform } from '../external/medical-insurance-platform';

/**
 * Checks on the provincial platform that the insured is enrolled at the transfer-in place. Not enrolled
 * ends the case with reasons (BPMN error MI_NOT_ELIGIBLE, caught by the model).
 */
export default defineWorker({
  type: 'medical-insurance-check-enrolment',
  description: 'Checks enrolment at the transfer-in place; not enrolled → MI_NOT_ELIGIBLE with reasons',
  input: object({
    insured: insuredWithCardSchema.required(),
    transferInRegion: string().required(),
    scheme: string().oneOf(['employee', 'resident']).required(),
  }),
  output: object({ enrolmentCheck: object({ enrolled: boolean().required(), reasons: array(string().required()).required() }).required() }),
  async handle(input, { config }) {
    const check = await resolveMedicalInsurancePlatform(config).checkEnrolment(input.insured, input.transferInRegion, input.scheme);
    if (!check.enrolled) {
      const rejectionReasons = check.reasons.join('；');
      return bpmnError('MI_NOT_ELIGIBLE', rejectionReasons, { rejectionReasons, enrolmentCheck: check });
    }
    return { enrolmentCheck: check };
  },
});
