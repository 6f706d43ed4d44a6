import { array, boolean, object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { resolveLicenceRegistry } from '../external/licence-registry';

/** Smart approval (智能审批): the registry checks the application without a person; failures go to review. */
export default defineWorker({
  type: 'enterprise-smart-approval',
  description: 'Runs the licence registry’s automatic check for simple entity types (智能审批)',
  input: object({
    caseId: string().required(),
    enterpriseName: string().required(),
    entityType: string().required(),
    businessScope: string().required(),
  }),
  output: object({
    smartApprovalPassed: boolean().required(),
    smartApprovalReasons: array(string().required()).required(),
    registrationDecision: string().oneOf(['approve', 'review']).required(),
  }),
  async handle(input, { config }) {
    const result = await resolveLicenceRegistry(config).smartApprove(input);
    return {
      smartApprovalPassed: result.passed,
      smartApprovalReasons: result.reasons,
      registrationDecision: result.passed ? 'approve' : 'review',
    };
  },
});
