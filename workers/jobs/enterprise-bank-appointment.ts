import { object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { resolveBank } from '../external/bank';

/** Sends the online account-opening appointment to the bank branch the applicant chose in the form. */
export default defineWorker({
  type: 'enterprise-bank-appointment',
  description: 'Books the basic-account opening at the chosen bank branch',
  input: object({
    caseId: string().required(),
    uscc: string().length(18).required(),
    enterpriseName: string().required(),
    bankBranch: string().trim().required(),
  }),
  output: object({ bankAppointment: object({ appointmentId: string().required(), bankBranch: string().required() }).required() }),
  async handle(input, { config }) {
    return { bankAppointment: await resolveBank(config).bookAccountOpening(input) };
  },
});
