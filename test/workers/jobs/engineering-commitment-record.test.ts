import { expect } from 'chai';
import type { JobContext } from '../../../workers/define-worker';
import { runJob } from '../../../workers/run-job';
const context = (type: string, env: Record<string, string> = {}): JobContext => ({
  job: { key: '1', type, processInstanceKey: '2', bpmnProcessId: 'engineering-approval', elementId: 'Task', retries: 3, customHeaders: {} },
  config: { env: { ONEGO_SIM_FAILURE_RATE: '0', ONEGO_SIM_DELAY_MS: '0', ...env }, random: () => 0.42 },
  log: { info() {}, warn() {} },
});
const at = '2025-09-30T09:00:00+08:00[Asia/Shanghai]';
import worker from '../../../workers/jobs/engineering-commitment-record';

describe('engineering-commitment-record', () => {
  it('records one commitment per tolerated item, due before the construction permit when made in stage 1', async () => {
    const outcome = await runJob(worker, { caseId: 'GC-1', stage: 1, kind: 'tolerated-acceptance', items: ['eia', 'soil-water'], commitments: [], at }, context(worker.type));

    expect(outcome.kind).to.equal('complete');
    if (outcome.kind !== 'complete') return;
    const commitments = outcome.variables.commitments as Array<Record<string, unknown>>;
    expect(commitments.map((c) => [c.item, c.department, c.dueBeforeStage, c.fulfilled])).to.deep.equal([
      ['eia', 'ecology-environment', 3, false],
      ['soil-water', 'water-resources', 3, false],
    ]);
    expect(commitments[0]!.id).to.match(/^CMT-/);
  });

  it('keeps earlier commitments and does not record an open one twice', async () => {
    const first = await runJob(worker, { caseId: 'GC-1', stage: 1, kind: 'tolerated-acceptance', items: ['eia'], at }, context(worker.type));
    if (first.kind !== 'complete') throw new Error('first recording failed');

    const second = await runJob(worker, { caseId: 'GC-1', stage: 2, kind: 'tolerated-acceptance', items: ['eia', 'water-extraction'], commitments: first.variables.commitments, at }, context(worker.type));

    expect(second.kind).to.equal('complete');
    if (second.kind !== 'complete') return;
    expect((second.variables.commitments as Array<{ item: string; stage: number }>).map((c) => [c.item, c.stage])).to.deep.equal([
      ['eia', 1],
      ['water-extraction', 2],
    ]);
  });

  it('leaves commitments of the construction stages to post-event supervision', async () => {
    const outcome = await runJob(worker, { caseId: 'GC-1', stage: 3, kind: 'tolerated-acceptance', items: ['assessment-report'], at }, context(worker.type));

    expect(outcome.kind).to.equal('complete');
    if (outcome.kind !== 'complete') return;
    expect((outcome.variables.commitments as Array<{ dueBeforeStage: unknown }>)[0]!.dueBeforeStage).to.equal(null);
  });

  it('refuses an item that may not be tolerated', async () => {
    const outcome = await runJob(worker, { caseId: 'GC-1', stage: 1, kind: 'tolerated-acceptance', items: ['construction-permit'], at }, context(worker.type));

    expect(outcome).to.include({ kind: 'fail', retries: 0 });
  });
});
