import { object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { resolveApplicantInbox } from '../external/applicant-inbox';
import { inboxNotificationSchema } from '../schemas/inbox-notification';
import { evaluatorSchema } from '../schemas/service-evaluation';

/** Feeds the rectification of a bad review back to the applicant who gave it (整改结果反馈). */
export default defineWorker({
  type: 'evaluation-feedback',
  description: 'Tells the applicant how their bad review was rectified',
  input: object({
    caseId: string().required(),
    caseTitle: string().required(),
    evaluator: evaluatorSchema.required(),
    rectificationMeasures: string().trim().required('rectificationMeasures (what the department changed) are required'),
    sentAt: string().required(),
  }),
  output: object({ rectificationFeedback: inboxNotificationSchema.required() }),
  async handle(input, { config }) {
    const delivered = await resolveApplicantInbox(config).deliver(
      {
        caseId: input.caseId,
        recipientId: input.evaluator.idNumber,
        recipientName: input.evaluator.name,
        subject: `${input.caseTitle}：差评整改情况`,
        body: `您对“${input.caseTitle}”的评价已由责任部门整改：${input.rectificationMeasures}。工作人员将回访听取您的意见。`,
      },
      input.sentAt,
    );
    return { rectificationFeedback: { messageId: delivered.messageId, sentAt: delivered.sentAt } };
  },
});
