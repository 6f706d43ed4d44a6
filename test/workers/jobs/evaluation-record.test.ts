import { expect } from 'chai';
import worker from '../../../workers/jobs/evaluation-record';
import { completed, NOW, runWorker } from './services-fixtures';

describe('evaluation-record', () => {
  it('opens a rectification for a real-name bad review', async () => {
    const result = completed(await runWorker(worker, { caseId: 'C1', rating: 'very-dissatisfied', reasons: '窗口让我跑了三次', realName: true, evaluatedAt: NOW }));
    expect(result).to.deep.include({ rectificationRequired: true, rectificationStatus: 'open' });
    expect(result.evaluation).to.deep.include({ rating: 'very-dissatisfied', label: '非常不满意', badReview: true, realName: true });
  });

  it('counts an anonymous bad review without opening a rectification', async () => {
    const result = completed(await runWorker(worker, { caseId: 'C1', rating: 'dissatisfied', reasons: '排队太久', realName: false, evaluatedAt: NOW }));
    expect(result).to.deep.include({ rectificationRequired: false, rectificationStatus: 'none' });
    expect(result.evaluation).to.deep.include({ badReview: true });
  });

  it('opens a rectification for an anonymous bad review when the time-limit table says so', async () => {
    const result = completed(await runWorker(worker, { caseId: 'C1', rating: 'dissatisfied', reasons: '排队太久', realName: false, evaluatedAt: NOW, rectifyAnonymousBadReviews: true }));
    expect(result).to.deep.include({ rectificationRequired: true, rectificationStatus: 'open' });
  });

  it('records a good review as it is', async () => {
    const result = completed(await runWorker(worker, { caseId: 'C1', rating: 'satisfied', realName: true, evaluatedAt: NOW }));
    expect(result).to.deep.include({ rectificationRequired: false });
    expect(result.evaluation).to.deep.include({ label: '满意', badReview: false, reasons: null });
  });

  it('refuses a bad review without reasons and a rating off the scale, saying why', async () => {
    const noReasons = await runWorker(worker, { caseId: 'C1', rating: 'dissatisfied', realName: true, evaluatedAt: NOW });
    expect(noReasons.kind === 'fail' && noReasons.errorMessage).to.contain('reasons are required for a bad review (差评须写明理由)');
    const offScale = await runWorker(worker, { caseId: 'C1', rating: 'great', realName: true, evaluatedAt: NOW });
    expect(offScale.kind === 'fail' && offScale.errorMessage).to.contain('rating must be one of');
  });
});
