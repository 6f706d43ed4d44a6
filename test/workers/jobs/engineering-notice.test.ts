import { expect } from 'chai';
import type { JobContext } from '../../../workers/define-worker';
import { runJob } from '../../../workers/run-job';
const context = (type: string, env: Record<string, string> = {}): JobContext => ({
  job: { key: '1', type, processInstanceKey: '2', bpmnProcessId: 'engineering-approval', elementId: 'Task', retries: 3, customHeaders: {} },
  config: { env: { ONEGO_SIM_FAILURE_RATE: '0', ONEGO_SIM_DELAY_MS: '0', ...env }, random: () => 0.42 },
  log: { info() {}, warn() {} },
});
const at = '2025-09-30T09:00:00+08:00[Asia/Shanghai]';
import worker from '../../../workers/jobs/engineering-notice';

const base = { caseId: 'GC-1', caseTitle: '某某产业园项目', applicant: { name: '山东某某建设有限公司', uscc: '91370100MA3C000000' }, stage: 1, at };

describe('engineering-notice', () => {
  it('puts every defect of every department into one numbered notice', async () => {
    const defects = [
      { source: 'review', item: '用地预审与选址意见书', department: 'natural-resources', description: '缺少界址点坐标' },
      { source: 'review', item: '环境影响评价审批', department: 'ecology-environment', description: '报告表缺少大气预测' },
      { source: 'review', item: '建设用地规划许可证', department: 'natural-resources', description: '红线图比例不符' },
    ];

    const outcome = await runJob(worker, { ...base, noticeKind: 'correction', defects }, context(worker.type));

    expect(outcome.kind).to.equal('complete');
    if (outcome.kind !== 'complete') return;
    const notice = outcome.variables.notice as { text: string; subject: string; items: unknown[]; sentAt: string };
    expect(notice.subject).to.equal('某某产业园项目：补正材料一次性告知书');
    expect(notice.items).to.have.length(3);
    expect(notice.text).to.contain('1. 【natural-resources】用地预审与选址意见书：缺少界址点坐标');
    expect(notice.text).to.contain('2. 【natural-resources】建设用地规划许可证：红线图比例不符');
    expect(notice.text).to.contain('3. 【ecology-environment】环境影响评价审批：报告表缺少大气预测');
    expect(notice.text).to.contain('不计入审批时限');
    expect(notice.sentAt).to.equal(at);
  });

  it('states the refusal and its reasons', async () => {
    const defects = [{ source: 'rejection', item: '项目审批（核准、备案）', department: 'development-reform', description: '属于禁止类产业' }];

    const outcome = await runJob(worker, { ...base, noticeKind: 'rejection', defects, reasons: '不符合产业政策' }, context(worker.type));

    expect(outcome.kind).to.equal('complete');
    if (outcome.kind !== 'complete') return;
    expect((outcome.variables.notice as { text: string }).text).to.contain('不予许可。理由：不符合产业政策');
  });

  it('refuses to send an empty notice', async () => {
    const outcome = await runJob(worker, { ...base, noticeKind: 'correction', defects: [] }, context(worker.type));

    expect(outcome).to.include({ kind: 'fail', retries: 0 });
    if (outcome.kind === 'fail') expect(outcome.errorMessage).to.contain('defects must list at least one item');
  });

  it('refuses an unknown kind of notice', async () => {
    const outcome = await runJob(worker, { ...base, noticeKind: 'reminder', defects: [{ source: 's', item: 'i', department: 'd' }] }, context(worker.type));

    expect(outcome).to.include({ kind: 'fail', retries: 0 });
  });
});
