import { expect } from 'chai';
import type { JobContext } from '../../../workers/define-worker';
import { runJob } from '../../../workers/run-job';
const context = (type: string, env: Record<string, string> = {}): JobContext => ({
  job: { key: '1', type, processInstanceKey: '2', bpmnProcessId: 'engineering-approval', elementId: 'Task', retries: 3, customHeaders: {} },
  config: { env: { ONEGO_SIM_FAILURE_RATE: '0', ONEGO_SIM_DELAY_MS: '0', ...env }, random: () => 0.42 },
  log: { info() {}, warn() {} },
});
const at = '2025-09-30T09:00:00+08:00[Asia/Shanghai]';
import worker from '../../../workers/jobs/engineering-commitment-check';

const commitment = (item: string, dueBeforeStage: number | null, fulfilled = false) => ({
  id: `CMT-${item}`, item, name: item, department: 'ecology-environment', stage: 1, kind: 'tolerated-acceptance', dueBeforeStage, fulfilled, evidence: null, recordedAt: at,
});

describe('engineering-commitment-check', () => {
  it('passes when there are no commitments', async () => {
    const outcome = await runJob(worker, { caseId: 'GC-1', beforeStage: 3 }, context(worker.type));

    expect(outcome).to.deep.equal({ kind: 'complete', variables: { commitments: [], openCommitments: [] } });
  });

  it('marks a commitment fulfilled when its approval document is on record, and keeps the others open', async () => {
    const commitments = [commitment('eia', 3), commitment('soil-water', 3)];
    const evidence = [{ item: 'eia', documentNo: '济环审〔2025〕12号' }];

    const outcome = await runJob(worker, { caseId: 'GC-1', beforeStage: 3, commitments, evidence }, context(worker.type));

    expect(outcome.kind).to.equal('complete');
    if (outcome.kind !== 'complete') return;
    const checked = outcome.variables.commitments as Array<{ item: string; fulfilled: boolean; evidence: unknown }>;
    expect(checked.map((c) => [c.item, c.fulfilled, c.evidence])).to.deep.equal([
      ['eia', true, '济环审〔2025〕12号'],
      ['soil-water', false, null],
    ]);
    expect((outcome.variables.openCommitments as Array<{ item: string }>).map((c) => c.item)).to.deep.equal(['soil-water']);
  });

  it('does not accept a document number the approval system does not know', async () => {
    const outcome = await runJob(worker, { caseId: 'GC-1', beforeStage: 3, commitments: [commitment('eia', 3)], evidence: [{ item: 'eia', documentNo: 'will send later' }] }, context(worker.type));

    expect(outcome.kind).to.equal('complete');
    if (outcome.kind !== 'complete') return;
    expect(outcome.variables.openCommitments).to.have.length(1);
  });

  it('ignores commitments left to post-event supervision', async () => {
    const outcome = await runJob(worker, { caseId: 'GC-1', beforeStage: 3, commitments: [commitment('assessment-report', null)] }, context(worker.type));

    expect(outcome.kind).to.equal('complete');
    if (outcome.kind !== 'complete') return;
    expect(outcome.variables.openCommitments).to.deep.equal([]);
  });
});
