/**
 * Generates `bpmn/engineering-approval.bpmn`: four stages of one shape, each with its own lead department,
 * items and shortcuts, so the model is declared once here and laid out by `layout-bpmn.ts`.
 * Run with `npx tsx scripts/generate-engineering-approval.ts` after changing the model; the generated
 * file is committed and is what the engine, the linter and the tests read.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DiagramBuilder, type DiagramNode } from './layout-bpmn';
import { xmlEscape } from './xml-escape';

/** One stage of the main line (PROPOSED lead departments, see shared/domain/processes.md §1.2). */
interface StageSpec {
  n: 1 | 2 | 3 | 4;
  name: string;
  english: string;
  lead: string;
  leadName: string;
}

export const engineeringStages: StageSpec[] = [
  { n: 1, name: '立项用地规划许可', english: 'project establishment and land-use planning permit', lead: 'development-reform', leadName: '发展改革委' },
  { n: 2, name: '工程建设许可', english: 'engineering construction permit', lead: 'natural-resources', leadName: '自然资源和规划局' },
  { n: 3, name: '施工许可', english: 'construction permit', lead: 'housing-construction', leadName: '住房城乡建设局' },
  { n: 4, name: '竣工验收', english: 'completion acceptance', lead: 'housing-construction', leadName: '住房城乡建设局' },
];

const COLUMN = 150;
const ROW = 130;
const MAIN_Y = 860;

// ---- extension element helpers --------------------------------------------------------------------

type Mapping = [target: string, source: string];

function io(inputs: Mapping[] = [], outputs: Mapping[] = []): string {
  if (inputs.length === 0 && outputs.length === 0) return '';
  const lines = [
    ...inputs.map(([target, source]) => `  <zeebe:input source="${xmlEscape(source)}" target="${target}" />`),
    ...outputs.map(([target, source]) => `  <zeebe:output source="${xmlEscape(source)}" target="${target}" />`),
  ];
  return `<zeebe:ioMapping>\n${lines.join('\n')}\n</zeebe:ioMapping>`;
}

function serviceTask(type: string, inputs: Mapping[] = [], outputs: Mapping[] = []): string {
  return [`<zeebe:taskDefinition type="${type}" retries="3" />`, io(inputs, outputs)].filter(Boolean).join('\n');
}

function userTask(formId: string, candidateGroups: string, inputs: Mapping[] = [], outputs: Mapping[] = []): string {
  return [
    '<zeebe:userTask />',
    `<zeebe:formDefinition formId="${formId}" bindingType="deployment" />`,
    `<zeebe:assignmentDefinition candidateGroups="${xmlEscape(candidateGroups)}" />`,
    io(inputs, outputs),
  ]
    .filter(Boolean)
    .join('\n');
}

function timer(expression: string): string {
  return `<bpmn:timerEventDefinition>\n  <bpmn:timeDate xsi:type="bpmn:tFormalExpression">${xmlEscape(expression)}</bpmn:timeDate>\n</bpmn:timerEventDefinition>`;
}

const str = (text: string) => `="${text}"`;

// ---- the model -------------------------------------------------------------------------------------

let b = new DiagramBuilder();
const flowId = (source: string, target: string) => `Flow_${source}_to_${target}`;

function add(node: DiagramNode): string {
  return b.add(node).id;
}

function link(source: string, target: string, options: { name?: string; condition?: string; isDefault?: boolean; route?: 'below' | 'above'; via?: number } = {}): void {
  b.connect({ id: flowId(source, target), source, target, ...options });
}

function chain(ids: string[]): void {
  for (let i = 1; i < ids.length; i += 1) link(ids[i - 1]!, ids[i]!);
}

/** Items whose review produced defects, as entries of the consolidated one-time notice. */
const reviewDefects = '=for r in reviewResults[decision = "defects"] return {source: "review", item: r.item.name, department: r.item.department, description: r.opinion}';

/**
 * Places the stage subprocess's children and returns the subprocess id.
 * `x0` is the x centre of the subprocess's start event.
 */
