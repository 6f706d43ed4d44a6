import { object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { inboxNotificationSchema } from '../schemas/inbox-notification';
import { resolveApplicantInbox } from '../external/applicant-inbox';

/**
 * Feeds the case result back to the applicant: the licence and registrations with where to find them (mailed,
 * or ready at the unified pickup window), or the rejection reasons.
 */
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
    deliveryMode: string().oneOf(['window', 'mail']).default('window'),
    sentAt: string().required(),
  }),
  output: object({ resultNotification: inboxNotificationSchema.required() }),
  async handle(input, { config }) {
    const body =
      input.outcome === 'completed'
        ? `企业开办已办结。统一社会信用代码：${input.uscc}。${
            // Sent before pickup: the case clock stops when the results can be collected, not when they are.
            input.deliveryMode === 'mail' ? '营业执照、印章、发票及税控设备已免费寄出。' : '营业执照、印章、发票及税控设备已送到统一出件窗口，请凭身份证件领取。'
          }`
        : `您的企业开办申请不予登记。理由：${input.rejectionReasons}`;
    const delivered = await resolveApplicantInbox(config).deliver(
      { caseId: input.caseId, recipientId: input.applicant.idNumber, recipientName: input.applicant.name, subject: input.caseTitle, body },
      input.sentAt,
    );
    return { resultNotification: { messageId: delivered.messageId, sentAt: delivered.sentAt } };
  },
});
