import { object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { resolveApplicantInbox } from '../external/applicant-inbox';
import { inboxNotificationSchema } from '../schemas/inbox-notification';
import { evaluatorSchema } from '../schemas/service-evaluation';

/** Invites the applicant of a finished case to rate the service (好差评), very satisfied … very dissatisfied. */
export default defineWorker({
  type: 'evaluation-invite',
  description: 'Invites the applicant of a finished case to rate the service (好差评)',
  input: object({
    caseId: string().required(),
    caseTitle: string().required(),
    evaluator: evaluatorSchema.required(),
    sentAt: string().required(),
  }),
  output: object({ evaluationInvitation: inboxNotificationSchema.required() }),
  async handle(input, { config }) {
    const body = `您办理的“${input.caseTitle}”已办结。请对本次服务作出评价：非常满意、满意、基本满意、不满意、非常不满意，并可写明理由。实名差评将由责任部门整改并向您反馈。`;
    const delivered = await resolveApplicantInbox(config).deliver(
      { caseId: input.caseId, recipientId: input.evaluator.idNumber, recipientName: input.evaluator.name, subject: `${input.caseTitle}：请评价`, body },
      input.sentAt,
    );
    return { evaluationInvitation: { messageId: delivered.messageId, sentAt: delivered.sentAt } };
  },
});
