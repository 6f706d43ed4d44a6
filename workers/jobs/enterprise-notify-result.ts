import { object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { inboxNotificationSchema } from '../schemas/inbox-notification';
import { resolveApplicantInbox } from '../external/applicant-inbox';

/** Feeds the case result back to the applicant: the licence and registrations, or the rejection reasons. */
export default defineWorker({
  type: 'enterprise-notify-result',
  description: 'Tells the enterprise applicant the outcome (completed with results, or rejected with reasons)',
  input: object({
    caseId: string().required(),
    caseTitle: string().required(),
    applicant: object({ name: string().required(), idNumber: string().required() }).required(),
    outcome: string().oneOf(['completed', 'rejected']).required(),
    uscc: string().nullable().when('outcome', { is: 'completed', then: (schema) => schema.required('uscc is required for a completed case') }),
    rejectionReasons: string().nullable().when('outcome', { is: 'rejected', then: (schema) => schema.trim().required('rejectionReasons are required for a rejection') }),
    sentAt: string().required(),
  }),
  output: object({ resultNotification: inboxNotificationSchema.required() }),
  async handle(input, { config }) {
    const body =
      input.outcome === 'completed'
        ? `企业开办已办结。统一社会信用代码：${input.uscc}。营业执照、印章、发票及税控设备已按您选择的方式交付。`
        : `您的企业开办申请不予登记。理由：${input.rejectionReasons}`;
    const delivered = await resolveApplicantInbox(config).deliver(
      { caseId: input.caseId, recipientId: input.applicant.idNumber, recipientName: input.applicant.name, subject: input.caseTitle, body },
      input.sentAt,
    );
    return { resultNotification: { messageId: delivered.messageId, sentAt: delivered.sentAt } };
  },
});
