import { expect } from 'chai';
import type { JobContext } from '../../../workers/define-worker';
import { runJob } from '../../../workers/run-job';
const context = (type: string, env: Record<string, string> = {}): JobContext => ({
  job: { key: '1', type, processInstanceKey: '2', bpmnProcessId: 'engineering-approval', elementId: 'Task', retries: 3, customHeaders: {} },
  config: { env: { ONEGO_SIM_FAILURE_RATE: '0', ONEGO_SIM_DELAY_MS: '0', ...env }, random: () => 0.42 },
  log: { info() {}, warn() {} },
});
const at = '2025-09-30T09:00:00+08:00[Asia/Shanghai]';
import worker from '../../../workers/jobs/engineering-issue-permit';

const base = { caseId: 'GC-1', projectCode: '2025-370102-47-01-000001', applicant: { name: '山东某某建设有限公司' }, at };

describe('engineering-issue-permit', () => {
  it('issues the construction permit in stage 3 and adds it to the case permits', async () => {
    const earlier = [{ stage: 1, title: '建设用地规划许可证', certificateNo: 'CERT-1', holder: '山东某某建设有限公司', issuedAt: at }];

    const outcome = await runJob(worker, { ...base, stage: 3, permits: earlier }, context(worker.type));

    expect(outcome.kind).to.equal('complete');
    if (outcome.kind !== 'complete') return;
    const permit = outcome.variables.permit as { title: string; certificateNo: string; issuedAt: string };
    expect(permit.title).to.equal('建筑工程施工许可证');
    expect(permit.certificateNo).to.match(/^CERT-/);
    expect(permit.issuedAt).to.equal(at);
    expect((outcome.variables.permits as Array<{ stage: number }>).map((p) => p.stage)).to.deep.equal([1, 3]);
  });

  it('ends stage 4 with the joint acceptance opinion', async () => {
    const outcome = await runJob(worker, { ...base, stage: 4 }, context(worker.type));

    expect(outcome.kind).to.equal('complete');
    if (outcome.kind !== 'complete') return;
    expect((outcome.variables.permit as { title: string }).title).to.equal('竣工联合验收意见书');
  });

  it('refuses to issue without a holder', async () => {
    const outcome = await runJob(worker, { caseId: 'GC-1', projectCode: 'x', stage: 1, at }, context(worker.type));

    expect(outcome).to.include({ kind: 'fail', retries: 0 });
  });
});