function stageSubprocess(stage: StageSpec, x0: number): string {
  const n = stage.n;
  const sub = `SubProcess_Stage${n}`;
  const col = (c: number) => x0 + c * COLUMN;
  const row = (r: number) => MAIN_Y + r * ROW;
  const lead = stage.lead;
  const inner = (node: Omit<DiagramNode, 'parent'>) => add({ ...node, parent: sub });

  b.add({
    id: sub,
    kind: 'subProcess',
    name: `第${n}阶段：${stage.name}`,
    x: 0,
    y: MAIN_Y,
    documentation: `Stage ${n} (${stage.english}), led by ${lead}. The statutory stage clock (deadline_stage${n}) and the case clock (deadline_case) run while the case is inside this subprocess; leaving it for a correction (补正) cancels the light timers, re-entering recreates them from the resumed deadlines.`,
  });

  const start = inner({ id: `Start_Stage${n}`, kind: 'startEvent', name: '进入本阶段', x: col(0), y: row(0) });
  // An explicit split: the work goes on, the 亮灯 clocks (stageClocks) start beside it.
  const fork = inner({ id: `Gateway_ClockForkStage${n}`, kind: 'parallelGateway', name: '开始计时', x: col(0) + 66, y: row(0) });
  const accept = inner({
    id: `Task_AcceptanceCheckStage${n}`,
    kind: 'userTask',
    name: '受理审查（一窗受理）',
    x: col(1),
    y: row(0),
    documentation: `The lead department's window checks the stage-${n} application for completeness: complete → accept; incomplete → one consolidated notice (一次性告知) and correction; minor gaps in tolerable items → accept with written commitments (容缺受理 + 告知承诺). The window has no veto (窗口无否决权).`,
    extensions: userTask(
      'engineering-acceptance-check',
      lead,
      [
        ['department', str(lead)],
        ['stage', `=${n}`],
        ['stageName', str(stage.name)],
        ['acceptanceDecision', '=null'],
        ['missingMaterials', '=null'],
        ['toleratedItems', '=null'],
        ['acceptanceOpinion', '=null'],
      ],
      [
        ['acceptanceDecision', '=acceptanceDecision'],
        ['acceptanceOpinion', '=acceptanceOpinion'],
        ['toleratedItems', '=if toleratedItems = null then [] else toleratedItems'],
        ['defects', `=if acceptanceDecision = "incomplete" then [{source: "acceptance", item: "申请材料", department: "${lead}", description: missingMaterials}] else []`],
        ['acceptedAt', '=if acceptedAt != null then acceptedAt else if acceptanceDecision = "incomplete" then null else now()'],
      ],
    ),
  });
  const complete = inner({ id: `Gateway_AcceptanceStage${n}`, kind: 'exclusiveGateway', name: '材料是否齐全？', x: col(2), y: row(0) });
  const incompleteEnd = inner({
    id: `End_IncompleteStage${n}`,
    kind: 'endEvent',
    name: '材料不全，需补正',
    x: col(3),
    y: row(1),
    body: '<bpmn:errorEventDefinition errorRef="Error_CorrectionRequired" />',
  });
  const record = inner({
    id: `Task_RecordCommitmentsStage${n}`,
    kind: 'serviceTask',
    name: '登记告知承诺事项',
    x: col(3),
    y: row(-1),
    documentation: 'Accepted with items missing (容缺受理): records one written commitment per tolerated item; commitments from stages 1 and 2 must be fulfilled before the construction permit (gate before stage 3).',
    extensions: serviceTask('engineering-commitment-record', [
      ['caseId', '=caseId'],
      ['stage', `=${n}`],
      ['kind', str('tolerated-acceptance')],
      ['items', '=toleratedItems'],
      ['commitments', '=if commitments = null then [] else commitments'],
      ['at', '=now()'],
    ], [['commitments', '=commitments']]),
  });
  const accepted = inner({ id: `Gateway_AcceptedStage${n}`, kind: 'exclusiveGateway', name: '已受理', x: col(4), y: row(0) });
  link(start, fork);
  link(fork, accept);
  link(accept, complete);
  link(complete, incompleteEnd, { name: '不齐全', condition: '=acceptanceDecision = "incomplete"' });
  link(complete, record, { name: '容缺受理', condition: '=acceptanceDecision = "tolerated"' });
  link(complete, accepted, { name: '齐全', isDefault: true });
  link(record, accepted);

  let c = 5;
  let last = accepted;
  if (n === 3) {
    const mode = inner({ id: 'Gateway_DrawingReviewMode', kind: 'exclusiveGateway', name: '施工图审查方式？', x: col(5), y: row(0) });
    const joint = inner({
      id: 'Task_JointDrawingReview',
      kind: 'userTask',
      name: '联合图审',
      x: col(6),
      y: row(-1),
      documentation: 'One comprehensive review of the construction drawings covering fire, civil air defence, technical defence, lightning protection and utilities; departments issue no separate review or filing (联合审图).',
      extensions: userTask(
        'engineering-drawing-review',
        lead,
        [
          ['department', str(lead)],
          ['drawingReviewDecision', '=null'],
          ['drawingReviewOpinion', '=null'],
        ],
        [
          ['drawingReviewDecision', '=drawingReviewDecision'],
          ['drawingReviewOpinion', '=drawingReviewOpinion'],
          ['defects', `=if drawingReviewDecision = "defects" then [{source: "drawing-review", item: "施工图设计文件", department: "${lead}", description: drawingReviewOpinion}] else []`],
        ],
      ),
    });
    const passed = inner({ id: 'Gateway_DrawingReviewPassed', kind: 'exclusiveGateway', name: '图审是否通过？', x: col(7), y: row(-1) });
    const drawingEnd = inner({
      id: 'End_DrawingDefects',
      kind: 'endEvent',
      name: '图纸需修改',
      x: col(8),
      y: row(-2),
      body: '<bpmn:errorEventDefinition errorRef="Error_CorrectionRequired" />',
    });
    const spot = inner({
      id: 'Task_DrawingSpotCheck',
      kind: 'serviceTask',
      name: '告知承诺并纳入图纸100%抽查',
      x: col(6),
      y: row(1),
      documentation: 'Drawing review replaced by the designer\'s commitment and lifelong responsibility; the drawings are registered for the 100 % spot check (告知承诺 + 100%抽查).',
      extensions: serviceTask('engineering-drawing-spot-check', [
        ['caseId', '=caseId'],
        ['projectCode', '=projectCode'],
        ['designUnit', '=designUnit'],
        ['at', '=now()'],
      ]),
    });
    const reviewed = inner({ id: 'Gateway_DrawingsDone', kind: 'exclusiveGateway', name: '图审完成', x: col(8), y: row(0) });
    link(accepted, mode);
    link(mode, spot, { name: '告知承诺+抽查', condition: '=reviewMode = "commitment"' });
    link(mode, joint, { name: '联合图审', isDefault: true });
    link(joint, passed);
    link(passed, drawingEnd, { name: '需修改', condition: '=drawingReviewDecision = "defects"' });
    link(passed, reviewed, { name: '通过', isDefault: true });
    link(spot, reviewed);
    last = reviewed;
    c = 9;
  }

  const items = inner({
    id: `Task_StageItemsStage${n}`,
    kind: 'serviceTask',
    name: n === 4 ? '确定联合验收事项' : '确定并联审批事项',
    x: col(c),
    y: row(0),
    documentation: 'Decides the items this stage needs (3–10 in parallel), applying the shortcuts: regional assessment area (区域评估) skips EIA, soil and water, geological hazard and energy assessments; standard land (标准地) decides covered items on the written commitment; EIA exemption skips the EIA. After a correction only the items with defects are reviewed again.',
    extensions: serviceTask(
      'engineering-stage-items',
      [
        ['stage', `=${n}`],
        ['flowchartCategory', '=flowchartCategory'],
        ['regionalAssessmentArea', '=regionalAssessmentArea = true'],
        ['standardLand', '=standardLand = true'],
        ['eiaExempt', '=eiaExempt = true'],
        ['committedItems', '=if commitments = null then [] else for c in commitments[fulfilled = false] return c.item'],
        ['previousReview', `=if reviewStage = ${n} then reviewResults else null`],
      ],
      [
        ['stageItems', '=stageItems'],
        ['skippedItems', '=skippedItems'],
        ['reviewStage', `=${n}`],
      ],
    ),
  });
  const push = inner({
    id: `Task_PushMaterialsStage${n}`,
    kind: 'serviceTask',
    name: '推送申报材料至并联部门',
    x: col(c + 1),
    y: row(0),
    documentation: 'Pushes the stage form and materials online to every department involved (审批要件网上推送), so a material is submitted only once.',
    extensions: serviceTask(
      'engineering-push-materials',
      [
        ['caseId', '=caseId'],
        ['stage', `=${n}`],
        ['projectCode', '=projectCode'],
        ['stageItems', '=stageItems'],
        ['at', '=now()'],
      ],
      [
        ['materialsPushedAt', '=pushedAt'],
        ['materialPushReceipts', '=receipts'],
      ],
    ),
  });
  chain([last, items, push]);

  if (n === 4) {
    const joint = inner({
      id: 'Task_JointAcceptance',
      kind: 'userTask',
      name: '联合验收',
      x: col(c + 2),
      y: row(0),
      documentation: 'Joint acceptance (联合验收): planning, land, fire, civil air defence and urban-construction archives inspect in parallel against one set of drawings and standards.',
      extensions: userTask(
        'engineering-joint-acceptance',
        '=item.department',
        [
          ['department', '=item.department'],
          ['inspectionResult', '=null'],
          ['inspectionOpinion', '=null'],
        ],
      ),
      body: `<bpmn:multiInstanceLoopCharacteristics>
  <bpmn:extensionElements>
    <zeebe:loopCharacteristics inputCollection="=stageItems" inputElement="item" outputCollection="reviewResults" outputElement="={item: item, decision: if inspectionResult = &quot;pass&quot; then &quot;approved&quot; else &quot;defects&quot;, opinion: inspectionOpinion}" />
  </bpmn:extensionElements>
</bpmn:multiInstanceLoopCharacteristics>`,
    });
    const summary = inner({
      id: 'Task_SummariseJointAcceptance',
      kind: 'scriptTask',
      name: '汇总验收整改事项',
      x: col(c + 3),
      y: row(0),
      extensions: `<zeebe:script expression="${xmlEscape(reviewDefects)}" resultVariable="defects" />`,
    });
    const ok = inner({ id: 'Gateway_JointAcceptancePassed', kind: 'exclusiveGateway', name: '验收是否合格？', x: col(c + 4), y: row(0) });
    const rectify = inner({
      id: 'End_RectificationStage4',
      kind: 'endEvent',
      name: '需整改',
      x: col(c + 5),
      y: row(1),
      body: '<bpmn:errorEventDefinition errorRef="Error_CorrectionRequired" />',
    });
    const opinion = inner({
      id: 'Task_UnifiedAcceptanceOpinion',
      kind: 'userTask',
      name: '统一出具验收意见',
      x: col(c + 5),
      y: row(0),
      documentation: 'The lead issues one consolidated acceptance opinion (统一出具验收意见) from the departments\' inspections.',
      extensions: userTask('engineering-joint-acceptance-opinion', lead, [['department', str(lead)]]),
    });
    const issue = inner({
      id: 'Task_IssuePermitStage4',
      kind: 'serviceTask',
      name: '出具联合验收意见书',
      x: col(c + 6),
      y: row(0),
      extensions: serviceTask(
        'engineering-issue-permit',
        [
          ['caseId', '=caseId'],
          ['stage', '=4'],
          ['projectCode', '=projectCode'],
          ['applicant', '=applicant'],
          ['permits', '=if permits = null then [] else permits'],
          ['at', '=now()'],
        ],
        [
          ['permit', '=permit'],
          ['permits', '=permits'],
        ],
      ),
    });
    const end = inner({ id: 'End_Stage4Done', kind: 'endEvent', name: '本阶段办结', x: col(c + 7), y: row(0), body: '<bpmn:terminateEventDefinition />' });
    chain([push, joint, summary, ok]);
    link(ok, rectify, { name: '不合格', condition: '=count(defects) > 0' });
    link(ok, opinion, { name: '合格', isDefault: true });
    chain([opinion, issue, end]);
    stageClocks(stage, sub, x0);
    return sub;
  }

  const reviewMerge = inner({ id: `Gateway_ReviewStage${n}`, kind: 'exclusiveGateway', name: '开始并联审查', x: col(c + 2), y: row(0) });
  const review = inner({
    id: `Task_DepartmentReviewStage${n}`,
    kind: 'userTask',
    name: '部门并联审查',
    x: col(c + 3),
    y: row(0),
    documentation: 'Parallel review (并联审查): one task per item the stage needs, for the department responsible for it; each answers approved, defects (to be corrected) or reject (not approvable by law).',
    extensions: userTask('engineering-department-review', '=item.department', [
      ['department', '=item.department'],
      ['reviewDecision', '=null'],
      ['reviewOpinion', '=null'],
      ['approvalDocumentNo', '=null'],
    ]),
    body: `<bpmn:multiInstanceLoopCharacteristics>
  <bpmn:extensionElements>
    <zeebe:loopCharacteristics inputCollection="=stageItems" inputElement="item" outputCollection="reviewResults" outputElement="={item: item, decision: reviewDecision, opinion: reviewOpinion, documentNo: approvalDocumentNo}" />
  </bpmn:extensionElements>
</bpmn:multiInstanceLoopCharacteristics>`,
  });
  const summary = inner({
    id: `Task_SummariseReviewStage${n}`,
    kind: 'scriptTask',
    name: '汇总审查意见',
    x: col(c + 4),
    y: row(0),
    documentation: 'Collects every department\'s defects into one list, the content of the single consolidated notice (一次性告知).',
    extensions: `<zeebe:script expression="${xmlEscape(reviewDefects)}" resultVariable="defects" />`,
  });
  const outcome = inner({ id: `Gateway_ReviewOutcomeStage${n}`, kind: 'exclusiveGateway', name: '审查结论？', x: col(c + 5), y: row(0) });
  const defectsEnd = inner({
    id: `End_ReviewDefectsStage${n}`,
    kind: 'endEvent',
    name: '需补正',
    x: col(c + 6),
    y: row(1),
    body: '<bpmn:errorEventDefinition errorRef="Error_CorrectionRequired" />',
  });
  const approveRejection = inner({
    id: `Task_RejectionApprovalStage${n}`,
    kind: 'userTask',
    name: '不予许可审批',
    x: col(c + 6),
    y: row(2),
    documentation: 'A department proposes to refuse. Veto moves up (否决权上移): the lead department\'s supervisor confirms the refusal with reasons, or returns the items for another review.',
    extensions: userTask(
      'engineering-rejection-approval',
      `${lead}-supervisors`,
      [
        ['department', str(lead)],
        ['rejectionDecision', '=null'],
        ['rejectionReasons', '=null'],
      ],
      [
        ['rejectionDecision', '=rejectionDecision'],
        ['rejectionReasons', '=rejectionReasons'],
      ],
    ),
  });
  const confirmed = inner({ id: `Gateway_RejectionConfirmedStage${n}`, kind: 'exclusiveGateway', name: '是否同意不予许可？', x: col(c + 7), y: row(2) });
  const rejectedEnd = inner({
    id: `End_RejectedStage${n}`,
    kind: 'endEvent',
    name: '不予许可',
    x: col(c + 8),
    y: row(2),
    body: '<bpmn:errorEventDefinition errorRef="Error_ApplicationRejected" />',
  });
  const issue = inner({
    id: `Task_IssuePermitStage${n}`,
    kind: 'serviceTask',
    name: n === 3 ? '核发施工许可证' : n === 1 ? '核发立项用地规划许可文件' : '核发建设工程规划许可证',
    x: col(c + 6),
    y: row(0),
    extensions: serviceTask('engineering-issue-permit', [
      ['caseId', '=caseId'],
      ['stage', `=${n}`],
      ['projectCode', '=projectCode'],
      ['applicant', '=applicant'],
      ['permits', '=if permits = null then [] else permits'],
      ['at', '=now()'],
    ], [
      ['permit', '=permit'],
      ['permits', '=permits'],
    ]),
  });
  const end = inner({ id: `End_Stage${n}Done`, kind: 'endEvent', name: '本阶段办结', x: col(c + 7), y: row(0), body: '<bpmn:terminateEventDefinition />' });
  chain([push, reviewMerge, review, summary, outcome]);
  link(outcome, approveRejection, { name: '拟不予许可', condition: '=list contains(reviewResults.decision, "reject")' });
  link(outcome, defectsEnd, { name: '需补正', condition: '=not(list contains(reviewResults.decision, "reject")) and count(defects) > 0' });
  link(outcome, issue, { name: '全部通过', isDefault: true });
  link(approveRejection, confirmed);
  link(confirmed, rejectedEnd, { name: '同意', condition: '=rejectionDecision = "confirm"' });
  link(confirmed, reviewMerge, { name: '退回重审', isDefault: true, route: 'below', via: row(2) + 62 });
  chain([issue, end]);
  stageClocks(stage, sub, x0);
  return sub;
}

