import { object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { cardVerificationSchema } from '../schemas/talent-card';
import { newCaseNumber } from '../external/simulated-call';
import { resolveTalentSystem } from '../external/talent-system';

/** Registers a staffing (编制) filing for a card holder and checks the card in the talent system. */
export default defineWorker({
  type: 'talent-staffing-register',
  description: 'Validates the staffing filing, verifies the 惠才卡 and assigns caseId/caseTitle',
  input: object({
    caseId: string().trim().min(1).nullable().optional(),
    receivedAt: string().required(),
    submittedAt: string().nullable().optional(),
    talent: object({ name: string().trim().required(), idNumber: string().trim().required() }).required(),
    cardNumber: string().trim().required(),
    employer: object({ name: string().trim().required(), uscc: string().trim().length(18).required() }).required(),
    competentDepartment: string().trim().required(),
    positionTitle: string().trim().required(),
  }),
  output: object({
    caseId: string().required(),
    caseTitle: string().required(),
    submittedAt: string().required(),
    cardVerification: cardVerificationSchema.required(),
  }),
  async handle(input, { config }) {
    const verification = await resolveTalentSystem(config).verifyCard(input.cardNumber, input.talent.idNumber);
    return {
      caseId: input.caseId ?? newCaseNumber('BZ', input.receivedAt, config.random),
      caseTitle: `编制实名制管理：${input.talent.name}（${input.employer.name}）`,
      submittedAt: input.submittedAt ?? input.receivedAt,
      cardVerification: verification.reason ? verification : { valid: verification.valid },
    };
  },
});
