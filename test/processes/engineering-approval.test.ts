import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import type { UserTask, Variables } from '../../engine/api';
import {
  elementRecords,
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
  type ServiceBed,
} from './service-bed';
import { deployTable, tableWithRows } from './decision-tables';

/*
 * Whole runs of bpmn/engineering-approval.bpmn on our engine: the real model, DMN and forms deployed, the
 * real workers running through @camunda8/sdk over gRPC, engine time on a controlled clock so working
 * days, the National Day 2025 holiday and the 调休 Saturday (2025-10-11) decide when lights turn on.
 */

type Bed = ServiceBed;

/** The model, its decision, its forms and the 督办 form. */
const FILES = [
  'bpmn/engineering-approval.bpmn',
  'bpmn/engineering-time-limits.dmn',
  'bpmn/engineering-lead-departments.dmn',
  'bpmn/engineering-item-catalogue.dmn',
  ...readdirSync(new URL('../../forms/', import.meta.url))
    .filter((name) => name.startsWith('engineering-') || name === 'supervision.form')
    .map((name) => `forms/${name}`),
];

const startBed = (startAt: number): Promise<Bed> => startServiceBed(startAt, FILES);
const stopBed = stopServiceBed;

function elementRecord(bed: Bed, processInstanceKey: string, elementId: string, intent: string) {
  return elementRecords(bed, processInstanceKey, elementId, intent)[0];
}

function variables(bed: Bed, processInstanceKey: string): Variables {
  const found = bed.server.engine.getVariables(processInstanceKey);
  if (!found) throw new Error(`Expected variables of process instance ${processInstanceKey}, but there are none`);
  return found;
}

function taskVariables(bed: Bed, task: UserTask): Variables {
  return bed.server.engine.getVariables(task.elementInstanceKey) ?? {};
}

async function completeTask(bed: Bed, processInstanceKey: string, elementId: string, values: Variables): Promise<void> {
  const [task] = await waitForTasks(bed, processInstanceKey, elementId);
  await bed.server.engine.completeUserTask(task!.userTaskKey, values);
}

interface ReviewItem {
  code: string;
  name: string;
  department: string;
}

/** Completes every parallel review task of a stage, choosing each answer from the task's item. */
async function completeReviews(
  bed: Bed,
  processInstanceKey: string,
  elementId: string,
  count: number,
  answer: (item: ReviewItem) => Variables,
): Promise<Array<UserTask & { item: ReviewItem }>> {
  const tasks = await waitForTasks(bed, processInstanceKey, elementId, count);
  const reviewed = tasks.map((task) => ({ ...task, item: taskVariables(bed, task).item as ReviewItem }));
  for (const task of reviewed) await bed.server.engine.completeUserTask(task.userTaskKey, answer(task.item));
  return reviewed;
}

const approve = () => ({ reviewDecision: 'approved', reviewOpinion: '同意', approvalDocumentNo: '鲁审〔2025〕1号' });

function application(caseId: string): Variables {
  return {
    caseId,
    caseTitle: '某某物流仓库扩建项目工程建设项目审批',
    submittedAt: '2025-09-29T09:00:00+08:00',
    applicant: { name: '山东某某物流有限公司', uscc: '91370100MA3C00001X' },
    projectCode: '2025-370102-47-01-000001',
    projectName: '某某物流仓库扩建项目',
    location: '济南市历城区某某路1号',
    flowchartCategory: 'simple-low-risk',
    fastTrack: false,
    totalInvestment: 3000,
    landArea: 12000,
    regionalAssessmentArea: true,
    standardLand: false,
    eiaExempt: true,
    contact: { name: '张三', phone: '13800000000' },
  };
}

async function startCase(bed: Bed, caseId: string): Promise<string> {
  const created = await bed.zeebe.createProcessInstance({ bpmnProcessId: 'engineering-approval', variables: application(caseId) as never });
  return created.processInstanceKey;
}



