import { number, object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { inboxNotificationSchema } from '../schemas/inbox-notification';
import { resolveApplicantInbox } from '../external/applicant-inbox';

/** Tells the insured the outcome: merged years and credited balance, or the reasons for a refusal. */
export default defineWorker({
  type: 'medical-insurance-notify-insured',
  description: 'Tells the insured the transfer outcome (completed with merged years, or rejected with reasons)',
  input: object({
    caseId: string().required(),
    caseTitle: string().required(),
    insured: object({ name: string().required(), idNumber: string().required() }).required(),
    outcome: string().oneOf(['completed', 'rejected']).required(),
    mergedRelationship: object({ totalContributionMonths: number().required(), creditedAmount: number().required() })
      .nullable().default(undefined)
      .when('outcome', { is: 'completed', then: (schema) => schema.required('mergedRelationship is required for a completed transfer') }),
    rejectionReasons: string().nullable().when('outcome', { is: 'rejected', then: (schema) => schema.trim().required('rejectionReasons are required for a rejection') }),
    sentAt: string().required(),
  }),
  output: object({ resultNotification: inboxNotificationSchema.required() }),
  async handle(input, { config }) {
    const body =
      input.outcome === 'completed'
        ? `医保关系已转移接续，累计缴费 ${input.mergedRelationship!.totalContributionMonths} 个月，个人账户记入 ${input.mergedRelationship!.creditedAmount.toFixed(2)} 元，待遇连续享受。`
        : `您的医保关系转移接续申请未能办理。理由：${input.rejectionReasons}`;
    const delivered = await resolveApplicantInbox(config).deliver(
      { caseId: input.caseId, recipientId: input.insured.idNumber, recipientName: input.insured.name, subject: input.caseTitle, body },
      input.sentAt,
    );
    return { resultNotification: { messageId: delivered.messageId, sentAt: delivered.sentAt } };
  },
});
