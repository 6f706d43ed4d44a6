import { expect } from 'chai';
import worker, { DEFAULT_APPROVAL_LEVELS } from '../../../workers/jobs/talent-register-application';
import { completed, runWorker, talentApplication } from './services-fixtures';

describe('talent-register-application', () => {
  it('registers a reviewed application with the default chain and expert panel', async () => {
    const variables = completed(await runWorker(worker, talentApplication()));
    expect(variables.caseId).to.match(/^HCK-20250930-\d{6}$/);
    expect(variables).to.include({ caseTitle: '惠才卡核发：李四（山东省某研究院）', category: 'reviewed', staffingRequested: true });
    expect(variables.approvalLevels).to.deep.equal(DEFAULT_APPROVAL_LEVELS);
    expect(variables.experts).to.deep.equal(['expert-1', 'expert-2', 'expert-3']);
  });

  it('takes the chain and the panel from the configuration', async () => {
    const levels = [{ code: 'unit', name: '单位', group: 'service-commissioners' }, { code: 'city', name: '市人社局', group: 'hrss' }, { code: 'dept', name: '省直主管部门', group: 'development-reform' }];
    const env = { ONEGO_TALENT_APPROVAL_LEVELS: JSON.stringify(levels), ONEGO_TALENT_EXPERTS: 'wang, zhao' };
    const variables = completed(await runWorker(worker, talentApplication(), env));
    expect(variables.approvalLevels).to.deep.equal(levels);
    expect(variables.experts).to.deep.equal(['wang', 'zhao']);
  });

  it('refuses a chain configuration that is not JSON', async () => {
    const outcome = await runWorker(worker, talentApplication(), { ONEGO_TALENT_APPROVAL_LEVELS: 'employer,city' });
    expect(outcome.kind === 'fail' && outcome.errorMessage).to.contain('Expected ONEGO_TALENT_APPROVAL_LEVELS to be a JSON array');
  });

  it('needs the nominating department for a direct-issuance list entry', async () => {
    const direct = talentApplication({ category: 'direct', staffingRequested: false, staffing: undefined });
    const outcome = await runWorker(worker, direct);
    expect(outcome.kind === 'fail' && outcome.errorMessage).to.contain('nominatingDepartment is required for direct issuance');
    expect(completed(await runWorker(worker, { ...direct, nominatingDepartment: '省科技厅' }))).to.include({ category: 'direct', staffingRequested: false });
  });

  it('needs the staffing details when the staffing green channel is requested', async () => {
    const outcome = await runWorker(worker, talentApplication({ staffing: null }));
    expect(outcome.kind === 'fail' && outcome.errorMessage).to.contain('staffing details are required');
  });
});
