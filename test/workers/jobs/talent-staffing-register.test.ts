import { expect } from 'chai';
import worker from '../../../workers/jobs/talent-staffing-register';
import { completed, NOW, runWorker } from './services-fixtures';

const filing = {
  receivedAt: NOW,
  talent: { name: '李四', idNumber: '370102198502021234' },
  cardNumber: 'HCK-2025-123456',
  employer: { name: '山东省某研究院', uscc: '12370000MB1234567X' },
  competentDepartment: 'education',
  positionTitle: '研究员',
};

describe('talent-staffing-register', () => {
  it('registers the filing and confirms the card is valid', async () => {
    const variables = completed(await runWorker(worker, filing));
    expect(variables.caseId).to.match(/^BZ-20250930-\d{6}$/);
    expect(variables).to.deep.include({ caseTitle: '编制实名制管理：李四（山东省某研究院）', cardVerification: { valid: true } });
  });

  it('keeps the case id the card process hands over', async () => {
    expect(completed(await runWorker(worker, { ...filing, caseId: 'HCK-1-BZ' }))).to.include({ caseId: 'HCK-1-BZ' });
  });

  it('reports an invalid card for the pre-review to see', async () => {
    const variables = completed(await runWorker(worker, { ...filing, cardNumber: 'X-1' }));
    expect(variables.cardVerification).to.deep.equal({ valid: false, reason: '卡号 X-1 不是有效的山东惠才卡卡号' });
  });
});
