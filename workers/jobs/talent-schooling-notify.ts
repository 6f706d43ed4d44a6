import { object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { inboxNotificationSchema } from '../schemas/inbox-notification';
import { resolveApplicantInbox } from '../external/applicant-inbox';

/** Tells the talent (and, through the platform, the school) the placement, or why none was arranged. */
export default defineWorker({
  type: 'talent-schooling-notify',
  description: 'Informs the talent and the school of the placement, or the talent of the refusal with reasons',
  input: object({
    caseId: string().required(),
    caseTitle: string().required(),
    talent: object({ name: string().required(), idNumber: string().required() }).required(),
    outcome: string().oneOf(['arranged', 'refused']).required(),
    assignedSchool: string()
      .nullable()
      .when('outcome', { is: 'arranged', then: (schema) => schema.trim().required('assignedSchool is required to announce a placement') }),
    refusalReasons: string()
      .nullable()
      .when('outcome', { is: 'refused', then: (schema) => schema.trim().required('refusalReasons are required for a refusal') }),
    sentAt: string().required(),
  }),
  output: object({ resultNotification: inboxNotificationSchema.required() }),
  async handle(input, { config }) {
    const body =
      input.outcome === 'arranged'
        ? `已安排至${input.assignedSchool}，学校将优先办理入学手续。`
        : `未能安排入学。理由：${input.refusalReasons}`;
    const delivered = await resolveApplicantInbox(config).deliver(
      { caseId: input.caseId, recipientId: input.talent.idNumber, recipientName: input.talent.name, subject: input.caseTitle, body },
      input.sentAt,
    );
    return { resultNotification: { messageId: delivered.messageId, sentAt: delivered.sentAt } };
  },
});