/** The two deadlines a stage runs: its own and the whole case's (each gets a clock inside the stage). */
function lightSpecs(n: number) {
  return [
    { key: 'Stage', deadline: `deadline_stage${n}`, label: '阶段', escalation: 'STAGE_OVERDUE', band: -5 },
    { key: 'Case', deadline: 'deadline_case', label: '全流程', escalation: 'CASE_OVERDUE', band: -8.5 },
  ] as const;
}

/**
 * The 亮灯 clocks of a stage, beside its work (same pattern as scripts/services-bpmn/deadline-pattern.ts):
 * one clock per deadline runs from the stage's start; a timer inside it at dueAt lights red (alert, supervision
 * record, escalation to the 督办 task outside the stage); a non-interrupting timer boundary at warnAt lights
 * yellow; a non-interrupting `calendar-updated` event subprocess reruns the deadline and, if it moved, throws
 * DEADLINE_REARM, caught on the clock, which re-enters it so the timers read the new instants. The work's end
 * is a terminate end event: the stage is done, its clocks stop.
 */
function stageClocks(stage: StageSpec, sub: string, x0: number): void {
  const n = stage.n;
  const col = (c: number) => x0 + c * COLUMN;
  const row = (r: number) => MAIN_Y + r * ROW;
  for (const spec of lightSpecs(n)) {
    const id = (what: string) => `${what}${spec.key}Stage${n}`;
    const clock = `SubProcess_${spec.key}ClockStage${n}`;
    const r = spec.band;
    const gateway = add({ id: `Gateway_${spec.key}ClockStage${n}`, kind: 'exclusiveGateway', name: '计时', x: col(1), y: row(r), parent: sub });
    b.add({ id: clock, kind: 'subProcess', name: `${spec.label}亮灯计时`, x: 0, y: row(r), parent: sub, documentation: `Runs beside the stage's work while ${spec.deadline} counts; its timers are re-armed by re-entering it.` });
    const inClock = (node: Omit<DiagramNode, 'parent'>) => add({ ...node, parent: clock });
    const start = inClock({ id: id('Start_Clock'), kind: 'startEvent', name: '开始计时', x: col(2), y: row(r) });
    const red = inClock({ id: `Timer_${spec.key}RedStage${n}`, kind: 'intermediateCatchEvent', name: `${spec.label}红灯`, x: col(3), y: row(r), body: timer(`=${spec.deadline}.dueAt`), documentation: `Red light at ${spec.deadline}.dueAt; the work goes on beside the clock.` });
    const alert = inClock({
      id: `Task_Notify${spec.key}RedStage${n}`,
      kind: 'serviceTask',
      name: `${spec.label}红灯告警`,
      x: col(4),
      y: row(r),
      extensions: serviceTask('light-notify', [['light', str('red')], ['deadline', `=${spec.deadline}`], ['caseId', '=caseId'], ['caseTitle', '=caseTitle'], ['recipientGroup', str(stage.lead)]]),
    });
    const record = inClock({
      id: `Task_Supervision${spec.key}RedStage${n}`,
      kind: 'serviceTask',
      name: '电子监察记录',
      x: col(5),
      y: row(r),
      extensions: serviceTask('supervision-record', [['deadline', `=${spec.deadline}`], ['caseId', '=caseId'], ['department', str(stage.lead)]], [[`supervisionRecordId_${spec.key.toLowerCase()}Red${n}`, '=supervisionRecordId']]),
    });
    const escalate = inClock({ id: id('End_Escalated'), kind: 'endEvent', name: '提请督办', x: col(6), y: row(r), body: `<bpmn:escalationEventDefinition escalationRef="Escalation_${spec.escalation}" />` });
    chain([start, red, alert, record, escalate]);
    const eventSub = `EventSub_${spec.key}CalendarUpdatedStage${n}`;
    b.add({ id: eventSub, kind: 'subProcess', name: '节假日安排更新', x: 0, y: row(r + 1.2), parent: clock, attributes: { triggeredByEvent: 'true' } });
    const inEvent = (node: Omit<DiagramNode, 'parent'>) => add({ ...node, parent: eventSub });
    const updated = inEvent({
      id: id('Start_CalendarUpdated'),
      kind: 'startEvent',
      name: '收到日历更新',
      x: col(2),
      y: row(r + 1.2),
      attributes: { isInterrupting: 'false' },
      body: '<bpmn:signalEventDefinition signalRef="Signal_calendar_updated" />',
    });
    const recompute = inEvent({
      id: id('Task_Recompute'),
      kind: 'serviceTask',
      name: `重算${spec.label}期限`,
      x: col(3),
      y: row(r + 1.2),
      extensions: serviceTask('deadline-recompute', [['deadline', `=${spec.deadline}`], ['calendarUpdate', '=calendarUpdate']], [[spec.deadline, '=deadline'], ['deadlineMoved', '=deadlineMoved']]),
    });
    const moved = inEvent({ id: id('Gateway_Moved'), kind: 'exclusiveGateway', name: '期限是否变化？', x: col(4), y: row(r + 1.2) });
    const rearm = inEvent({ id: id('End_Rearm'), kind: 'endEvent', name: '重新计时', x: col(5), y: row(r + 1.2), body: '<bpmn:errorEventDefinition errorRef="Error_DeadlineRearm" />' });
    const unchanged = inEvent({ id: id('End_Unchanged'), kind: 'endEvent', name: '期限未变', x: col(5), y: row(r + 1.75) });
    chain([updated, recompute, moved]);
    link(moved, rearm, { name: '已变化', condition: '=deadlineMoved = true' });
    link(moved, unchanged, { name: '未变化', isDefault: true });
    const box = b.bounds(clock);
    b.node(clock).x = box.x + box.width / 2;
    const yellow = add({
      id: `Timer_${spec.key}YellowStage${n}`,
      kind: 'boundaryEvent',
      name: `${spec.label}黄灯`,
      x: box.x + 60,
      y: box.y + box.height,
      parent: sub,
      attributes: { cancelActivity: 'false', attachedToRef: clock },
      body: timer(`=${spec.deadline}.warnAt`),
      documentation: `Non-interrupting: lights yellow at ${spec.deadline}.warnAt; the work goes on.`,
    });
    const notify = add({
      id: `Task_Notify${spec.key}YellowStage${n}`,
      kind: 'serviceTask',
      name: `${spec.label}黄灯提醒`,
      x: col(7.2),
      y: row(r + 1.9),
      parent: sub,
      extensions: serviceTask('light-notify', [['light', str('yellow')], ['deadline', `=${spec.deadline}`], ['caseId', '=caseId'], ['caseTitle', '=caseTitle'], ['recipientGroup', str(stage.lead)]]),
    });
    const notified = add({ id: `End_${spec.key}YellowStage${n}`, kind: 'endEvent', name: '已提醒', x: col(8.2), y: row(r + 1.9), parent: sub });
    chain([yellow, notify, notified]);
    const rearmed = add({
      id: id('Boundary_Rearm'),
      kind: 'boundaryEvent',
      name: '期限已重算',
      x: box.x + 140,
      y: box.y + box.height,
      parent: sub,
      attributes: { attachedToRef: clock },
      body: '<bpmn:errorEventDefinition errorRef="Error_DeadlineRearm" />',
    });
    link(rearmed, gateway, { route: 'below', via: box.y + box.height + 40 });
    const stopped = add({ id: id('End_Clock'), kind: 'endEvent', name: '计时结束', x: col(8.2), y: row(r), parent: sub });
    link(gateway, clock);
    link(clock, stopped);
    link(`Gateway_ClockForkStage${n}`, gateway);
  }
}

