import { array, object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { resolveTalentSystem } from '../external/talent-system';

/** Makes and issues the 山东惠才卡 in the provincial talent system. */
export default defineWorker({
  type: 'talent-issue-card',
  description: 'Makes and issues the 惠才卡: card number, category, validity and entitled green-channel services',
  input: object({
    caseId: string().required(),
    talent: object({ name: string().required(), idNumber: string().required() }).required(),
    category: string().oneOf(['direct', 'reviewed', 'evaluated']).required(),
    issuedAt: string().required(),
  }),
  output: object({
    card: object({
      cardNumber: string().matches(/^HCK-\d{4}-\d{6}$/).required(),
      category: string().required(),
      validFrom: string().required(),
      validUntil: string().required(),
      services: array(string().required()).min(1).required(),
    }).required(),
  }),
  async handle(input, { config }) {
    const card = await resolveTalentSystem(config).issueCard({
      caseId: input.caseId,
      talentName: input.talent.name,
      talentIdNumber: input.talent.idNumber,
      category: input.category,
      issuedOn: input.issuedAt,
    });
    return { card };
  },
});
