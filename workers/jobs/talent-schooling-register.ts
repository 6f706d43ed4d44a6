import { object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { cardVerificationSchema } from '../schemas/talent-card';
import { newCaseNumber } from '../external/simulated-call';
import { resolveTalentSystem } from '../external/talent-system';

/** Registers a children's-schooling application of a card holder and checks the card. */
export default defineWorker({
  type: 'talent-schooling-register',
  description: 'Validates the schooling application, verifies the 惠才卡 and assigns caseId/caseTitle',
  input: object({
    caseId: string().trim().min(1).nullable().optional(),
    receivedAt: string().required(),
    submittedAt: string().nullable().optional(),
    talent: object({ name: string().trim().required(), idNumber: string().trim().required() }).required(),
    cardNumber: string().trim().required(),
    child: object({ name: string().trim().required(), idNumber: string().trim().required(), grade: string().required() }).required(),
    requestType: string().oneOf(['enrol', 'transfer']).required(),
    preferredDistrict: string().trim().required(),
    currentSchool: string()
      .nullable()
      .when('requestType', { is: 'transfer', then: (schema) => schema.trim().required('currentSchool is required for a transfer') }),
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
      caseId: input.caseId ?? newCaseNumber('ZNRX', input.receivedAt, config.random),
      caseTitle: `子女${input.requestType === 'enrol' ? '入学' : '转学'}：${input.child.name}（${input.talent.name}）`,
      submittedAt: input.submittedAt ?? input.receivedAt,
      cardVerification: verification.reason ? verification : { valid: verification.valid },
    };
  },
});
