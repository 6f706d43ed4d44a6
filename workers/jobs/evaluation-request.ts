import { object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { evaluatorSchema } from '../schemas/service-evaluation';

/**
 * The message end event of a finished service (企业开办, 医保转移接续, 惠才卡 …): publishes `service-completed`,
 * which starts one 好差评 case (`bpmn/service-evaluation.bpmn`, case number `HCP-<case id>`) for it. The message id
 * is the case id, so a retried job never opens a second evaluation; the finished case itself closes at once and is not held open
 * while the applicant decides whether to rate.
 */
export default defineWorker({
  type: 'evaluation-request',
  description: 'Opens the 好差评 evaluation of a finished service case by publishing service-completed',
  input: object({
    caseId: string().required(),
    caseTitle: string().required(),
    evaluator: evaluatorSchema.required(),
    serviceProcess: string().required(),
    responsibleDepartment: string().required(),
    jurisdiction: string().nullable(),
    completedAt: string().required(),
  }),
  output: object({ evaluationRequestedAt: string().required() }),
  async handle(input, { messages }) {
    if (!messages) throw new Error('运行环境未提供消息发布，无法发起评价 / Expected a message publisher in the job context to open the evaluation, but the runtime gave none');
    await messages.publish({
      name: 'service-completed',
      correlationKey: input.caseId,
      messageId: `service-completed:${input.caseId}`,
      variables: {
        // The evaluation is a case of its own (its own number, lights and 督办), tied to the service case it rates.
        caseId: `HCP-${input.caseId}`,
        caseTitle: `好差评：${input.caseTitle}`,
        serviceCaseId: input.caseId,
        serviceCaseTitle: input.caseTitle,
        evaluator: input.evaluator,
        serviceProcess: input.serviceProcess,
        responsibleDepartment: input.responsibleDepartment,
        jurisdiction: input.jurisdiction ?? null,
        serviceCompletedAt: input.completedAt,
      },
    });
    return { evaluationRequestedAt: input.completedAt };
  },
});
