import { object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { inboxNotificationSchema } from '../schemas/inbox-notification';
import { resolveApplicantInbox } from '../external/applicant-inbox';

const REASONS_FOR: Record<string, string> = {
  rejected: 'rejectionReasons',
  'staffing-returned': 'returnReasons',
  'staffing-refused': 'refusalReasons',
};

/** Tells the talent (or, for staffing, the talent and employer) the outcome, with reasons when refused. */
export default defineWorker({
  type: 'talent-notify-result',
  description: 'Tells the talent the card or staffing outcome, with the reasons for a refusal',
  input: object({
    caseId: string().required(),
    caseTitle: string().required(),
    talent: object({ name: string().required(), idNumber: string().required() }).required(),
    outcome: string().oneOf(['issued', 'rejected', 'staffing-returned', 'staffing-refused']).required(),
    card: object({ cardNumber: string().required(), validUntil: string().required() })
      .nullable().default(undefined)
      .when('outcome', { is: 'issued', then: (schema) => schema.required('card is required to announce an issued card') }),
    rejectionReasons: string().nullable().when('outcome', { is: 'rejected', then: (schema) => schema.trim().required('rejectionReasons are required') }),
    returnReasons: string().nullable().when('outcome', { is: 'staffing-returned', then: (schema) => schema.trim().required('returnReasons are required') }),
    refusalReasons: string().nullable().when('outcome', { is: 'staffing-refused', then: (schema) => schema.trim().required('refusalReasons are required') }),
    sentAt: string().required(),
  }),
  output: object({ resultNotification: inboxNotificationSchema.required() }),
  async handle(input, { config }) {
    const reasonsKey = REASONS_FOR[input.outcome];
    const reasons = reasonsKey ? (input as Record<string, unknown>)[reasonsKey] : undefined;
    const body =
      input.outcome === 'issued'
        ? `山东惠才卡已颁发，卡号 ${input.card!.cardNumber}，有效期至 ${input.card!.validUntil}。`
        : `${input.caseTitle}未获通过。理由：${String(reasons)}`;
    const delivered = await resolveApplicantInbox(config).deliver(
      { caseId: input.caseId, recipientId: input.talent.idNumber, recipientName: input.talent.name, subject: input.caseTitle, body },
      input.sentAt,
    );
    return { resultNotification: { messageId: delivered.messageId, sentAt: delivered.sentAt } };
  },
});