/** The 督办 tasks of a stage's red lights, outside the stage: non-interrupting escalation boundaries on its top edge. */
function lights(stage: StageSpec, sub: string): void {
  const n = stage.n;
  const box = b.bounds(sub);
  lightSpecs(n).forEach((spec, index) => {
    const rowY = box.y - 80 - index * 110;
    const caught = add({
      id: `Escalation_${spec.key}RedStage${n}`,
      kind: 'boundaryEvent',
      name: `${spec.label}超时`,
      x: box.x + 150 + index * 110,
      y: box.y,
      attributes: { cancelActivity: 'false', attachedToRef: sub },
      body: `<bpmn:escalationEventDefinition escalationRef="Escalation_${spec.escalation}" />`,
      documentation: `Non-interrupting: the ${spec.deadline} clock went red; open the 督办 task outside the stage.`,
    });
    const oversee = add({
      id: `Task_Oversee${spec.key}RedStage${n}`,
      kind: 'userTask',
      name: `督办：第${n}阶段${stage.name}${spec.deadline === 'deadline_case' ? '（全流程超时）' : ''}`,
      x: box.x + 150 + 2 * 110 + 80,
      y: rowY,
      extensions: userTask('supervision', '=department + "-supervisors"', [
        ['department', str(stage.lead)],
        ['deadline', `=${spec.deadline}`],
        ['step', str(`第${n}阶段${stage.name}`)],
      ]),
    });
    const end = add({ id: `End_${spec.key}RedStage${n}`, kind: 'endEvent', name: '已督办', x: box.x + 150 + 2 * 110 + 80 + COLUMN, y: rowY });
    chain([caught, oversee, end]);
  });
}

