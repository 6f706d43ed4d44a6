/**
 * `supervision-record`: when a light turns red, puts the overdue step on record in the electronic
 * supervision system (电子监察); the model then opens the 督办 user task for the department's supervisors.
 */
import { object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { resolveESupervision } from '../external/e-supervision';
import { deadlineSchema } from '../lights';

export default defineWorker({
  type: 'supervision-record',
  description: 'Records an overdue step in the electronic-supervision system',
  input: object({
    deadline: deadlineSchema.required(),
    caseId: string().required(),
    department: string().required(),
  }),
  output: object({ supervisionRecordId: string().required() }),
  async handle({ deadline, caseId, department }, { config, log }) {
    const record = await resolveESupervision(config).recordOverdue({ caseId, department, deadline });
    log.info(`overdue step recorded for supervision`, { recordId: record.recordId, caseId, deadline: deadline.name });
    return { supervisionRecordId: record.recordId };
  },
});
