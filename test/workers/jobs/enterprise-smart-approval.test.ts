import { expect } from 'chai';
import worker from '../../../workers/jobs/enterprise-smart-approval';
import { completed, enterpriseCase, runWorker } from './services-fixtures';

describe('enterprise-smart-approval', () => {
  it('approves a plain application automatically', async () => {
    expect(completed(await runWorker(worker, enterpriseCase()))).to.deep.equal({
      smartApprovalPassed: true,
      smartApprovalReasons: [],
      registrationDecision: 'approve',
    });
  });

  it('hands a name with reserved words to a person, saying why', async () => {
    const variables = completed(await runWorker(worker, enterpriseCase({ enterpriseName: '中国泉城软件有限公司' })));
    expect(variables).to.include({ smartApprovalPassed: false, registrationDecision: 'review' });
    expect(variables.smartApprovalReasons).to.deep.equal(['企业名称含有需人工审查的字词']);
  });
});