function deadlineStart(id: string, name: string, x: number, deadlineName: string, days: string): string {
  return add({
    id,
    kind: 'serviceTask',
    name,
    x,
    y: MAIN_Y,
    extensions: serviceTask(
      'deadline-start',
      [
        ['deadlineName', str(deadlineName)],
        ['limitWorkingDays', days],
        ['startedAt', '=now()'],
      ],
      [[`deadline_${deadlineName}`, '=deadline']],
    ),
  });
}

function deadlineStep(kind: 'pause' | 'resume', id: string, name: string, x: number, y: number, deadlineName: string): string {
  const at = kind === 'pause' ? 'pausedAt' : 'resumedAt';
  return add({
    id,
    kind: 'serviceTask',
    name,
    x,
    y,
    extensions: serviceTask(
      `deadline-${kind}`,
      [
        ['deadline', `=deadline_${deadlineName}`],
        [at, '=now()'],
      ],
      [[`deadline_${deadlineName}`, '=deadline']],
    ),
  });
}

/** The commitment gate before the construction permit: every 容缺/告知承诺 commitment due by stage 3 must be fulfilled. */
function commitmentGate(entry: string, x: number): { exit: string; x: number } {
  const y = MAIN_Y;
  const merge = add({ id: 'Gateway_CommitmentGate', kind: 'exclusiveGateway', name: '核验承诺事项', x, y });
  const check = add({
    id: 'Task_CheckCommitments',
    kind: 'serviceTask',
    name: '核验告知承诺履行情况',
    x: x + COLUMN,
    y,
    documentation: 'Gate before the construction permit: checks every commitment due before stage 3 against the approval system (e.g. the EIA approval has been issued).',
    extensions: serviceTask(
      'engineering-commitment-check',
      [
        ['caseId', '=caseId'],
        ['beforeStage', '=3'],
        ['commitments', '=if commitments = null then [] else commitments'],
        ['evidence', '=if commitmentEvidence = null then [] else commitmentEvidence'],
      ],
      [
        ['commitments', '=commitments'],
        ['openCommitments', '=openCommitments'],
      ],
    ),
  });
  const fulfilled = add({ id: 'Gateway_CommitmentsFulfilled', kind: 'exclusiveGateway', name: '承诺事项均已履行？', x: x + 2 * COLUMN, y });
  const verify = add({
    id: 'Task_VerifyCommitments',
    kind: 'userTask',
    name: '告知承诺履约核查',
    x: x + 3 * COLUMN,
    y: y + ROW * 2,
    documentation: 'Open commitments: staff of the construction-permit lead verify the evidence; confirmed commitments are marked fulfilled, otherwise the applicant is told what is still owed.',
    extensions: userTask(
      'engineering-commitment-verification',
      'housing-construction',
      [
        ['department', str('housing-construction')],
        ['verificationDecision', '=null'],
        ['verificationOpinion', '=null'],
      ],
      [
        ['verificationDecision', '=verificationDecision'],
        ['verificationOpinion', '=verificationOpinion'],
        ['commitments', '=if verificationDecision = "fulfilled" then for c in commitments return if c.dueBeforeStage = 3 then context put(c, "fulfilled", true) else c else commitments'],
        ['openCommitments', '=if verificationDecision = "fulfilled" then [] else openCommitments'],
      ],
    ),
  });
  const verified = add({ id: 'Gateway_CommitmentsVerified', kind: 'exclusiveGateway', name: '核查结论？', x: x + 4 * COLUMN, y: y + ROW * 2 });
  const notice = add({
    id: 'Task_NoticeOpenCommitments',
    kind: 'serviceTask',
    name: '告知未履行承诺事项',
    x: x + 5 * COLUMN,
    y: y + ROW * 3,
    extensions: serviceTask(
      'engineering-notice',
      [
        ['noticeKind', str('commitments')],
        ['caseId', '=caseId'],
        ['caseTitle', '=caseTitle'],
        ['applicant', '=applicant'],
        ['stage', '=3'],
        ['defects', '=for c in openCommitments return {source: "commitment", item: c.name, department: c.department, description: "告知承诺事项尚未履行：" + c.name}'],
        ['at', '=now()'],
      ],
      [['lastNotice', '=notice']],
    ),
  });
  const wait = add({
    id: 'Catch_CommitmentsFulfilled',
    kind: 'intermediateCatchEvent',
    name: '申请人报告承诺已履行',
    documentation: 'The applicant reports the approvals obtained (message "commitments-fulfilled", correlation key caseId) with variable commitmentEvidence = [{item, documentNo}], which the check verifies against the approval system.',
    x: x + 6 * COLUMN,
    y: y + ROW * 3,
    body: '<bpmn:messageEventDefinition messageRef="Message_CommitmentsFulfilled" />',
  });
  const pass = add({ id: 'Gateway_CommitmentsPassed', kind: 'exclusiveGateway', name: '承诺已履行', x: x + 7 * COLUMN, y });
  link(entry, merge);
  chain([merge, check, fulfilled]);
  link(fulfilled, pass, { name: '均已履行', condition: '=count(openCommitments) = 0' });
  link(fulfilled, verify, { name: '尚有未履行', isDefault: true });
  link(verify, verified);
  link(verified, pass, { name: '核查通过', condition: '=verificationDecision = "fulfilled"' });
  link(verified, notice, { name: '仍未履行', isDefault: true });
  link(notice, wait);
  link(wait, merge, { route: 'below', via: y + ROW * 4 });
  return { exit: pass, x: x + 8 * COLUMN };
}

