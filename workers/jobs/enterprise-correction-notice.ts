import { object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { resolveApplicantInbox } from '../external/applicant-inbox';

/** Sends the one-time notice (一次性告知) of everything the applicant must correct, in one message. */
export default defineWorker({
  type: 'enterprise-correction-notice',
  description: 'Sends the enterprise applicant the one-time notice (一次性告知) of every material to correct',
  input: object({
    caseId: string().required(),
    caseTitle: string().required(),
    applicant: object({ name: string().required(), idNumber: string().required() }).required(),
    notice: string().trim().required('notice (the one-time notice text) is required'),
    stage: string().oneOf(['material-guidance', 'registration-review']).required(),
    sentAt: string().required(),
  }),
  output: object({ correctionNoticeId: string().required(), correctionRequestedAt: string().required() }),
  async handle(input, { config }) {
    const delivered = await resolveApplicantInbox(config).deliver(
      {
        caseId: input.caseId,
        recipientId: input.applicant.idNumber,
        recipientName: input.applicant.name,
        subject: `${input.caseTitle}：请一次性补正以下材料`,
        body: input.notice,
      },
      input.sentAt,
    );
    return { correctionNoticeId: delivered.messageId, correctionRequestedAt: delivered.sentAt };
  },
});
