import { object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { resolveStaffingSystem } from '../external/staffing-system';

/** Records the card holder in the institution's staffing quota once the staffing office agreed. */
export default defineWorker({
  type: 'talent-staffing-record',
  description: 'Files the real-name staffing record in the provincial staffing management system',
  input: object({
    caseId: string().required(),
    cardNumber: string().required(),
    talent: object({ name: string().required() }).required(),
    employer: object({ uscc: string().required() }).required(),
    positionTitle: string().required(),
  }),
  output: object({
    staffingFiling: object({ filingNumber: string().required() }).required(),
    staffingOutcome: string().oneOf(['included']).required(),
  }),
  async handle(input, { config }) {
    const filing = await resolveStaffingSystem(config).recordRealName({
      caseId: input.caseId,
      cardNumber: input.cardNumber,
      talentName: input.talent.name,
      employerUscc: input.employer.uscc,
      positionTitle: input.positionTitle,
    });
    return { staffingFiling: filing, staffingOutcome: 'included' as const };
  },
});
