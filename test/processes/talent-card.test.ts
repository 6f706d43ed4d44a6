import { expect } from 'chai';
import type { Variables } from '../../engine/api';
import {
  completedJobs,
  completeTask,
  elementRecords,
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
import { talentApplicationSample } from '../support/sample-applications';
import { callAs, claimAndComplete, startCaseAs, taskSeenBy } from './demo-staff';

/*
 * Whole runs of bpmn/talent-card.bpmn and bpmn/talent-staffing.bpmn on our engine with the real forms and
 * workers: direct issuance from a department's list, reviewed issuance level by level with the 补正 clock
 * paused, the expert panel, the staffing green channel through the call activity, and a level's lights
 * across Spring Festival 2026.
 */

const FILES = [
  'bpmn/talent-card.bpmn',
  'bpmn/talent-card-time-limits.dmn',
  'bpmn/talent-staffing.bpmn',
  'forms/talent-application.form',
  'forms/talent-commissioner-supplement.form',
  'forms/talent-level-review.form',
  'forms/talent-expert-evaluation.form',
  'forms/talent-hrss-decision.form',
  'forms/talent-staffing-application.form',
  'forms/talent-staffing-prereview.form',
  'forms/talent-staffing-decision.form',
  'bpmn/talent-schooling.bpmn',
  'forms/talent-schooling-application.form',
  'forms/talent-schooling-review.form',
  'forms/talent-schooling-enrolment.form',
  'forms/supervision.form',
  'forms/refusal-approval.form',
];

function application(caseId: string, overrides: Variables = {}): Variables {
  return { caseId, ...talentApplicationSample(), ...overrides };
}

async function startCase(bed: ServiceBed, variables: Variables): Promise<string> {
  const created = await bed.zeebe.createProcessInstance({ bpmnProcessId: 'talent-card', variables: variables as never });
  return created.processInstanceKey;
}

/** Completes both levels of the default chain (employer, then city HR), checking who each goes to. */
async function forwardThroughLevels(bed: ServiceBed, key: string): Promise<void> {
  const first = await completeTask(bed, key, 'Task_LevelReview', { levelDecision: 'forward' });
  expect(first.candidateGroups).to.deep.equal(['service-commissioners-12370000mb1234567x']);
  await waitFor(bed, 'the second level', () => (openTasks(bed, key, 'Task_LevelReview').some((task) => task.userTaskKey !== first.userTaskKey) ? true : undefined));
  const second = await completeTask(bed, key, 'Task_LevelReview', { levelDecision: 'forward' });
  expect(second.candidateGroups).to.deep.equal(['hrss']);
}

describe('the talent-card process on our engine', function () {
  this.timeout(120_000);
  let bed: ServiceBed | undefined;

  afterEach(async () => {
    await stopServiceBed(bed);
    bed = undefined;
  });

  it('issues the card directly for a talent on a provincial department’s list', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:00:00'), FILES);
    await publish(bed, 'talent-direct-list', '', application('HCK-E2E-DIRECT', { category: 'direct', nominatingDepartment: '省科技厅' }));

    const end = await waitForElement(bed, '*', 'End_CardIssued');
    const key = String(end.value.processInstanceKey);
    const card = recordedVariables(bed, key).card as { cardNumber: string; category: string; validUntil: string };
    expect(card).to.include({ category: 'direct', validUntil: '2030-09-29' });
    expect(card.cardNumber).to.match(/^HCK-2025-\d{6}$/);
    expect(elementRecords(bed, key, 'Task_CommissionerSupplement', 'ELEMENT_ACTIVATED')).to.have.length(0);
  });

  it('shows a talent case only to its employer’s commissioners: another employer’s cannot find, read or claim the task', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:00:00'), FILES, {}, { auth: 'demo' });
    // 山东省某研究院 (USCC 12370000MB1234567X) files through its own commissioner.
    const key = await startCaseAs(bed, 'yanjiuyuan.zhuanyuan', 'talent-card', application('HCK-E2E-EMPLOYER', { jurisdiction: '370100' }));

    const supplement = await taskSeenBy(bed, 'yanjiuyuan.zhuanyuan', key, 'Task_CommissionerSupplement');
    expect(supplement?.candidateGroups).to.deep.equal(['service-commissioners-12370000mb1234567x']);
    expect(await taskSeenBy(bed, 'daxue.zhuanyuan', key, 'Task_CommissionerSupplement'), '青岛某大学’s commissioner').to.equal(undefined);
    expect(await taskSeenBy(bed, 'daxue.zhuanyuan.duban', key, 'Task_CommissionerSupplement'), '青岛某大学’s supervisor').to.equal(undefined);
    expect(await taskSeenBy(bed, 'bai.lu', key, 'Task_CommissionerSupplement'), 'the province-wide commissioner').to.equal(undefined);
    expect((await callAs(bed, 'daxue.zhuanyuan', 'GET', `/v2/user-tasks/${supplement!.userTaskKey}`)).status).to.equal(404);
    const claim = await callAs(bed, 'daxue.zhuanyuan', 'POST', `/v2/user-tasks/${supplement!.userTaskKey}/assignment`, { assignee: 'daxue.zhuanyuan' });
    expect(claim.status).to.be.oneOf([403, 404]);

    await claimAndComplete(bed, 'yanjiuyuan.zhuanyuan', supplement!.userTaskKey, { materialsComplete: true });
    // The employer's level of the submission chain is the same employer's commissioners.
    const level = await taskSeenBy(bed, 'yanjiuyuan.zhuanyuan', key, 'Task_LevelReview');
    expect(level?.candidateGroups).to.deep.equal(['service-commissioners-12370000mb1234567x']);
    expect(await taskSeenBy(bed, 'daxue.zhuanyuan', key, 'Task_LevelReview')).to.equal(undefined);
    await claimAndComplete(bed, 'yanjiuyuan.zhuanyuan', level!.userTaskKey, { levelDecision: 'forward' });
    const hrssLevel = await waitFor(bed, 'the city HR level', () => openTasks(bed!, key, 'Task_LevelReview').find((task) => task.candidateGroups.includes('hrss')));
    expect(hrssLevel.candidateGroups).to.deep.equal(['hrss']);
  });

  it('issues a reviewed card level by level after the talent’s 补正, with the commissioner clock paused, then runs the staffing green channel', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:00:00'), FILES);
    const staffing = { competentDepartment: 'education', positionTitle: '研究员' };
    const key = await startCase(bed, application('HCK-E2E-REVIEW', { staffingRequested: true, staffing }));
    await waitForTasks(bed, key, 'Task_CommissionerSupplement');

    await moveClockTo(bed, shanghai('2025-09-29T11:00:00'));
    await completeTask(bed, key, 'Task_CommissionerSupplement', { materialsComplete: false, correctionNotice: '请上传聘用合同和人才工程入选文件' });
    await waitForElement(bed, key, 'Event_CorrectionSubmitted', 'ELEMENT_ACTIVATED');
    expect(recordedVariables(bed, key).deadline_commissioner).to.include({ consumedWorkingMinutes: 120 });

    await moveClockTo(bed, shanghai('2025-10-09T09:00:00'));
    await publish(bed, 'correction-submitted', 'HCK-E2E-REVIEW', { evidence: ['聘用合同', '入选文件'] });
    const resumed = await waitForVariable<{ pausedAt: string | null; dueAt: string }>(bed, key, 'deadline_commissioner', (d) => d.pausedAt === null);
    // 5 WD less the 2 office hours already used: 9, 10, 11 (make-up Saturday), 13 October and 15:30 on the 14th.
    expect(resumed.dueAt).to.equal('2025-10-14T15:30:00+08:00');

    await completeTask(bed, key, 'Task_CommissionerSupplement', { materialsComplete: true });
    await forwardThroughLevels(bed, key);
    await completeTask(bed, key, 'Task_HrssReview', { hrssDecision: 'approve' });

    // The card is issued, then the staffing green channel runs as its own process instance.
    await waitForElement(bed, key, 'Task_NotifyIssued');
    const preReview = (await waitForTasks(bed, '*', 'Task_CompetentDepartmentPreReview'))[0]!;
    expect(preReview.processInstanceKey).to.not.equal(key);
    expect(preReview.candidateGroups).to.deep.equal(['education']);
    await bed.server.engine.completeUserTask(preReview.userTaskKey, { preReviewDecision: 'forward' });
    await completeTask(bed, '*', 'Task_StaffingOfficeDecision', { staffingDecision: 'approve' });

    await waitForElement(bed, key, 'End_CardIssued');
    const result = recordedVariables(bed, key);
    expect(result.staffingOutcome).to.equal('included');
    expect((result.card as { category: string }).category).to.equal('reviewed');
  });

  it('lets an expert panel evaluate in parallel, and HRSS refuses with reasons', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:00:00'), FILES);
    const key = await startCase(bed, application('HCK-E2E-PANEL', { category: 'evaluated' }));

    await completeTask(bed, key, 'Task_CommissionerSupplement', { materialsComplete: true });
    await forwardThroughLevels(bed, key);
    const panel = await waitForTasks(bed, key, 'Task_ExpertEvaluation', 3);
    expect(panel.map((task) => task.assignee).sort()).to.deep.equal(['expert-1', 'expert-2', 'expert-3']);
    for (const task of panel) await bed.server.engine.completeUserTask(task.userTaskKey, { recommend: 'not-recommend', opinion: `${task.assignee}：代表性成果不足` });
    await completeTask(bed, key, 'Task_HrssEvaluationDecision', { hrssDecision: 'reject', rejectionReasons: '专家论证未通过' });
    // One person cannot refuse: HRSS's supervisors confirm (窗口无否决权、否决权上移).
    const approval = await completeTask(bed, key, 'Task_HrssRefusalApproval', { refusalDecision: 'confirm', rejectionReasons: '专家论证未通过：代表性成果不足' });
    expect(approval.candidateGroups).to.deep.equal(['hrss-supervisors']);

    await waitForElement(bed, key, 'End_Rejected');
    expect(recordedVariables(bed, key).rejectionReasons).to.equal('专家论证未通过：代表性成果不足');
    const opinions = recordedVariables(bed, key).expertOpinions as Array<{ expert: string; recommend: string }>;
    expect(opinions.map((opinion) => opinion.expert).sort()).to.deep.equal(['expert-1', 'expert-2', 'expert-3']);
    expect(opinions.every((opinion) => opinion.recommend === 'not-recommend')).to.equal(true);
    expect(completedJobs(bed, key, 'talent-issue-card')).to.have.length(0);
  });

  it('sends a proposed refusal back when HRSS’s supervisor returns it, and issues the card on the second decision', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:00:00'), FILES);
    const key = await startCase(bed, application('HCK-E2E-RETURNED'));
    await completeTask(bed, key, 'Task_CommissionerSupplement', { materialsComplete: true });
    await forwardThroughLevels(bed, key);
    await completeTask(bed, key, 'Task_HrssReview', { hrssDecision: 'reject', rejectionReasons: '不符合认定条件' });
    expect(completedJobs(bed, key, 'talent-notify-result'), 'nothing is told before the supervisor decides').to.have.length(0);

    await completeTask(bed, key, 'Task_HrssRefusalApproval', { refusalDecision: 'return', refusalReturnNote: '入选文件已证明符合条件，请重新审核' });
    const again = await completeTask(bed, key, 'Task_HrssReconsider', { hrssDecision: 'approve' });
    expect(again.candidateGroups).to.deep.equal(['hrss']);

    await waitForElement(bed, key, 'End_CardIssued');
    expect(elementRecords(bed, key, 'End_Rejected', 'ELEMENT_ACTIVATED')).to.have.length(0);
    expect(recordedVariables(bed, key).refusalReturnNote).to.equal('入选文件已证明符合条件，请重新审核');
  });

  it('lights a level across Spring Festival 2026 and hands its 督办 to that level’s supervisors without stopping the chain', async () => {
    bed = await startServiceBed(shanghai('2026-02-13T09:00:00'), FILES);
    const key = await startCase(bed, application('HCK-E2E-LIGHTS'));
    await completeTask(bed, key, 'Task_CommissionerSupplement', { materialsComplete: true });
    await waitForTasks(bed, key, 'Task_LevelReview');

    const level = recordedVariables(bed, key).deadline_level as { dueAt: string };
    // 13 February, the make-up Saturday 14th, then the holiday 15–23: the third working day is the 24th.
    expect(level.dueAt).to.equal('2026-02-24T17:30:00+08:00');
    await moveClockTo(bed, shanghai('2026-02-23T18:00:00'));
    expect(completedJobs(bed, key, 'supervision-record')).to.have.length(0);

    await moveClockTo(bed, Date.parse(level.dueAt));
    const [supervise] = await waitForTasks(bed, key, 'Task_LevelSubmission_SuperviseStep');
    expect(supervise!.candidateGroups).to.deep.equal(['service-commissioners-12370000mb1234567x-supervisors']);

    // The open 督办 does not hold the chain: the next level still gets the case.
    await forwardThroughLevels(bed, key);
    await waitForTasks(bed, key, 'Task_HrssReview');
    expect(records(bed, (r) => r.valueType === 'INCIDENT' && r.value.processInstanceKey === key)).to.have.length(0);
  });
});