/** Takes a case through a stage whose reviews all approve: acceptance, parallel reviews, permit. */
async function passReviewStage(bed: Bed, key: string, n: 1 | 2 | 3, reviews: number): Promise<void> {
  await completeTask(bed, key, `Task_AcceptanceCheckStage${n}`, { acceptanceDecision: 'complete' });
  await completeReviews(bed, key, `Task_DepartmentReviewStage${n}`, reviews, approve);
  await waitForElement(bed, key, `Task_IssuePermitStage${n}`);
}

async function fileStage(bed: Bed, key: string, caseId: string, n: 2 | 3 | 4, values: Variables): Promise<void> {
  await waitForElement(bed, key, `Catch_Stage${n}Application`, 'ELEMENT_ACTIVATED');
  await publish(bed, 'engineering-stage-application', caseId, values);
}

const stage2Form = { designScheme: '仓库扩建方案', designUnit: '山东某某设计院', buildingArea: 8000, buildingHeight: 12 };
const stage3Form = { constructionUnit: '某某建工集团', supervisionUnit: '某某监理公司', contractAmount: 2500, reviewMode: 'commitment' };

describe('the engineering-approval process on our engine', function () {
  this.timeout(120_000);
  let bed: Bed | undefined;

  afterEach(async () => {
    await stopBed(bed);
    bed = undefined;
  });

  it('runs all four stages to the joint acceptance opinion when every department approves', async () => {
    bed = await startBed(shanghai('2025-09-29T09:00:00'));
    const key = await startCase(bed, 'GC-HAPPY-1');

    await completeTask(bed, key, 'Task_AcceptanceCheckStage1', { acceptanceDecision: 'complete', acceptanceOpinion: '材料齐全' });
    const stage1 = await completeReviews(bed, key, 'Task_DepartmentReviewStage1', 3, approve);
    expect(stage1.map((task) => task.candidateGroups[0]).sort()).to.deep.equal(['development-reform', 'natural-resources', 'natural-resources']);
    await waitForElement(bed, key, 'Catch_Stage2Application', 'ELEMENT_ACTIVATED');
    expect(variables(bed, key).timeLimits).to.deep.equal({ totalLimitDays: 20, stage1Days: 3, stage2Days: 5, stage3Days: 5, stage4Days: 7 });

    await publish(bed, 'engineering-stage-application', 'GC-HAPPY-1', { designScheme: '仓库扩建方案', designUnit: '山东某某设计院', buildingArea: 8000, buildingHeight: 12 });
    await completeTask(bed, key, 'Task_AcceptanceCheckStage2', { acceptanceDecision: 'complete' });
    await completeReviews(bed, key, 'Task_DepartmentReviewStage2', 4, approve);
    await waitForElement(bed, key, 'Catch_Stage3Application', 'ELEMENT_ACTIVATED');

    await publish(bed, 'engineering-stage-application', 'GC-HAPPY-1', { constructionUnit: '某某建工集团', supervisionUnit: '某某监理公司', contractAmount: 2500, reviewMode: 'commitment' });
    await completeTask(bed, key, 'Task_AcceptanceCheckStage3', { acceptanceDecision: 'complete' });
    await completeReviews(bed, key, 'Task_DepartmentReviewStage3', 3, approve);
    await waitForElement(bed, key, 'Catch_Stage4Application', 'ELEMENT_ACTIVATED');
    expect(variables(bed, key).spotCheckScheduled).to.equal(true);

    await publish(bed, 'engineering-stage-application', 'GC-HAPPY-1', { surveyReportNo: 'CH-2026-001', archivesReady: true });
    await completeTask(bed, key, 'Task_AcceptanceCheckStage4', { acceptanceDecision: 'complete' });
    const inspections = await completeReviews(bed, key, 'Task_JointAcceptance', 5, () => ({ inspectionResult: 'pass', inspectionOpinion: '合格' }));
    expect(inspections.map((task) => task.candidateGroups[0]).sort()).to.deep.equal(['civil-air-defence', 'fire-rescue', 'natural-resources', 'natural-resources', 'urban-archives']);
    await completeTask(bed, key, 'Task_UnifiedAcceptanceOpinion', { unifiedOpinion: '同意通过竣工联合验收' });

    await waitForElement(bed, key, 'End_Approved');
    const finalVariables = recordedVariables(bed, key);
    expect((finalVariables.permits as Array<{ title: string }>).map((permit) => permit.title)).to.deep.equal([
      '建设用地规划许可证',
      '建设工程规划许可证',
      '建筑工程施工许可证',
      '竣工联合验收意见书',
    ]);
    expect(finalVariables.submittedAt).to.equal('2025-09-29T09:00:00+08:00');
    expect(finalVariables.acceptedAt).to.be.a('string');
    expect((finalVariables.deadline_case as { pausedAt: unknown }).pausedAt).to.not.equal(null);
  });

  it('takes the lead department and the item catalogue from the decision tables: 历下区’s rows change its stage 1', async () => {
    bed = await startBed(shanghai('2025-09-29T09:00:00'));
    const lead = `<rule id="Rule_Lixia">
        <inputEntry id="Rule_Lixia_Jurisdiction"><text>"370102"</text></inputEntry>
        <outputEntry id="Rule_Lixia_stage1"><text>"natural-resources"</text></outputEntry>
        <outputEntry id="Rule_Lixia_stage2"><text>"natural-resources"</text></outputEntry>
        <outputEntry id="Rule_Lixia_stage3"><text>"housing-construction"</text></outputEntry>
        <outputEntry id="Rule_Lixia_stage4"><text>"housing-construction"</text></outputEntry>
      </rule>`;
    await deployTable(bed, 'bpmn/engineering-lead-departments.dmn', await tableWithRows('bpmn/engineering-lead-departments.dmn', lead));
    const item = `<rule id="Rule_LixiaTraffic">
        <inputEntry id="Rule_LixiaTraffic_Jurisdiction"><text>"370102"</text></inputEntry>
        <outputEntry id="Rule_LixiaTraffic_stage"><text>1</text></outputEntry>
        <outputEntry id="Rule_LixiaTraffic_code"><text>"traffic-impact"</text></outputEntry>
        <outputEntry id="Rule_LixiaTraffic_name"><text>"交通影响评价"</text></outputEntry>
        <outputEntry id="Rule_LixiaTraffic_department"><text>"public-security"</text></outputEntry>
        <outputEntry id="Rule_LixiaTraffic_skippedBy"><text>[]</text></outputEntry>
        <outputEntry id="Rule_LixiaTraffic_tolerable"><text>false</text></outputEntry>
      </rule>`;
    await deployTable(bed, 'bpmn/engineering-item-catalogue.dmn', await tableWithRows('bpmn/engineering-item-catalogue.dmn', item, 'Rule_ProjectApproval'));

    const lixia = (await bed.zeebe.createProcessInstance({ bpmnProcessId: 'engineering-approval', variables: { ...application('GC-LIXIA-1'), jurisdiction: '370102' } as never })).processInstanceKey;
    const other = await startCase(bed, 'GC-PROVINCE-1');
    const [acceptance] = await waitForTasks(bed, lixia, 'Task_AcceptanceCheckStage1');
    expect(acceptance!.candidateGroups).to.deep.equal(['natural-resources']);
    const [provinceAcceptance] = await waitForTasks(bed, other, 'Task_AcceptanceCheckStage1');
    expect(provinceAcceptance!.candidateGroups, 'a case elsewhere keeps the province-wide lead').to.deep.equal(['development-reform']);

    await completeTask(bed, lixia, 'Task_AcceptanceCheckStage1', { acceptanceDecision: 'complete' });
    const reviews = await completeReviews(bed, lixia, 'Task_DepartmentReviewStage1', 4, approve);
    expect(reviews.map((task) => task.item.code).sort()).to.deep.equal(['land-preexamination', 'land-use-planning-permit', 'project-approval', 'traffic-impact']);
    expect(reviews.find((task) => task.item.code === 'traffic-impact')!.candidateGroups).to.deep.equal(['public-security']);
  });

  it('refuses only after the lead department supervisor confirms, and tells the applicant why', async () => {
    bed = await startBed(shanghai('2025-09-29T09:00:00'));
    const key = await startCase(bed, 'GC-REJECT-1');

    await completeTask(bed, key, 'Task_AcceptanceCheckStage1', { acceptanceDecision: 'complete' });
    await completeReviews(bed, key, 'Task_DepartmentReviewStage1', 3, (item) =>
      item.code === 'project-approval' ? { reviewDecision: 'reject', reviewOpinion: '属于产业政策禁止类项目' } : approve(),
    );
    const [approval] = await waitForTasks(bed, key, 'Task_RejectionApprovalStage1');
    expect(approval!.candidateGroups).to.deep.equal(['development-reform-supervisors']);
    await bed.server.engine.completeUserTask(approval!.userTaskKey, { rejectionDecision: 'confirm', rejectionReasons: '不符合《产业结构调整指导目录》' });

    await waitForElement(bed, key, 'End_RejectedCaseStage1');
    const notice = recordedVariables(bed, key).lastNotice as { kind: string; text: string };
    expect(notice.kind).to.equal('rejection');
    expect(notice.text).to.contain('不符合《产业结构调整指导目录》');
    expect(notice.text).to.contain('属于产业政策禁止类项目');
    expect(elementRecord(bed, key, 'Task_IssuePermitStage1', 'ELEMENT_ACTIVATED')).to.equal(undefined);

    // The refusal is a finished service: its 好差评 goes to the enterprise (USCC as its ID number), the refusing lead department answers for it.
    const published = await waitFor(bed, 'the service-completed message', () =>
      records(bed!, (r) => r.valueType === 'MESSAGE' && r.intent === 'PUBLISHED' && r.value.name === 'service-completed' && r.value.correlationKey === 'GC-REJECT-1')[0],
    );
    const opened = typeof published.value.variables === 'string' ? JSON.parse(published.value.variables) : published.value.variables;
    expect(opened).to.deep.include({ serviceProcess: 'engineering-approval', responsibleDepartment: 'development-reform', evaluator: { name: '山东某某物流有限公司', idNumber: '91370100MA3C00001X' } });
  });

  it('stops the stage clock during 补正 and resumes it with the remaining office time, across National Day', async () => {
    bed = await startBed(shanghai('2025-09-29T09:00:00'));
    const key = await startCase(bed, 'GC-CORRECTION-1');
    await waitForTasks(bed, key, 'Task_AcceptanceCheckStage1');
    const started = variables(bed, key).deadline_stage1 as { dueAt: string; limitWorkingMinutes: number };
    expect(started.limitWorkingMinutes).to.equal(3 * 420);

    await bed.server.engine.clock.pin(shanghai('2025-09-29T11:00:00'));
    await completeTask(bed, key, 'Task_AcceptanceCheckStage1', { acceptanceDecision: 'incomplete', missingMaterials: '缺少建设用地红线图' });
    await waitForElement(bed, key, 'Catch_CorrectionStage1', 'ELEMENT_ACTIVATED');
    const paused = variables(bed, key);
    expect((paused.deadline_stage1 as { consumedWorkingMinutes: number; pausedAt: string | null }).consumedWorkingMinutes).to.equal(120);
    expect((paused.deadline_stage1 as { pausedAt: string | null }).pausedAt).to.not.equal(null);
    expect((paused.lastNotice as { items: Array<{ description: string }> }).items.map((item) => item.description)).to.deep.equal(['缺少建设用地红线图']);
    expect(openTasks(bed, key, 'Task_AcceptanceCheckStage1')).to.deep.equal([]);

    // The applicant takes the whole holiday; none of it counts.
    await bed.server.engine.clock.pin(shanghai('2025-10-09T09:00:00'));
    await publish(bed, 'correction-submitted', 'GC-CORRECTION-1', { correctedMaterials: ['建设用地红线图'] });
    await waitForTasks(bed, key, 'Task_AcceptanceCheckStage1');
    const resumed = variables(bed, key).deadline_stage1 as { consumedWorkingMinutes: number; pausedAt: string | null; dueAt: string };
    expect(resumed.pausedAt).to.equal(null);
    expect(resumed.consumedWorkingMinutes).to.equal(120);
    // 1,140 minutes left from Thu 9 Oct 09:00: Thu 420, Fri 420, then Sat 11 Oct (a 调休 working day) 300 → 15:30.
    expect(Date.parse(resumed.dueAt)).to.equal(shanghai('2025-10-11T15:30:00'));
  });

  it('lights yellow and red at working-day instants across National Day 2025 and opens the 督办 task', async () => {
    bed = await startBed(shanghai('2025-09-29T09:00:00'));
    const key = await startCase(bed, 'GC-LIGHTS-1');
    await waitForTasks(bed, key, 'Task_AcceptanceCheckStage1');
    const deadline = variables(bed, key).deadline_stage1 as { warnAt: string; dueAt: string };
    // 3 working days from Mon 29 Sep 09:00: Mon, Tue, then the holiday 1–8 Oct, then Thu 9 Oct until 17:30.
    expect(Date.parse(deadline.dueAt)).to.equal(shanghai('2025-10-09T17:30:00'));
    const warnAt = Date.parse(deadline.warnAt);
    expect(warnAt).to.be.greaterThan(shanghai('2025-09-29T09:00:00')).and.lessThan(Date.parse(deadline.dueAt));

    await bed.server.engine.clock.pin(warnAt + 60_000);
    await waitForElement(bed, key, 'Task_NotifyStageYellowStage1');
    const yellowNotice = variables(bed, key).notification as { channel: string };
    expect(yellowNotice.channel).to.be.a('string');

    // Three calendar days later is mid-holiday: no red light yet.
    await bed.server.engine.clock.pin(shanghai('2025-10-08T12:00:00'));
    await bed.server.engine.clock.pin(shanghai('2025-10-09T17:31:00'));
    const [oversee] = await waitForTasks(bed, key, 'Task_OverseeStageRedStage1');
    expect(oversee!.candidateGroups).to.deep.equal(['development-reform-supervisors']);
    await waitForElement(bed, key, 'Task_SupervisionStageRedStage1');
    expect(openTasks(bed, key, 'Task_AcceptanceCheckStage1')).to.have.length(1);

    const triggered = (elementId: string) => elementRecord(bed!, key, elementId, 'ELEMENT_COMPLETED')!.timestamp;
    expect(triggered('Timer_StageYellowStage1')).to.be.at.least(warnAt);
    expect(triggered('Timer_StageRedStage1')).to.be.at.least(shanghai('2025-10-09T17:30:00'));
  });
  it('accepts with the EIA missing on a written commitment and holds the construction permit until the EIA approval is on record', async () => {
    bed = await startBed(shanghai('2025-09-29T09:00:00'));
    const caseId = 'GC-COMMIT-1';
    const created = await bed.zeebe.createProcessInstance({
      bpmnProcessId: 'engineering-approval',
      variables: { ...application(caseId), regionalAssessmentArea: false, eiaExempt: false } as never,
    });
    const key = created.processInstanceKey;

    await completeTask(bed, key, 'Task_AcceptanceCheckStage1', { acceptanceDecision: 'tolerated', toleratedItems: ['eia'], acceptanceOpinion: '环评容缺受理' });
    const reviews = await completeReviews(bed, key, 'Task_DepartmentReviewStage1', 6, approve);
    expect(reviews.map((task) => task.item.code)).to.not.include('eia');
    expect((variables(bed, key).skippedItems as Array<{ code: string }>).map((item) => item.code)).to.deep.equal(['eia']);
    await fileStage(bed, key, caseId, 2, stage2Form);
    await passReviewStage(bed, key, 2, 4);
    await fileStage(bed, key, caseId, 3, stage3Form);

    // The gate: the EIA commitment is still open, so staff verify and the applicant is told what is owed.
    const [verify] = await waitForTasks(bed, key, 'Task_VerifyCommitments');
    expect(verify!.candidateGroups).to.deep.equal(['housing-construction']);
    expect((variables(bed, key).openCommitments as Array<{ item: string }>).map((c) => c.item)).to.deep.equal(['eia']);
    await bed.server.engine.completeUserTask(verify!.userTaskKey, { verificationDecision: 'open', verificationOpinion: '未见环评批复' });
    await waitForElement(bed, key, 'Catch_CommitmentsFulfilled', 'ELEMENT_ACTIVATED');
    expect((variables(bed, key).lastNotice as { kind: string }).kind).to.equal('commitments');
    expect(elementRecord(bed, key, 'Task_StartStage3Clock', 'ELEMENT_ACTIVATED')).to.equal(undefined);

    await publish(bed, 'commitments-fulfilled', caseId, { commitmentEvidence: [{ item: 'eia', documentNo: '济环审〔2025〕12号' }] });
    await waitForTasks(bed, key, 'Task_AcceptanceCheckStage3');
    const commitments = variables(bed, key).commitments as Array<{ item: string; fulfilled: boolean; evidence: unknown; stage: number }>;
    expect(commitments.map((c) => [c.item, c.stage, c.fulfilled, c.evidence])).to.deep.equal([['eia', 1, true, '济环审〔2025〕12号']]);
    expect(openTasks(bed, key, 'Task_VerifyCommitments')).to.deep.equal([]);
  });

  it('sends a failed joint acceptance back for 整改 and inspects again only what failed', async () => {
    bed = await startBed(shanghai('2025-09-29T09:00:00'));
    const caseId = 'GC-RECTIFY-1';
    const key = await startCase(bed, caseId);
    await passReviewStage(bed, key, 1, 3);
    await fileStage(bed, key, caseId, 2, stage2Form);
    await passReviewStage(bed, key, 2, 4);
    await fileStage(bed, key, caseId, 3, stage3Form);
    await passReviewStage(bed, key, 3, 3);
    await fileStage(bed, key, caseId, 4, { surveyReportNo: 'CH-2026-001', archivesReady: true });

    await completeTask(bed, key, 'Task_AcceptanceCheckStage4', { acceptanceDecision: 'complete' });
    await completeReviews(bed, key, 'Task_JointAcceptance', 5, (item) =>
      item.code === 'fire-acceptance' ? { inspectionResult: 'rectify', inspectionOpinion: '消防通道宽度不足' } : { inspectionResult: 'pass', inspectionOpinion: '合格' },
    );
    await waitForElement(bed, key, 'Catch_CorrectionStage4', 'ELEMENT_ACTIVATED');
    const notice = variables(bed, key).lastNotice as { kind: string; items: Array<{ department: string; description: string }> };
    expect(notice.kind).to.equal('rectification');
    expect(notice.items).to.deep.equal([{ source: 'review', item: '消防验收', department: 'fire-rescue', description: '消防通道宽度不足' }]);
    expect((variables(bed, key).deadline_stage4 as { pausedAt: string | null }).pausedAt).to.not.equal(null);

    await publish(bed, 'correction-submitted', caseId, {});
    await completeTask(bed, key, 'Task_AcceptanceCheckStage4', { acceptanceDecision: 'complete' });
    const again = await completeReviews(bed, key, 'Task_JointAcceptance', 1, () => ({ inspectionResult: 'pass', inspectionOpinion: '整改后合格' }));
    expect(again.map((task) => task.candidateGroups)).to.deep.equal([['fire-rescue']]);
    await completeTask(bed, key, 'Task_UnifiedAcceptanceOpinion', { unifiedOpinion: '同意通过竣工联合验收' });
    await waitForElement(bed, key, 'End_Approved');
  });
  it('lets the supervisor return a proposed refusal for review, and sends joint drawing review defects back for correction', async () => {
    bed = await startBed(shanghai('2025-09-29T09:00:00'));
    const caseId = 'GC-DRAWINGS-1';
    const key = await startCase(bed, caseId);

    await completeTask(bed, key, 'Task_AcceptanceCheckStage1', { acceptanceDecision: 'complete' });
    await completeReviews(bed, key, 'Task_DepartmentReviewStage1', 3, (item) =>
      item.code === 'land-preexamination' ? { reviewDecision: 'reject', reviewOpinion: '选址与规划不符' } : approve(),
    );
    await completeTask(bed, key, 'Task_RejectionApprovalStage1', { rejectionDecision: 'return', rejectionReasons: '可调整选址，不宜否决' });
    const second = await completeReviews(bed, key, 'Task_DepartmentReviewStage1', 3, approve);
    expect(second).to.have.length(3);
    await waitForElement(bed, key, 'Task_IssuePermitStage1');
    expect(elementRecord(bed, key, 'End_RejectedCaseStage1', 'ELEMENT_ACTIVATED')).to.equal(undefined);

    await fileStage(bed, key, caseId, 2, stage2Form);
    await passReviewStage(bed, key, 2, 4);
    await fileStage(bed, key, caseId, 3, { ...stage3Form, reviewMode: 'joint' });
    await completeTask(bed, key, 'Task_AcceptanceCheckStage3', { acceptanceDecision: 'complete' });
    await completeTask(bed, key, 'Task_JointDrawingReview', {
      reviewedAspects: ['fire', 'civil-air-defence', 'technical-defence', 'lightning', 'utilities'],
      drawingReviewDecision: 'defects',
      drawingReviewOpinion: '人防出入口设置不满足规范',
    });
    await waitForElement(bed, key, 'Catch_CorrectionStage3', 'ELEMENT_ACTIVATED');
    expect((variables(bed, key).lastNotice as { items: Array<{ source: string; description: string }> }).items).to.deep.equal([
      { source: 'drawing-review', item: '施工图设计文件', department: 'housing-construction', description: '人防出入口设置不满足规范' },
    ]);

    await publish(bed, 'correction-submitted', caseId, {});
    await completeTask(bed, key, 'Task_AcceptanceCheckStage3', { acceptanceDecision: 'complete' });
    await completeTask(bed, key, 'Task_JointDrawingReview', { reviewedAspects: ['fire'], drawingReviewDecision: 'pass', drawingReviewOpinion: '审查合格' });
    await completeReviews(bed, key, 'Task_DepartmentReviewStage3', 3, approve);
    await waitForElement(bed, key, 'Catch_Stage4Application', 'ELEMENT_ACTIVATED');
    expect(elementRecord(bed, key, 'Task_DrawingSpotCheck', 'ELEMENT_ACTIVATED')).to.equal(undefined);
  });
  it('counts only approval time on the case clock: it stands still while the applicant prepares the next stage', async () => {
    bed = await startBed(shanghai('2025-09-29T09:00:00'));
    const caseId = 'GC-CASECLOCK-1';
    const key = await startCase(bed, caseId);
    await completeTask(bed, key, 'Task_AcceptanceCheckStage1', { acceptanceDecision: 'complete' });
    await waitForTasks(bed, key, 'Task_DepartmentReviewStage1', 3);

    await bed.server.engine.clock.pin(shanghai('2025-09-29T14:00:00'));
    await completeReviews(bed, key, 'Task_DepartmentReviewStage1', 3, approve);
    await waitForElement(bed, key, 'Catch_Stage2Application', 'ELEMENT_ACTIVATED');
    const between = variables(bed, key).deadline_case as { consumedWorkingMinutes: number; pausedAt: string | null; limitWorkingMinutes: number };
    // 09:00–12:00 and 13:30–14:00 of office time.
    expect(between.consumedWorkingMinutes).to.equal(210);
    expect(between.pausedAt).to.not.equal(null);
    expect(between.limitWorkingMinutes).to.equal(20 * 420);

    await bed.server.engine.clock.pin(shanghai('2025-10-13T09:00:00'));
    await publish(bed, 'engineering-stage-application', caseId, stage2Form);
    await waitForTasks(bed, key, 'Task_AcceptanceCheckStage2');
    const resumed = variables(bed, key).deadline_case as { consumedWorkingMinutes: number; pausedAt: string | null; startedAt: string };
    expect(resumed.consumedWorkingMinutes).to.equal(210);
    expect(resumed.pausedAt).to.equal(null);
    expect(Date.parse(resumed.startedAt)).to.equal(shanghai('2025-10-13T09:00:00'));
    const stage2 = variables(bed, key).deadline_stage2 as { limitWorkingMinutes: number; startedAt: string };
    expect(stage2.limitWorkingMinutes).to.equal(5 * 420);
    expect(Date.parse(stage2.startedAt)).to.equal(shanghai('2025-10-13T09:00:00'));
  });
});
