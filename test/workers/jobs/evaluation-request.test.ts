import { expect } from 'chai';
import worker from '../../../workers/jobs/evaluation-request';
import type { OutgoingMessage } from '../../../workers/define-worker';
import { runJob } from '../../../workers/run-job';
import { completed, fakeContext, NOW } from './services-fixtures';

const variables = {
  caseId: 'QYKB-1',
  caseTitle: '企业开办：济南泉城软件有限公司',
  evaluator: { name: '张三', idNumber: '370102199001011234' },
  serviceProcess: 'enterprise-opening',
  responsibleDepartment: 'market-regulation',
  completedAt: NOW,
};

describe('evaluation-request', () => {
  it('publishes service-completed once per case, with the applicant and the responsible department', async () => {
    const published: OutgoingMessage[] = [];
    const context = { ...fakeContext(worker.type), messages: { publish: async (message: OutgoingMessage) => void published.push(message) } };
    completed(await runJob(worker, variables, context));
    expect(published).to.have.length(1);
    expect(published[0]).to.deep.include({ name: 'service-completed', correlationKey: 'QYKB-1', messageId: 'service-completed:QYKB-1' });
    expect(published[0]!.variables).to.deep.include({ serviceProcess: 'enterprise-opening', responsibleDepartment: 'market-regulation', serviceCompletedAt: NOW });
  });

  it('fails the job, keeping its retries, when the runtime gives it no way to publish', async () => {
    const outcome = await runJob(worker, variables, fakeContext(worker.type));
    expect(outcome.kind === 'fail' && outcome.errorMessage).to.contain('Expected a message publisher');
    expect(outcome.kind === 'fail' && outcome.retries).to.equal(2);
  });
});
