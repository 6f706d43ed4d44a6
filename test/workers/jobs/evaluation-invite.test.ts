import { expect } from 'chai';
import invite from '../../../workers/jobs/evaluation-invite';
import { completed, NOW, runWorker } from './services-fixtures';

describe('evaluation-invite', () => {
  it('delivers the invitation to the applicant’s inbox', async () => {
    const variables = { caseId: 'HCP-QYKB-1', serviceCaseId: 'QYKB-1', serviceCaseTitle: '企业开办：济南泉城软件有限公司', evaluator: { name: '张三', idNumber: '370102199001011234' }, sentAt: NOW };
    expect(completed(await runWorker(invite, variables)).evaluationInvitation).to.deep.include({ sentAt: NOW });
  });

  it('needs to know whom to invite', async () => {
    const outcome = await runWorker(invite, { caseId: 'HCP-QYKB-1', serviceCaseId: 'QYKB-1', serviceCaseTitle: '企业开办', sentAt: NOW });
    expect(outcome.kind === 'fail' && outcome.errorMessage).to.contain('evaluator');
  });
});