function build(): string {
  b = new DiagramBuilder();
  let x = 160;
  const start = add({
    id: 'Start_Stage1Application',
    kind: 'startEvent',
    name: '提交立项用地规划许可申请',
    x,
    y: MAIN_Y,
    documentation: 'The applicant files the stage-1 form online (网上申报, one form per stage). Start variables: caseId, caseTitle, submittedAt, applicant {name, uscc}, projectCode, projectName, flowchartCategory, fastTrack, regionalAssessmentArea, standardLand, eiaExempt, location, contact.',
    extensions: '<zeebe:formDefinition formId="engineering-stage1-application" bindingType="deployment" />',
  });
  x += COLUMN;
  const limits = add({
    id: 'Task_DecideTimeLimits',
    kind: 'businessRuleTask',
    name: '确定审批时限',
    x,
    y: MAIN_Y,
    documentation: 'Total and per-stage working-day limits by flowchart category (engineering-time-limits.dmn; never above 100 working days).',
    extensions: '<zeebe:calledDecision decisionId="engineering-time-limits" resultVariable="timeLimits" />',
  });
  x += COLUMN;
  const caseClock = deadlineStart('Task_StartCaseClock', '启动全流程计时', x, 'case', '=timeLimits.totalLimitDays');
  chain([start, limits, caseClock]);
  let previous = caseClock;

  for (const stage of engineeringStages) {
    const n = stage.n;
    x += COLUMN;
    if (n > 1) {
      const application = add({
        id: `Catch_Stage${n}Application`,
        kind: 'intermediateCatchEvent',
        name: `收到${stage.name}申请`,
        x,
        y: MAIN_Y,
        documentation: `The applicant files the stage-${n} form (formId engineering-stage${n}-application) online; the portal publishes message "engineering-stage-application" with correlation key caseId and the form's variables. The case clock stands still between stages: that is the applicant's time.`,
        extensions: `<zeebe:properties>\n  <zeebe:property name="formId" value="engineering-stage${n}-application" />\n</zeebe:properties>`,
        body: '<bpmn:messageEventDefinition messageRef="Message_StageApplication" />',
      });
      link(previous, application);
      previous = application;
      x += COLUMN;
      if (n === 3) {
        const gate = commitmentGate(previous, x);
        previous = gate.exit;
        x = gate.x;
      }
    }
    const stageClock = deadlineStart(`Task_StartStage${n}Clock`, `启动第${n}阶段计时`, x, `stage${n}`, `=timeLimits.stage${n}Days`);
    link(previous, stageClock);
    previous = stageClock;
    if (n > 1) {
      x += COLUMN;
      const resume = deadlineStep('resume', `Task_ResumeCaseClockStage${n}`, '恢复全流程计时', x, MAIN_Y, 'case');
      link(previous, resume);
      previous = resume;
    }
    x += COLUMN;
    const merge = add({ id: `Gateway_EnterStage${n}`, kind: 'exclusiveGateway', name: `办理第${n}阶段`, x, y: MAIN_Y });
    link(previous, merge);
    x += 120;
    const sub = stageSubprocess(stage, x);
    const box = b.bounds(sub);
    b.node(sub).x = box.x + box.width / 2;
    link(merge, sub);
    lights(stage, sub);

    // Correction (补正 / 整改): leave the subprocess, stop both clocks, wait for the applicant, resume.
    const bottom = box.y + box.height;
    const correctionY = bottom + 110;
    const caught = add({
      id: `Boundary_CorrectionStage${n}`,
      kind: 'boundaryEvent',
      name: '需补正',
      x: box.x + 100,
      y: bottom,
      attributes: { attachedToRef: sub },
      body: '<bpmn:errorEventDefinition errorRef="Error_CorrectionRequired" />',
    });
    let cx = box.x + 230;
    const notice = add({
      id: `Task_CorrectionNoticeStage${n}`,
      kind: 'serviceTask',
      name: '一次性告知补正事项',
      x: cx,
      y: correctionY,
      documentation: 'One consolidated notice of every defect found at acceptance or by any department (一次性告知).',
      extensions: serviceTask(
        'engineering-notice',
        [
          ['noticeKind', str(n === 4 ? 'rectification' : 'correction')],
          ['caseId', '=caseId'],
          ['caseTitle', '=caseTitle'],
          ['applicant', '=applicant'],
          ['stage', `=${n}`],
          ['defects', '=defects'],
          ['at', '=now()'],
        ],
        [['lastNotice', '=notice']],
      ),
    });
    cx += COLUMN;
    const pauseStage = deadlineStep('pause', `Task_PauseStage${n}Clock`, `暂停第${n}阶段计时`, cx, correctionY, `stage${n}`);
    cx += COLUMN;
    const pauseCase = deadlineStep('pause', `Task_PauseCaseClockCorrectionStage${n}`, '暂停全流程计时', cx, correctionY, 'case');
    cx += COLUMN;
    const wait = add({
      id: `Catch_CorrectionStage${n}`,
      kind: 'intermediateCatchEvent',
      name: '申请人提交补正材料',
      x: cx,
      y: correctionY,
      body: '<bpmn:messageEventDefinition messageRef="Message_CorrectionSubmitted" />',
    });
    cx += COLUMN;
    const resumeStage = deadlineStep('resume', `Task_ResumeStage${n}Clock`, `恢复第${n}阶段计时`, cx, correctionY, `stage${n}`);
    cx += COLUMN;
    const resumeCase = deadlineStep('resume', `Task_ResumeCaseClockCorrectionStage${n}`, '恢复全流程计时', cx, correctionY, 'case');
    chain([caught, notice, pauseStage, pauseCase, wait, resumeStage, resumeCase]);
    link(resumeCase, merge, { route: 'below', via: correctionY + 90 });

    if (n !== 4) {
      const rejected = add({
        id: `Boundary_RejectedStage${n}`,
        kind: 'boundaryEvent',
        name: '不予许可',
        x: box.x + box.width - 260,
        y: bottom,
        attributes: { attachedToRef: sub },
        body: '<bpmn:errorEventDefinition errorRef="Error_ApplicationRejected" />',
      });
      const rejectionNotice = add({
        id: `Task_RejectionNoticeStage${n}`,
        kind: 'serviceTask',
        name: '送达不予许可决定',
        x: box.x + box.width - 130,
        y: correctionY,
        extensions: serviceTask(
          'engineering-notice',
          [
            ['noticeKind', str('rejection')],
            ['caseId', '=caseId'],
            ['caseTitle', '=caseTitle'],
            ['applicant', '=applicant'],
            ['stage', `=${n}`],
            ['defects', `=for r in reviewResults[decision = "reject"] return {source: "rejection", item: r.item.name, department: r.item.department, description: r.opinion}`],
            ['reasons', '=rejectionReasons'],
            ['at', '=now()'],
          ],
          [['lastNotice', '=notice']],
        ),
      });
      const rejectedEnd = add({ id: `End_RejectedCaseStage${n}`, kind: 'endEvent', name: '不予许可，办结', x: box.x + box.width + 20, y: correctionY });
      chain([rejected, rejectionNotice, rejectedEnd]);
    }

    x = box.x + box.width + 90;
    const pause = deadlineStep('pause', `Task_PauseCaseClockStage${n}`, n === 4 ? '结束全流程计时' : '暂停全流程计时', x, MAIN_Y, 'case');
    link(sub, pause);
    previous = pause;
  }
  x += COLUMN;
  const end = add({ id: 'End_Approved', kind: 'endEvent', name: '审批办结', x, y: MAIN_Y });
  link(previous, end);

  const rootElements = `<bpmn:message id="Message_StageApplication" name="engineering-stage-application">
  <bpmn:extensionElements>
    <zeebe:subscription correlationKey="=caseId" />
  </bpmn:extensionElements>
</bpmn:message>
<bpmn:message id="Message_CorrectionSubmitted" name="correction-submitted">
  <bpmn:extensionElements>
    <zeebe:subscription correlationKey="=caseId" />
  </bpmn:extensionElements>
</bpmn:message>
<bpmn:message id="Message_CommitmentsFulfilled" name="commitments-fulfilled">
  <bpmn:extensionElements>
    <zeebe:subscription correlationKey="=caseId" />
  </bpmn:extensionElements>
</bpmn:message>
<bpmn:error id="Error_CorrectionRequired" name="需补正" errorCode="CORRECTION_REQUIRED" />
<bpmn:error id="Error_ApplicationRejected" name="不予许可" errorCode="APPLICATION_REJECTED" />
<bpmn:error id="Error_DeadlineRearm" name="期限已重算" errorCode="DEADLINE_REARM" />
<bpmn:escalation id="Escalation_STAGE_OVERDUE" name="阶段超时提请督办" escalationCode="STAGE_OVERDUE" />
<bpmn:escalation id="Escalation_CASE_OVERDUE" name="全流程超时提请督办" escalationCode="CASE_OVERDUE" />
<bpmn:signal id="Signal_calendar_updated" name="calendar-updated" />`;

  return b.toXml({
    processId: 'engineering-approval',
    processName: '工程建设项目审批',
    documentation:
      'Engineering construction project approval (工程建设项目审批), Shandong 2020 reengineering: four stages led by three departments (development-reform, natural-resources, housing-construction), one form and one window per stage, 3–10 items reviewed in parallel within one limit, one consolidated notice of defects, correction time not counted, 容缺受理 with commitments checked before the construction permit, regional-assessment / standard-land / EIA-exemption shortcuts, joint drawing review and joint acceptance. Limits come from engineering-time-limits.dmn; yellow and red lights per stage and for the whole case. Generated by scripts/generate-engineering-approval.ts.',
    rootElements,
    targetNamespace: 'http://onego.example/bpmn/engineering-approval',
  });
}

/** The model's XML as this generator writes it (the committed file must equal it; a test checks). */
export function buildEngineeringApproval(): string {
  return build();
}

/** Where the generated model lives. */
export const engineeringApprovalFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'bpmn', 'engineering-approval.bpmn');

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await writeFile(engineeringApprovalFile, buildEngineeringApproval());
  console.log(`wrote ${path.relative(process.cwd(), engineeringApprovalFile)}`);
}