describe('the talent-schooling process on its own', function () {
  this.timeout(60_000);
  let bed: ServiceBed | undefined;

  afterEach(async () => {
    await stopServiceBed(bed);
    bed = undefined;
  });

  it('places a card holder’s child through the education department and the school', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:00:00'), FILES);
    const created = await bed.zeebe.createProcessInstance({
      bpmnProcessId: 'talent-schooling',
      variables: {
        talent: { name: '李四', idNumber: '370102198502021234' },
        cardNumber: 'HCK-2025-123456',
        child: { name: '李小四', idNumber: '370102201801011234', grade: 'primary-1' },
        requestType: 'enrol',
        preferredDistrict: '历下区',
      },
    });
    const key = created.processInstanceKey;
    const review = await completeTask(bed, key, 'Task_EducationReview', { schoolingDecision: 'arrange', assignedSchool: '历下区某小学' });
    expect(review.candidateGroups).to.deep.equal(['education']);
    await completeTask(bed, key, 'Task_SchoolEnrolment', { enrolmentNumber: 'G370102201801011234', className: '一年级二班' });
    await waitForElement(bed, key, 'End_Enrolled');
    expect(completedJobs(bed, key, 'talent-schooling-notify')).to.have.length(1);
    expect(recordedVariables(bed, key).caseTitle).to.equal('子女入学：李小四（李四）');
  });
});

