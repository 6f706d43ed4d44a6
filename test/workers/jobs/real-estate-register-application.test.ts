import { expect } from 'chai';
import worker from '../../../workers/jobs/real-estate-register-application';
import { realEstateApplicationSample } from '../../support/sample-applications';
import { completed, runWorker } from './services-fixtures';

const application = (overrides: Record<string, unknown> = {}) => ({ ...realEstateApplicationSample(), receivedAt: '2025-09-30T10:00:00+08:00', ...overrides });
const agent = { name: '赵六', idNumber: '370102199001011234', powerOfAttorneyNumber: 'WT-2025-0099' };

describe('real-estate-register-application', () => {
  it('registers an application filed by the applicant, naming the type and the property', async () => {
    const variables = completed(await runWorker(worker, application()));
    expect(variables.caseId).to.match(/^BDC-20250930-\d{6}$/);
    expect(variables.caseTitle).to.equal('不动产登记：抵押权首次登记（非涉税）（王五，济南市历下区泉城路1号1单元101室）');
    expect(variables.filing).to.deep.equal({ filedBy: 'applicant', agent: null, principal: { name: '王五', idNumber: '370102198805051234' } });
  });

  it('records both the agent and the principal of an agent filing (帮办代办)', async () => {
    const variables = completed(await runWorker(worker, application({ agentFiling: true, agent })));
    expect(variables.filing).to.deep.equal({ filedBy: 'agent', agent: { ...agent, organisation: null }, principal: { name: '王五', idNumber: '370102198805051234' } });
    expect(variables.caseTitle).to.contain('赵六代办');
  });

  it('refuses an agent filing without an agent, without a power of attorney, or by the applicant himself', async () => {
    const noAgent = await runWorker(worker, application({ agentFiling: true }));
    expect(noAgent.kind === 'fail' && noAgent.errorMessage).to.contain('须填写代办人');
    const noPower = await runWorker(worker, application({ agentFiling: true, agent: { name: '赵六', idNumber: '370102199001011234' } }));
    expect(noPower.kind === 'fail' && noPower.errorMessage).to.contain('授权委托书');
    const self = await runWorker(worker, application({ agentFiling: true, agent: { ...agent, idNumber: '370102198805051234' } }));
    expect(self.kind === 'fail' && self.errorMessage).to.contain('代办人不能是申请人本人');
  });

  it('refuses a registration type the decision table does not know', async () => {
    const outcome = await runWorker(worker, application({ registrationType: 'gift' }));
    expect(outcome.kind).to.equal('fail');
  });
});
