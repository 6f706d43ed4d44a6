import { expect } from 'chai';
import worker from '../../../workers/jobs/enterprise-notify-result';
import { completed, enterpriseCase, NOW, runWorker } from './services-fixtures';

describe('enterprise-notify-result', () => {
  it('tells the applicant the case is done', async () => {
    const { resultNotification } = completed(await runWorker(worker, { ...enterpriseCase(), outcome: 'completed', sentAt: NOW }));
    expect(resultNotification).to.deep.include({ sentAt: NOW });
  });

  it('needs reasons to tell a rejection', async () => {
    const outcome = await runWorker(worker, { ...enterpriseCase(), outcome: 'rejected', sentAt: NOW });
    expect(outcome.kind === 'fail' && outcome.errorMessage).to.contain('rejectionReasons are required for a rejection');
    expect((await runWorker(worker, { ...enterpriseCase(), outcome: 'rejected', rejectionReasons: '经营范围涉及前置许可', sentAt: NOW })).kind).to.equal('complete');
  });
});
