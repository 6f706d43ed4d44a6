import { expect } from 'chai';
import worker from '../../../workers/jobs/talent-issue-card';
import { completed, runWorker, talentApplication } from './services-fixtures';

describe('talent-issue-card', () => {
  it('issues a card with number, category, five-year validity and the green-channel services', async () => {
    const { card } = completed(await runWorker(worker, { ...talentApplication(), caseId: 'HCK-1', issuedAt: '2025-10-09T09:00:00+08:00' }));
    expect(card).to.deep.include({ category: 'reviewed', validFrom: '2025-10-09', validUntil: '2030-10-09' });
    expect((card as { cardNumber: string }).cardNumber).to.match(/^HCK-2025-\d{6}$/);
    expect((card as { services: string[] }).services).to.include('编制实名制管理');
  });

  it('refuses an unknown category', async () => {
    expect(await runWorker(worker, { ...talentApplication({ category: 'honorary' }), caseId: 'HCK-1', issuedAt: '2025-10-09T09:00:00+08:00' })).to.include({
      kind: 'fail',
      retries: 0,
    });
  });
});
