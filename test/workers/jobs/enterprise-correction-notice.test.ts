import { expect } from 'chai';
import worker from '../../../workers/jobs/enterprise-correction-notice';
import { completed, enterpriseCase, NOW, runWorker } from './services-fixtures';

describe('enterprise-correction-notice', () => {
  it('delivers the one-time notice and reports when it was sent', async () => {
    const variables = completed(await runWorker(worker, { ...enterpriseCase(), notice: '请补充住所使用证明', stage: 'material-guidance', sentAt: NOW }));
    expect(variables.correctionNoticeId).to.match(/^MSG\d{12}$/);
    expect(variables.correctionRequestedAt).to.equal(NOW);
  });

  it('refuses an empty notice: one notice must list every item', async () => {
    const outcome = await runWorker(worker, { ...enterpriseCase(), notice: '  ', stage: 'registration-review', sentAt: NOW });
    expect(outcome.kind === 'fail' && outcome.errorMessage).to.contain('notice (the one-time notice text) is required');
  });

  it('fails with one retry fewer when the inbox is down', async () => {
    const outcome = await runWorker(worker, { ...enterpriseCase(), notice: '请补充', stage: 'material-guidance', sentAt: NOW }, { ONEGO_SIM_FAILURE_RATE: '1' });
    expect(outcome).to.include({ kind: 'fail', retries: 2 });
  });
});