describe('the talent-staffing process on its own', function () {
  this.timeout(60_000);
  let bed: ServiceBed | undefined;

  afterEach(async () => {
    await stopServiceBed(bed);
    bed = undefined;
  });

  it('returns a filing the competent department does not forward, telling the employer why', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:00:00'), FILES);
    const created = await bed.zeebe.createProcessInstance({
      bpmnProcessId: 'talent-staffing',
      variables: {
        talent: { name: '李四', idNumber: '370102198502021234' },
        cardNumber: 'HCK-2025-123456',
        employer: { name: '山东省某研究院', uscc: '12370000MB1234567X' },
        competentDepartment: 'education',
        positionTitle: '研究员',
      },
    });
    const key = created.processInstanceKey;
    await completeTask(bed, key, 'Task_CompetentDepartmentPreReview', { preReviewDecision: 'return', returnReasons: '岗位不在编制员额内' });
    await waitForElement(bed, key, 'End_Returned');
    const result = recordedVariables(bed, key);
    expect(result.staffingOutcome).to.equal('returned');
    expect(result.cardVerification).to.deep.equal({ valid: true });
    expect(result.deadline_staffing).to.equal(undefined);
  });

  async function startStaffing(b: ServiceBed): Promise<string> {
    const created = await b.zeebe.createProcessInstance({
      bpmnProcessId: 'talent-staffing',
      variables: {
        talent: { name: '李四', idNumber: '370102198502021234' },
        cardNumber: 'HCK-2025-123456',
        employer: { name: '山东省某研究院', uscc: '12370000MB1234567X' },
        competentDepartment: 'education',
        positionTitle: '研究员',
      },
    });
    await completeTask(b, created.processInstanceKey, 'Task_CompetentDepartmentPreReview', { preReviewDecision: 'forward' });
    return created.processInstanceKey;
  }

  it('refuses only when the staffing office’s supervisor confirms the clerk’s proposal, with the reasons told', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:00:00'), FILES);
    const key = await startStaffing(bed);
    await completeTask(bed, key, 'Task_StaffingOfficeDecision', { staffingDecision: 'refuse', refusalReasons: '编制已满' });
    expect(completedJobs(bed, key, 'talent-notify-result')).to.have.length(0);
    const approval = await completeTask(bed, key, 'Task_StaffingRefusalApproval', { refusalDecision: 'confirm', rejectionReasons: '该单位编制已满' });
    expect(approval.candidateGroups).to.deep.equal(['staffing-office-supervisors']);

    await waitForElement(bed, key, 'End_Refused');
    const result = recordedVariables(bed, key);
    expect(result.staffingOutcome).to.equal('refused');
    expect(result.refusalReasons, 'the confirmed reasons are the ones told').to.equal('该单位编制已满');
  });

  it('returns a proposed staffing refusal to the office, which then includes the talent within the same 2-WD deadline', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:00:00'), FILES);
    const key = await startStaffing(bed);
    const firstDeadline = (await waitForVariable<{ dueAt: string }>(bed, key, 'deadline_staffing')).dueAt;
    await completeTask(bed, key, 'Task_StaffingOfficeDecision', { staffingDecision: 'refuse', refusalReasons: '编制已满' });
    await completeTask(bed, key, 'Task_StaffingRefusalApproval', { refusalDecision: 'return', refusalReturnNote: '惠才卡持有人可使用专项编制' });
    await waitFor(bed, 'the second review', () => (elementRecords(bed!, key, 'Task_StaffingOfficeDecision', 'ELEMENT_ACTIVATED').length === 2 ? true : undefined));
    await completeTask(bed, key, 'Task_StaffingOfficeDecision', { staffingDecision: 'approve' });

    await waitForElement(bed, key, 'End_Included');
    const result = recordedVariables(bed, key);
    expect(result.staffingOutcome).to.equal('included');
    expect((result.deadline_staffing as { dueAt: string }).dueAt).to.equal(firstDeadline);
    expect(elementRecords(bed, key, 'Task_StartStaffingDeadline', 'ELEMENT_ACTIVATED')).to.have.length(1);
  });
});
