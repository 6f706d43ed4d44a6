import { expect } from 'chai';
import type { JobContext } from '../../../workers/define-worker';
import { runJob } from '../../../workers/run-job';
const context = (type: string, env: Record<string, string> = {}): JobContext => ({
  job: { key: '1', type, processInstanceKey: '2', bpmnProcessId: 'engineering-approval', elementId: 'Task', retries: 3, customHeaders: {} },
  config: { env: { ONEGO_SIM_FAILURE_RATE: '0', ONEGO_SIM_DELAY_MS: '0', ...env }, random: () => 0.42 },
  log: { info() {}, warn() {} },
});
const at = '2025-09-30T09:00:00+08:00[Asia/Shanghai]';
import worker from '../../../workers/jobs/engineering-drawing-spot-check';

describe('engineering-drawing-spot-check', () => {
  it('registers the committed drawings for the spot check', async () => {
    const outcome = await runJob(worker, { caseId: 'GC-1', projectCode: '2025-370102-47-01-000001', designUnit: '某某设计院', at }, context(worker.type));

    expect(outcome.kind).to.equal('complete');
    if (outcome.kind !== 'complete') return;
    expect(outcome.variables.spotCheckScheduled).to.equal(true);
    expect(outcome.variables.spotCheckId).to.match(/^SPOT-/);
  });

  it('needs the design unit that answers for the drawings', async () => {
    const outcome = await runJob(worker, { caseId: 'GC-1', projectCode: 'x', at }, context(worker.type));

    expect(outcome).to.include({ kind: 'fail', retries: 0 });
    if (outcome.kind === 'fail') expect(outcome.errorMessage).to.contain('designUnit');
  });
});
