import { expect } from 'chai';
import worker from '../../../workers/jobs/talent-notify-result';
import { completed, NOW, runWorker, talentApplication } from './services-fixtures';

const base = { ...talentApplication(), caseId: 'HCK-1', caseTitle: '惠才卡核发：李四', sentAt: NOW };

describe('talent-notify-result', () => {
  it('announces an issued card', async () => {
    const variables = completed(await runWorker(worker, { ...base, outcome: 'issued', card: { cardNumber: 'HCK-2025-000001', validUntil: '2030-10-09' } }));
    expect(variables.resultNotification).to.deep.include({ sentAt: NOW });
  });

  it('needs the reasons that belong to each kind of refusal', async () => {
    for (const [outcome, field] of [['rejected', 'rejectionReasons'], ['staffing-returned', 'returnReasons'], ['staffing-refused', 'refusalReasons']]) {
      const refused = await runWorker(worker, { ...base, outcome });
      expect(refused.kind === 'fail' && refused.errorMessage).to.contain(`${field} are required`);
      expect((await runWorker(worker, { ...base, outcome, [field!]: '材料不符合条件' })).kind).to.equal('complete');
    }
  });
});
