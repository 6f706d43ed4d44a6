import { expect } from 'chai';
import type { Variables } from '../../engine/api';
import {
  completedJobs,
  completeTask,
  moveClockTo,
  openTasks,
  publish,
  recordedVariables,
  records,
  shanghai,
  startServiceBed,
  stopServiceBed,
  waitFor,
  waitForElement,
  waitForTasks,
  waitForVariable,
  type ServiceBed,
} from './service-bed';
import { medicalInsuranceApplicationSample, SAMPLE_INSURED_ID } from '../support/sample-applications';
import { claimAndComplete, startCaseAs, taskSeenBy } from './demo-staff';

/*
 * Whole runs of bpmn/medical-insurance-transfer.bpmn on our engine with the real forms and workers; the
 * controlled clock crosses National Day 2025 and Spring Festival 2026 (15–23 February off, Saturdays
 * 14 and 28 February make-up working days).
 */

const FILES = [
  'bpmn/medical-insurance-transfer.bpmn',
  'bpmn/medical-insurance-time-limits.dmn',
  'forms/medical-insurance-application.form',
  'forms/medical-insurance-application-review.form',
  'forms/medical-insurance-transfer-out-verification.form',
  'forms/refusal-approval.form',
  'forms/supervision.form',
];

function application(caseId: string): Variables {
  return { caseId, ...medicalInsuranceApplicationSample() };
}

async function startCase(bed: ServiceBed, caseId: string): Promise<string> {
  const created = await bed.zeebe.createProcessInstance({ bpmnProcessId: 'medical-insurance-transfer', variables: application(caseId) as never });
  return created.processInstanceKey;
}

