import { object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { resolveApplicantInbox } from '../external/applicant-inbox';

/** Sends the talent the one-time notice (一次性告知) of every material the commissioner still needs. */
export default defineWorker({
  type: 'talent-correction-notice',
  description: 'Sends the talent the one-time notice (一次性告知) of the materials to add',
  input: object({
    caseId: string().required(),
    caseTitle: string().required(),
    talent: object({ name: string().required(), idNumber: string().required() }).required(),
    notice: string().trim().required('notice (the one-time notice text) is required'),
    stage: string().oneOf(['commissioner']).required(),
    sentAt: string().required(),
  }),
  output: object({ correctionNoticeId: string().required(), correctionRequestedAt: string().required() }),
  async handle(input, { config }) {
    const delivered = await resolveApplicantInbox(config).deliver(
      { caseId: input.caseId, recipientId: input.talent.idNumber, recipientName: input.talent.name, subject: `${input.caseTitle}：请补充材料`, body: input.notice },
      input.sentAt,
    );
    return { correctionNoticeId: delivered.messageId, correctionRequestedAt: delivered.sentAt };
  },
});
