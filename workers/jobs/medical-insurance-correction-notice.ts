import { object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { resolveApplicantInbox } from '../external/applicant-inbox';

/** Sends the insured the one-time notice (一次性告知) of every data discrepancy to correct. */
export default defineWorker({
  type: 'medical-insurance-correction-notice',
  description: 'Sends the insured the one-time notice (一次性告知) of the discrepancies to correct',
  input: object({
    caseId: string().required(),
    caseTitle: string().required(),
    insured: object({ name: string().required(), idNumber: string().required() }).required(),
    notice: string().trim().required('notice (the one-time notice text) is required'),
    stage: string().oneOf(['initiation']).required(),
    sentAt: string().required(),
  }),
  output: object({ correctionNoticeId: string().required(), correctionRequestedAt: string().required() }),
  async handle(input, { config }) {
    const delivered = await resolveApplicantInbox(config).deliver(
      { caseId: input.caseId, recipientId: input.insured.idNumber, recipientName: input.insured.name, subject: `${input.caseTitle}：请补正以下信息`, body: input.notice },
      input.sentAt,
    );
    return { correctionNoticeId: delivered.messageId, correctionRequestedAt: delivered.sentAt };
  },
});
