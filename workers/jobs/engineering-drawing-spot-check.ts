/**
 * `engineering-drawing-spot-check`: when the construction drawings are not reviewed but committed to by
 * the designer (告知承诺 + lifelong responsibility), they are registered for the 100 % spot check.
 */
import { boolean, object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { parseInstant, resolveEngineeringApprovalSystem } from '../external/engineering-approval-system';

export default defineWorker({
  type: 'engineering-drawing-spot-check',
  description: 'Registers committed construction drawings for the 100 % spot check',
  input: object({
    caseId: string().required(),
    projectCode: string().required(),
    designUnit: string().required(),
    at: string().required().test('instant', 'at must be an ISO-8601 date-time (须为 ISO-8601 时间)', (value) => parseInstant(value) !== undefined),
  }),
  output: object({ spotCheckId: string().required(), spotCheckScheduled: boolean().required() }),
  async handle(input, { config }) {
    const system = resolveEngineeringApprovalSystem(config);
    const spotCheckId = await system.registerSpotCheck(input.caseId, input.projectCode, input.designUnit, input.at);
    return { spotCheckId, spotCheckScheduled: true };
  },
});