describe('the medical-insurance-transfer process on our engine', function () {
  this.timeout(120_000);
  let bed: ServiceBed | undefined;

  afterEach(async () => {
    await stopServiceBed(bed);
    bed = undefined;
  });

  it('transfers the relationship electronically within 15 working days: certificate, account, merged years, insured told', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:00:00'), FILES);
    const key = await startCase(bed, 'YBZY-E2E-HAPPY');

    const deadline = await waitForVariable<{ dueAt: string }>(bed, key, 'deadline_case');
    // 29–30 September, National Day 1–8 October off, Saturday 11 October worked: the 15th working day is 24 October.
    expect(deadline.dueAt).to.equal('2025-10-24T17:30:00+08:00');

    await completeTask(bed, key, 'Task_ReviewApplication', { reviewDecision: 'accept' });
    await completeTask(bed, key, 'Task_TransferOutVerification', { transferOutDecision: 'confirm' });
    await waitForElement(bed, key, 'End_Completed');

    const result = recordedVariables(bed, key);
    expect(result.transferRequestId).to.match(/^ZY\d{12}$/);
    const certificate = result.participationCertificate as { certificateNumber: string; contributionMonths: number; personalAccountBalance: number };
    expect(certificate.certificateNumber).to.match(/^CBPZ\d{12}$/);
    expect(result.fundTransfer).to.deep.include({ amount: certificate.personalAccountBalance });
    expect(result.mergedRelationship).to.deep.equal({
      totalContributionMonths: certificate.contributionMonths,
      creditedAmount: certificate.personalAccountBalance,
      benefitsContinuous: true,
    });
    expect(completedJobs(bed, key, 'medical-insurance-notify-insured')).to.have.length(1);
  });

  it('routes a 青岛 → 济南 transfer to each city’s own agency: 济南 accepts and merges, 青岛 verifies and transfers out', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:00:00'), FILES);
    const created = await bed.zeebe.createProcessInstance({
      bpmnProcessId: 'medical-insurance-transfer',
      variables: { ...application('YBZY-E2E-QD-JN'), jurisdiction: '370100', transferOutJurisdiction: '370200' } as never,
    });
    const key = created.processInstanceKey;

    const [review] = await waitForTasks(bed, key, 'Task_ReviewApplication');
    expect(review!.candidateGroups).to.deep.equal(['medical-insurance-370100']);
    await bed.server.engine.completeUserTask(review!.userTaskKey, { reviewDecision: 'accept' });
    const [verification] = await waitForTasks(bed, key, 'Task_TransferOutVerification');
    expect(verification!.candidateGroups).to.deep.equal(['medical-insurance-370200']);
    await bed.server.engine.completeUserTask(verification!.userTaskKey, { transferOutDecision: 'confirm' });
    await waitForElement(bed, key, 'End_Completed');

    // The 好差评 of the case goes to the agency that owns it, the transfer-in place.
    const request = completedJobs(bed, key, 'evaluation-request')[0]!;
    expect(request.value.elementId).to.equal('End_Completed');
    const published = await waitFor(bed, 'the service-completed message', () =>
      records(bed!, (r) => r.valueType === 'MESSAGE' && r.intent === 'PUBLISHED' && r.value.name === 'service-completed' && r.value.correlationKey === 'YBZY-E2E-QD-JN')[0],
    );
    const variables = published.value.variables;
    expect(typeof variables === 'string' ? JSON.parse(variables) : variables).to.deep.include({ responsibleDepartment: 'medical-insurance-370100', jurisdiction: '370100' });
  });

  it('is worked by each city’s own people in the task list: 济南’s clerk accepts, 青岛’s clerk transfers out, neither sees the other’s step', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:00:00'), FILES, {}, { auth: 'demo' });
    const key = await startCaseAs(bed, 'jinan.yibao', 'medical-insurance-transfer', { ...application('YBZY-E2E-QD-JN-STAFF'), jurisdiction: '370100', transferOutJurisdiction: '370200' });

    const review = await taskSeenBy(bed, 'jinan.yibao', key, 'Task_ReviewApplication');
    expect(review?.candidateGroups).to.deep.equal(['medical-insurance-370100']);
    expect(await taskSeenBy(bed, 'qingdao.yibao', key, 'Task_ReviewApplication'), '青岛’s clerk').to.equal(undefined);
    expect(await taskSeenBy(bed, 'kong.wei', key, 'Task_ReviewApplication'), 'the province-wide clerk').to.equal(undefined);
    await claimAndComplete(bed, 'jinan.yibao', review!.userTaskKey, { reviewDecision: 'accept' });

    const verification = await taskSeenBy(bed, 'qingdao.yibao', key, 'Task_TransferOutVerification');
    expect(verification?.candidateGroups).to.deep.equal(['medical-insurance-370200']);
    expect(await taskSeenBy(bed, 'jinan.yibao', key, 'Task_TransferOutVerification'), '济南’s clerk').to.equal(undefined);
    expect(await taskSeenBy(bed, 'qingdao.yibao.duban', key, 'Task_TransferOutVerification'), '青岛’s supervisor').to.not.equal(undefined);
    await claimAndComplete(bed, 'qingdao.yibao', verification!.userTaskKey, { transferOutDecision: 'confirm' });
    await waitForElement(bed, key, 'End_Completed');

    const assignees = records(bed, (r) => r.valueType === 'USER_TASK' && r.intent === 'COMPLETED' && r.value.processInstanceKey === key).map((r) => [r.value.elementId, r.value.assignee]);
    expect(assignees).to.deep.equal([
      ['Task_ReviewApplication', 'jinan.yibao'],
      ['Task_TransferOutVerification', 'qingdao.yibao'],
    ]);
    expect(completedJobs(bed, key, 'medical-insurance-merge-contributions')).to.have.length(1);
  });

  it('offers a 历下区 case to the district’s clerk and the 济南 city supervisor, not to the city’s clerk', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:00:00'), FILES, {}, { auth: 'demo' });
    const key = await startCaseAs(bed, 'lixia.yibao', 'medical-insurance-transfer', { ...application('YBZY-E2E-LIXIA'), jurisdiction: '370102', transferOutJurisdiction: '370202' });
    expect((await taskSeenBy(bed, 'lixia.yibao', key, 'Task_ReviewApplication'))?.candidateGroups).to.deep.equal(['medical-insurance-370102']);
    expect(await taskSeenBy(bed, 'jinan.yibao.duban', key, 'Task_ReviewApplication'), '济南’s city supervisor').to.not.equal(undefined);
    expect(await taskSeenBy(bed, 'jinan.yibao', key, 'Task_ReviewApplication'), '济南’s city clerk').to.equal(undefined);
    expect(await taskSeenBy(bed, 'qingdao.yibao.duban', key, 'Task_ReviewApplication'), '青岛’s city supervisor').to.equal(undefined);
  });

  it('ends a refusal only when the 济南 agency’s supervisors confirm it, with their reasons', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:00:00'), FILES);
    const created = await bed.zeebe.createProcessInstance({
      bpmnProcessId: 'medical-insurance-transfer',
      variables: { ...application('YBZY-E2E-REFUSE'), jurisdiction: '370100', transferOutJurisdiction: '370200' } as never,
    });
    const key = created.processInstanceKey;
    await completeTask(bed, key, 'Task_ReviewApplication', { reviewDecision: 'reject', rejectionReasons: '转入地无在职参保记录' });
    const [approval] = await waitForTasks(bed, key, 'Task_RefusalApprovalInitiation');
    expect(approval!.candidateGroups).to.deep.equal(['medical-insurance-370100-supervisors']);
    await bed.server.engine.completeUserTask(approval!.userTaskKey, { refusalDecision: 'confirm', rejectionReasons: '转入地无在职参保记录，请先办理参保登记' });
    await waitForElement(bed, key, 'End_Rejected');
    expect(recordedVariables(bed, key).rejectionReasons).to.equal('转入地无在职参保记录，请先办理参保登记');
  });

  it('lets the 青岛 clerk only propose a transfer-out refusal: 青岛’s supervisors return it once, then confirm it with reasons', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:00:00'), FILES);
    const created = await bed.zeebe.createProcessInstance({
      bpmnProcessId: 'medical-insurance-transfer',
      variables: { ...application('YBZY-E2E-OUT-REFUSE'), jurisdiction: '370100', transferOutJurisdiction: '370200' } as never,
    });
    const key = created.processInstanceKey;
    await completeTask(bed, key, 'Task_ReviewApplication', { reviewDecision: 'accept' });
    await completeTask(bed, key, 'Task_TransferOutVerification', { transferOutDecision: 'refuse', rejectionReasons: '参保记录存在未结清欠费' });
    const first = await completeTask(bed, key, 'Task_RefusalApprovalTransferOut', { refusalDecision: 'return', rejectionReasons: '请核对欠费是否已补缴' });
    expect(first.candidateGroups).to.deep.equal(['medical-insurance-370200-supervisors']);
    const again = await waitFor(bed, 'the check again', () => openTasks(bed!, key, 'Task_TransferOutVerification')[0]);
    expect(again.candidateGroups).to.deep.equal(['medical-insurance-370200']);
    await bed.server.engine.completeUserTask(again.userTaskKey, { transferOutDecision: 'refuse', rejectionReasons: '欠费未补缴' });
    await waitFor(bed, 'a second refusal approval', () => openTasks(bed!, key, 'Task_RefusalApprovalTransferOut').find((task) => task.userTaskKey !== first.userTaskKey));
    await completeTask(bed, key, 'Task_RefusalApprovalTransferOut', { refusalDecision: 'confirm', rejectionReasons: '原参保地存在欠费未补缴，暂不能转出' });
    await waitForElement(bed, key, 'End_Rejected');
    expect(completedJobs(bed, key, 'medical-insurance-close-participation')).to.have.length(0);
    expect(recordedVariables(bed, key).rejectionReasons).to.equal('原参保地存在欠费未补缴，暂不能转出');
  });

  it('lights a transfer-out step that runs late for the old place’s agency and its supervisors only', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:00:00'), FILES);
    const created = await bed.zeebe.createProcessInstance({
      bpmnProcessId: 'medical-insurance-transfer',
      variables: { ...application('YBZY-E2E-QD-LATE'), jurisdiction: '370100', transferOutJurisdiction: '370200' } as never,
    });
    const key = created.processInstanceKey;
    await completeTask(bed, key, 'Task_ReviewApplication', { reviewDecision: 'accept' });
    await waitForTasks(bed, key, 'Task_TransferOutVerification');
    const transferOut = await waitForVariable<{ dueAt: string }>(bed, key, 'deadline_transferOut');
    await moveClockTo(bed, Date.parse(transferOut.dueAt));
    const supervisions = await waitForTasks(bed, key, 'Task_Case_SuperviseStep');
    expect(supervisions.map((task) => task.candidateGroups[0])).to.deep.equal(['medical-insurance-370200-supervisors']);
  });

  it('rejects with the reasons when the insured is not enrolled at the transfer-in place', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:00:00'), FILES, { ONEGO_SIM_MI_NOT_ENROLLED: SAMPLE_INSURED_ID });
    const key = await startCase(bed, 'YBZY-E2E-REJECT');

    await waitForElement(bed, key, 'End_Rejected');
    expect(recordedVariables(bed, key).rejectionReasons).to.equal('参保人未在转入地（济南市）参保，请先办理参保登记');
    expect(openTasks(bed, key, 'Task_ReviewApplication')).to.have.length(0);
    expect(completedJobs(bed, key, 'medical-insurance-request-transfer')).to.have.length(0);
  });

  it('pauses the clocks on a data discrepancy until the insured corrects, then carries on with the time left', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:00:00'), FILES);
    const key = await startCase(bed, 'YBZY-E2E-CORRECT');
    await waitForTasks(bed, key, 'Task_ReviewApplication');

    await moveClockTo(bed, shanghai('2025-09-29T10:00:00'));
    await completeTask(bed, key, 'Task_ReviewApplication', { reviewDecision: 'correction', correctionNotice: '社会保障卡号与身份证号码不一致，请核对' });
    await waitForElement(bed, key, 'Event_CorrectionSubmitted', 'ELEMENT_ACTIVATED');
    expect(recordedVariables(bed, key).deadline_initiation).to.include({ consumedWorkingMinutes: 60, pausedAt: '2025-09-29T10:00:00+08:00' });

    // The insured answers after National Day; the 2-WD initiation would have been overdue on 30 September.
    await moveClockTo(bed, shanghai('2025-10-09T09:00:00'));
    expect(completedJobs(bed, key, 'light-notify')).to.have.length(0);
    await publish(bed, 'correction-submitted', 'YBZY-E2E-CORRECT', { insured: { ...(application('x').insured as object), socialSecurityCardNumber: 'A87654321' } });

    const initiation = await waitForVariable<{ pausedAt: string | null; dueAt: string }>(bed, key, 'deadline_initiation', (d) => d.pausedAt === null);
    expect(initiation.dueAt).to.equal('2025-10-10T16:30:00+08:00');
    await completeTask(bed, key, 'Task_ReviewApplication', { reviewDecision: 'accept' });
    await completeTask(bed, key, 'Task_TransferOutVerification', { transferOutDecision: 'confirm' });
    await waitForElement(bed, key, 'End_Completed');
    expect((recordedVariables(bed, key).insured as { socialSecurityCardNumber: string }).socialSecurityCardNumber).to.equal('A87654321');
  });

  it('lights the initiation step across Spring Festival 2026 and hands its 督办 to the medical-insurance supervisors', async () => {
    bed = await startServiceBed(shanghai('2026-02-13T13:30:00'), FILES);
    const key = await startCase(bed, 'YBZY-E2E-LIGHTS');
    await waitForTasks(bed, key, 'Task_ReviewApplication');

    const initiation = recordedVariables(bed, key).deadline_initiation as { warnAt: string; dueAt: string };
    // 240 minutes on Friday 13 February, 420 on the make-up Saturday 14th, the holiday 15–23, 180 more on the 24th.
    expect(initiation.dueAt).to.equal('2026-02-24T12:00:00+08:00');

    await moveClockTo(bed, shanghai('2026-02-23T20:00:00'));
    expect(completedJobs(bed, key, 'supervision-record')).to.have.length(0);

    await moveClockTo(bed, Date.parse(initiation.dueAt));
    const [supervise] = await waitForTasks(bed, key, 'Task_Case_SuperviseStep');
    expect(supervise!.candidateGroups).to.deep.equal(['medical-insurance-supervisors']);
    const lights = completedJobs(bed, key, 'light-notify').map((job) => job.value.elementId);
    expect(lights).to.include.members(['Task_Initiation_NotifyYellow', 'Task_Initiation_NotifyRed']);
    expect(lights.indexOf('Task_Initiation_NotifyYellow')).to.be.lessThan(lights.indexOf('Task_Initiation_NotifyRed'));

    // The review was never blocked by the light: it still completes and the transfer goes on.
    await completeTask(bed, key, 'Task_ReviewApplication', { reviewDecision: 'accept' });
    await waitFor(bed, 'the transfer-out verification', () => (openTasks(bed!, key, 'Task_TransferOutVerification').length === 1 ? true : undefined));
  });
});
