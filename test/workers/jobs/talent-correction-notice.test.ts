import { expect } from 'chai';
import worker from '../../../workers/jobs/talent-correction-notice';
import { completed, NOW, runWorker, talentApplication } from './services-fixtures';

describe('talent-correction-notice', () => {
  it('sends the talent one notice listing the missing materials', async () => {
    const variables = completed(
      await runWorker(worker, { ...talentApplication(), caseId: 'HCK-1', caseTitle: '惠才卡核发：李四', notice: '请上传聘用合同', stage: 'commissioner', sentAt: NOW }),
    );
    expect(variables).to.include({ correctionRequestedAt: NOW });
  });

  it('refuses an empty notice', async () => {
    const outcome = await runWorker(worker, { ...talentApplication(), caseId: 'HCK-1', caseTitle: 't', notice: '', stage: 'commissioner', sentAt: NOW });
    expect(outcome).to.include({ kind: 'fail', retries: 0 });
  });
});
