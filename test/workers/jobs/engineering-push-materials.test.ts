import { expect } from 'chai';
import type { JobContext } from '../../../workers/define-worker';
import { runJob } from '../../../workers/run-job';
const context = (type: string, env: Record<string, string> = {}): JobContext => ({
  job: { key: '1', type, processInstanceKey: '2', bpmnProcessId: 'engineering-approval', elementId: 'Task', retries: 3, customHeaders: {} },
  config: { env: { ONEGO_SIM_FAILURE_RATE: '0', ONEGO_SIM_DELAY_MS: '0', ...env }, random: () => 0.42 },
  log: { info() {}, warn() {} },
});
const at = '2025-09-30T09:00:00+08:00[Asia/Shanghai]';
import worker from '../../../workers/jobs/engineering-push-materials';

describe('engineering-push-materials', () => {
  it('pushes once to each department of the stage and returns one receipt each', async () => {
    const stageItems = [
      { code: 'project-approval', department: 'development-reform' },
      { code: 'land-preexamination', department: 'natural-resources' },
      { code: 'land-use-planning-permit', department: 'natural-resources' },
    ];

    const outcome = await runJob(worker, { caseId: 'GC-1', stage: 1, projectCode: '2025-370102-47-01-000001', stageItems, at }, context(worker.type));

    expect(outcome.kind).to.equal('complete');
    if (outcome.kind !== 'complete') return;
    const receipts = outcome.variables.receipts as Array<{ department: string; receiptId: string }>;
    expect(receipts.map((receipt) => receipt.department)).to.deep.equal(['development-reform', 'natural-resources']);
    expect(receipts[0]!.receiptId).to.match(/^PUSH-1-/);
    expect(outcome.variables.pushedAt).to.equal(at);
  });

  it('fails with one retry fewer when the approval system is down', async () => {
    const outcome = await runJob(
      worker,
      { caseId: 'GC-1', stage: 1, projectCode: 'x', stageItems: [{ code: 'a', department: 'b' }], at },
      context(worker.type, { ONEGO_SIM_FAILURE_RATE: '1' }),
    );

    expect(outcome).to.include({ kind: 'fail', retries: 2 });
    if (outcome.kind === 'fail') expect(outcome.errorMessage).to.contain('simulated transient failure');
  });

  it('refuses a time that is not an instant', async () => {
    const outcome = await runJob(worker, { caseId: 'GC-1', stage: 1, projectCode: 'x', stageItems: [{ code: 'a', department: 'b' }], at: 'yesterday' }, context(worker.type));

    expect(outcome).to.include({ kind: 'fail', retries: 0 });
    if (outcome.kind === 'fail') expect(outcome.errorMessage).to.contain('at must be an ISO-8601 date-time');
  });
});
