/**
 * `engineering-push-materials`: pushes the stage's one form and its materials online to every department
 * that reviews an item of the stage (审批要件网上推送), so the applicant submits each material only once.
 */
import { array, number, object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { parseInstant, resolveEngineeringApprovalSystem } from '../external/engineering-approval-system';

export default defineWorker({
  type: 'engineering-push-materials',
  description: "Pushes an engineering stage's materials to the departments that review it",
  input: object({
    caseId: string().required(),
    stage: number().oneOf([1, 2, 3, 4]).required(),
    projectCode: string().required(),
    stageItems: array(object({ code: string().required(), department: string().required() })).min(1).required(),
    at: string().required().test('instant', 'at must be an ISO-8601 date-time (须为 ISO-8601 时间)', (value) => parseInstant(value) !== undefined),
  }),
  output: object({
    pushedAt: string().required(),
    receipts: array(object({ department: string().required(), receiptId: string().required() })).min(1).required(),
  }),
  async handle(input, { config }) {
    const system = resolveEngineeringApprovalSystem(config);
    const departments = input.stageItems.map((item) => item.department);
    const receipts = await system.pushMaterials(input.caseId, input.stage, departments, input.at);
    return { pushedAt: input.at, receipts };
  },
});
