import { expect } from 'chai';
import worker from '../../../workers/jobs/enterprise-register-application';
import { completed, enterpriseApplication, runWorker } from './services-fixtures';

describe('enterprise-register-application', () => {
  it('gives a natural-person LLC a case id and a Chinese title, leaving smart approval to the decision table', async () => {
    const variables = completed(await runWorker(worker, enterpriseApplication()));
    expect(variables.caseId).to.match(/^QYKB-20250930-\d{6}$/);
    expect(variables).to.include({ caseTitle: '企业开办：济南泉城软件有限公司', submittedAt: '2025-09-30T10:00:00+08:00' });
    expect(variables).to.not.have.property('smartApprovalEligible');
  });

  it('refuses an entity type the form does not offer, naming it', async () => {
    const outcome = await runWorker(worker, enterpriseApplication({ entityType: 'state-owned' }));
    expect(outcome).to.include({ kind: 'fail', retries: 0 });
    expect(outcome.kind === 'fail' && outcome.errorMessage).to.contain('entityType');
  });

  it('records an agent filing (帮办代办) with the agent, the principal and the power of attorney', async () => {
    const agent = { name: '王帮办', idNumber: '370102198808081234', powerOfAttorneyNumber: 'WT-1' };
    const variables = completed(await runWorker(worker, enterpriseApplication({ agentFiling: true, agent })));
    expect(variables.filing).to.deep.equal({
      filedBy: 'agent',
      principal: { name: '张三', idNumber: '370102199001011234' },
      agent: { name: '王帮办', idNumber: '370102198808081234', powerOfAttorneyNumber: 'WT-1', organisation: null },
    });
  });

  it('refuses an agent filing without a power of attorney, or by the applicant himself, in Chinese and English', async () => {
    const missing = await runWorker(worker, enterpriseApplication({ agentFiling: true, agent: { name: '王帮办', idNumber: '370102198808081234' } }));
    expect(missing.kind === 'fail' && missing.errorMessage).to.contain('power').and.contain('授权委托书');
    const self = await runWorker(worker, enterpriseApplication({ agentFiling: true, agent: { name: '张三', idNumber: '370102199001011234', powerOfAttorneyNumber: 'WT-2' } }));
    expect(self.kind === 'fail' && self.errorMessage).to.contain('代办人不能是申请人本人');
  });

  it('records the applicant’s own filing when no agent acts', async () => {
    const variables = completed(await runWorker(worker, enterpriseApplication()));
    expect(variables.filing).to.deep.include({ filedBy: 'applicant', agent: null });
  });

  it('keeps the case id and submission time the portal already gave', async () => {
    const variables = completed(await runWorker(worker, enterpriseApplication({ caseId: 'PORTAL-1', submittedAt: '2025-09-30T09:00:00+08:00' })));
    expect(variables).to.include({ caseId: 'PORTAL-1', submittedAt: '2025-09-30T09:00:00+08:00' });
  });

  it('refuses mailing without a mailing address, naming it', async () => {
    const outcome = await runWorker(worker, enterpriseApplication({ deliveryMode: 'mail' }));
    expect(outcome).to.include({ kind: 'fail', retries: 0 });
    expect(outcome.kind === 'fail' && outcome.errorMessage).to.contain('mailingAddress is required when deliveryMode is mail');
  });

  it('accepts mailing with a complete mailing address', async () => {
    const mailingAddress = { recipient: '张三', phone: '13800000000', address: '济南市历下区泉城路1号' };
    expect((await runWorker(worker, enterpriseApplication({ deliveryMode: 'mail', mailingAddress }))).kind).to.equal('complete');
  });

  it('refuses a malformed ID number and an unknown entity type', async () => {
    const outcome = await runWorker(worker, enterpriseApplication({ applicant: { name: '张三', idNumber: '123' }, entityType: 'guild' }));
    expect(outcome.kind === 'fail' && outcome.errorMessage).to.match(/applicant\.idNumber must be an 18-character resident ID number.*entityType must be one of/);
  });
});
