import { expect } from 'chai';
import worker from '../../../workers/jobs/talent-schooling-register';
import { completed, NOW, runWorker } from './services-fixtures';

const application = {
  receivedAt: NOW,
  talent: { name: '李四', idNumber: '370102198502021234' },
  cardNumber: 'HCK-2025-123456',
  child: { name: '李小四', idNumber: '370102201801011234', grade: 'primary-1' },
  requestType: 'enrol',
  preferredDistrict: '历下区',
};

describe('talent-schooling-register', () => {
  it('registers the application and confirms the card', async () => {
    const variables = completed(await runWorker(worker, application));
    expect(variables.caseId).to.match(/^ZNRX-20250930-\d{6}$/);
    expect(variables).to.deep.include({ caseTitle: '子女入学：李小四（李四）', cardVerification: { valid: true } });
  });

  it('needs the current school for a transfer', async () => {
    const outcome = await runWorker(worker, { ...application, requestType: 'transfer' });
    expect(outcome.kind === 'fail' && outcome.errorMessage).to.contain('currentSchool is required for a transfer');
    expect((await runWorker(worker, { ...application, requestType: 'transfer', currentSchool: '青岛某小学' })).kind).to.equal('complete');
  });
});
