/**
 * `talent-card` (山东惠才卡核发): direct issuance from a provincial department's list, or reviewed /
 * evaluated issuance through the employer's service commissioner, level by level up to the provincial
 * HRSS department (processes.md §3). Limits are PROPOSED (the seeds only say 及时).
 */
import { ModelBuilder } from './builder';
import { addLights, addSupervisionCatcher, pauseDeadline, resumeDeadline, SUPERVISION_ESCALATION, startDeadline } from './deadline-pattern';

export function talentCard(): ModelBuilder {
  const model = new ModelBuilder(
    'talent-card',
    '山东惠才卡核发',
    'High-level talent service card (山东惠才卡) issuance by the provincial HRSS department (省人力资源社会保障厅). ' +
      'Direct issuance (直接颁发类): a provincial department sends the list (message talent-direct-list starts one case per ' +
      'talent) and HRSS makes and issues the card. Reviewed (审核颁发类) and evaluated (评审颁发类): the talent applies; the ' +
      'employer’s service commissioner (服务专员) supplements the materials (one-time notice to the talent, clock paused ' +
      'while the talent corrects), submits level by level (a configurable chain: sequential multi-instance over ' +
      'approvalLevels), then HRSS reviews (审核, one reviewer) or organises an expert evaluation (论证, parallel ' +
      'multi-instance over experts). HRSS approves, rejects with reasons, or sends the case back for a supplement. ' +
      'PROPOSED limits (none are stated): commissioner 5 WD, each level 3 WD, 审核 10 WD, 论证 20 WD, card production 5 WD. ' +
      'When the employer asks for the staffing green channel (编制), the call activity starts talent-staffing after issuance; ' +
      'talent-staffing can also be started on its own.',
  )
    .message('talent-direct-list')
    .message('correction-submitted', '=caseId')
    .error('TALENT_MATERIALS_INCOMPLETE', '材料需补正')
    .error('TALENT_LEVEL_RETURNED', '退回补充')
    .escalation(SUPERVISION_ESCALATION, '环节超时提请督办');

  const p = model.process;
  p.messageStart('StartEvent_DirectList', '省直部门报送直接颁发人才', 'talent-direct-list', {
    documentation: 'A provincial department submits a qualifying talent for direct issuance (message talent-direct-list).',
  })
    .start('StartEvent_Applied', '人才提交申请', {
      formId: 'talent-application',
      documentation: 'The talent submits basic materials in the provincial talent service information system.',
    })
    .xor('Gateway_StartMerge', '')
    .service('Task_RegisterApplication', '登记申请', 'talent-register-application', {
      documentation: 'Validates the application, assigns caseId and caseTitle, records submittedAt and the approval chain.',
      inputs: [['receivedAt', '=now()']],
    })
    .xor('Gateway_Category', '颁发类别', { defaultFlow: 'Flow_Reviewed' });

  p.xor('Gateway_CommissionerEntry', '');
  startDeadline(p, 'Task_StartCommissionerDeadline', '启动服务专员时限（5个工作日）', 'commissioner', { workingDays: 5 }, [
    // A case sent back to the commissioner keeps the instant it was first accepted.
    ['acceptedAt', '=if acceptedAt = null then deadline.startedAt else acceptedAt'],
  ]);
  p.xor('Gateway_CommissionerMerge', '');
  p.sub('SubProcess_Commissioner', '服务专员补充材料（5个工作日）', (s) => {
    s.start('StartEvent_Commissioner', '开始补充材料')
      .user('Task_CommissionerSupplement', '服务专员补充材料', {
        documentation: 'The employer’s service commissioner completes the materials in the system or lists what the talent must add.',
        formId: 'talent-commissioner-supplement',
        candidateGroups: 'service-commissioners',
        inputs: [['department', '="service-commissioners"']],
      })
      .xor('Gateway_MaterialsReady', '材料齐全？', { defaultFlow: 'Flow_MaterialsMissing' })
      .end('End_MaterialsReady', '材料齐全')
      .end('End_MaterialsMissing', '需人才补正', { errorCode: 'TALENT_MATERIALS_INCOMPLETE' })
      .chain('StartEvent_Commissioner', 'Task_CommissionerSupplement', 'Gateway_MaterialsReady')
      .flow('Flow_MaterialsReady', 'Gateway_MaterialsReady', 'End_MaterialsReady', { name: '齐全', condition: '=materialsComplete = true' })
      .flow('Flow_MaterialsMissing', 'Gateway_MaterialsReady', 'End_MaterialsMissing', { name: '需补正' });
  });
  addLights(p, { host: 'SubProcess_Commissioner', deadlineName: 'commissioner', department: 'service-commissioners', step: '服务专员补充材料' });
  p.errorBoundary('Boundary_MaterialsIncomplete', '需人才补正', 'SubProcess_Commissioner', 'TALENT_MATERIALS_INCOMPLETE');
  pauseDeadline(p, 'Task_PauseCommissionerDeadline', '暂停服务专员时限', 'commissioner');
  p.service('Task_NotifyCorrection', '一次性告知补正材料', 'talent-correction-notice', {
    documentation: 'Sends the one-time notice of every missing material to the talent.',
    inputs: [['notice', '=correctionNotice'], ['stage', '="commissioner"'], ['sentAt', '=now()']],
  }).messageCatch('Event_CorrectionSubmitted', '人才提交补正材料', 'correction-submitted', {
    documentation: 'Waits for the talent’s correction (message correction-submitted, correlation key caseId); the clock is paused.',
  });
  resumeDeadline(p, 'Task_ResumeCommissionerDeadline', '恢复服务专员时限', 'commissioner');

  p.sub(
    'SubProcess_LevelSubmission',
    '逐级审核提交',
    (l) => {
      l.start('StartEvent_Level', '本级开始');
      startDeadline(l, 'Task_StartLevelDeadline', '启动本级时限（3个工作日）', 'level', { workingDays: 3 });
      l.sub('SubProcess_LevelReview', '本级审核（3个工作日）', (r) => {
        r.start('StartEvent_LevelReview', '开始本级审核')
          .user('Task_LevelReview', '本级审核并提交', {
            documentation: 'One level of the chain (employer, competent department or city HR, …) checks and forwards, or returns.',
            formId: 'talent-level-review',
            candidateGroups: '=level.group',
            inputs: [['department', '=level.group']],
          })
          .xor('Gateway_LevelDecision', '本级结论', { defaultFlow: 'Flow_LevelForward' })
          .end('End_LevelForwarded', '已提交上一级')
          .end('End_LevelReturned', '退回补充', { errorCode: 'TALENT_LEVEL_RETURNED' })
          .chain('StartEvent_LevelReview', 'Task_LevelReview', 'Gateway_LevelDecision')
          .flow('Flow_LevelForward', 'Gateway_LevelDecision', 'End_LevelForwarded', { name: '提交' })
          .flow('Flow_LevelReturn', 'Gateway_LevelDecision', 'End_LevelReturned', { name: '退回', condition: '=levelDecision = "return"' });
      });
      addLights(l, { host: 'SubProcess_LevelReview', deadlineName: 'level', department: '=level.group', step: '逐级审核', nested: true });
      l.end('End_Level', '本级完成').chain('StartEvent_Level', 'Task_StartLevelDeadline', 'SubProcess_LevelReview', 'End_Level');
    },
    {
      documentation:
        'Level-by-level submission (逐级提交): one sequential instance per entry of approvalLevels ({ code, name, group }), ' +
        'each with its own PROPOSED 3-WD limit.',
      multiInstance: { sequential: true, inputCollection: '=approvalLevels', inputElement: 'level' },
    },
  );
  p.errorBoundary('Boundary_LevelReturned', '退回补充', 'SubProcess_LevelSubmission', 'TALENT_LEVEL_RETURNED');
  addSupervisionCatcher(p, 'SubProcess_LevelSubmission');

  p.xor('Gateway_HrssMode', '审核或论证', { defaultFlow: 'Flow_HrssReview' });
  startDeadline(p, 'Task_StartReviewDeadline', '启动审核时限（10个工作日）', 'review', { workingDays: 10 });
  p.sub('SubProcess_HrssReview', '省人社厅审核（10个工作日）', (r) => {
    r.start('StartEvent_HrssReview', '开始审核')
      .user('Task_HrssReview', '省人社厅审核', {
        documentation: 'One HRSS reviewer decides: approve, reject with reasons, or request a supplement.',
        formId: 'talent-hrss-decision',
        candidateGroups: 'hrss',
        inputs: [['department', '="hrss"']],
      })
      .end('End_HrssReview', '审核完成')
      .chain('StartEvent_HrssReview', 'Task_HrssReview', 'End_HrssReview');
  });
  addLights(p, { host: 'SubProcess_HrssReview', deadlineName: 'review', department: 'hrss', step: '省人社厅审核' });
  startDeadline(p, 'Task_StartEvaluationDeadline', '启动论证时限（20个工作日）', 'evaluation', { workingDays: 20 });
  p.sub('SubProcess_HrssEvaluation', '省人社厅组织论证（20个工作日）', (e) => {
    e.start('StartEvent_Evaluation', '开始论证')
      .user('Task_ExpertEvaluation', '专家论证', {
        documentation: 'Every expert of the panel gives an opinion in parallel (multi-instance over experts).',
        formId: 'talent-expert-evaluation',
        candidateGroups: 'hrss',
        assignee: '=expert',
        // Local variables, so each expert's answer stays in its own instance until the output element collects it.
        inputs: [
          ['department', '="hrss"'],
          ['recommend', '=null'],
          ['opinion', '=null'],
        ],
        multiInstance: {
          sequential: false,
          inputCollection: '=experts',
          inputElement: 'expert',
          outputCollection: 'expertOpinions',
          outputElement: '={expert: expert, recommend: recommend, opinion: opinion}',
        },
      })
      .user('Task_HrssEvaluationDecision', '省人社厅论证结论', {
        documentation: 'HRSS decides on the panel’s opinions: approve, reject with reasons, or request a supplement.',
        formId: 'talent-hrss-decision',
        candidateGroups: 'hrss',
        inputs: [['department', '="hrss"']],
      })
      .end('End_Evaluation', '论证完成')
      .chain('StartEvent_Evaluation', 'Task_ExpertEvaluation', 'Task_HrssEvaluationDecision', 'End_Evaluation');
  });
  addLights(p, { host: 'SubProcess_HrssEvaluation', deadlineName: 'evaluation', department: 'hrss', step: '专家论证' });
  p.xor('Gateway_HrssMerge', '').xor('Gateway_HrssDecision', '省人社厅结论', { defaultFlow: 'Flow_HrssApproved' });

  p.service('Task_NotifyRejection', '告知不予颁发理由', 'talent-notify-result', {
    documentation: 'Tells the talent the card is refused, with the reasons.',
    inputs: [['outcome', '="rejected"'], ['sentAt', '=now()']],
  }).end('End_Rejected', '不予颁发');

  p.xor('Gateway_ProductionMerge', '');
  startDeadline(p, 'Task_StartProductionDeadline', '启动制卡时限（5个工作日）', 'production', { workingDays: 5 });
  p.sub('SubProcess_CardProduction', '制作发放惠才卡（5个工作日）', (c) => {
    c.start('StartEvent_Production', '开始制卡')
      .service('Task_IssueCard', '制作发放惠才卡', 'talent-issue-card', {
        documentation: 'The provincial talent system makes and issues the card: number, category, validity, entitled services.',
        inputs: [['issuedAt', '=now()']],
      })
      .end('End_Production', '已发卡')
      .chain('StartEvent_Production', 'Task_IssueCard', 'End_Production');
  });
  addLights(p, { host: 'SubProcess_CardProduction', deadlineName: 'production', department: 'hrss', step: '制卡发卡' });
  p.service('Task_NotifyIssued', '通知持卡人', 'talent-notify-result', {
    documentation: 'Tells the talent the card is issued and which green-channel services it opens.',
    inputs: [['outcome', '="issued"'], ['sentAt', '=now()']],
  })
    .xor('Gateway_StaffingRequested', '申请编制服务？', { defaultFlow: 'Flow_NoStaffing' })
    .call('CallActivity_Staffing', '绿色通道：编制实名制管理', 'talent-staffing', {
      documentation: 'Starts the staffing green channel (talent-staffing) for the card holder and waits for its outcome.',
      inputs: [
        ['caseId', '=caseId + "-BZ"'],
        ['cardNumber', '=card.cardNumber'],
        ['talent', '=talent'],
        ['employer', '=employer'],
        ['competentDepartment', '=staffing.competentDepartment'],
        ['positionTitle', '=staffing.positionTitle'],
      ],
      outputs: [['staffingOutcome', '=staffingOutcome']],
    })
    .xor('Gateway_StaffingMerge', '')
    .end('End_CardIssued', '已颁发');

  p.chain('StartEvent_DirectList', 'Gateway_StartMerge')
    .chain('StartEvent_Applied', 'Gateway_StartMerge', 'Task_RegisterApplication', 'Gateway_Category')
    .flow('Flow_Direct', 'Gateway_Category', 'Gateway_ProductionMerge', { name: '直接颁发类', condition: '=category = "direct"' })
    .flow('Flow_Reviewed', 'Gateway_Category', 'Gateway_CommissionerEntry', { name: '审核/评审颁发类' })
    .chain('Gateway_CommissionerEntry', 'Task_StartCommissionerDeadline', 'Gateway_CommissionerMerge', 'SubProcess_Commissioner', 'SubProcess_LevelSubmission', 'Gateway_HrssMode')
    .chain('Boundary_MaterialsIncomplete', 'Task_PauseCommissionerDeadline', 'Task_NotifyCorrection', 'Event_CorrectionSubmitted', 'Task_ResumeCommissionerDeadline', 'Gateway_CommissionerMerge')
    .flow('Flow_LevelReturnedToCommissioner', 'Boundary_LevelReturned', 'Gateway_CommissionerEntry')
    .flow('Flow_HrssEvaluation', 'Gateway_HrssMode', 'Task_StartEvaluationDeadline', { name: '论证', condition: '=category = "evaluated"' })
    .flow('Flow_HrssReview', 'Gateway_HrssMode', 'Task_StartReviewDeadline', { name: '审核' })
    .chain('Task_StartReviewDeadline', 'SubProcess_HrssReview', 'Gateway_HrssMerge')
    .chain('Task_StartEvaluationDeadline', 'SubProcess_HrssEvaluation', 'Gateway_HrssMerge')
    .chain('Gateway_HrssMerge', 'Gateway_HrssDecision')
    .flow('Flow_HrssApproved', 'Gateway_HrssDecision', 'Gateway_ProductionMerge', { name: '通过' })
    .flow('Flow_HrssRejected', 'Gateway_HrssDecision', 'Task_NotifyRejection', { name: '不予颁发', condition: '=hrssDecision = "reject"' })
    .flow('Flow_HrssSupplement', 'Gateway_HrssDecision', 'Gateway_CommissionerEntry', { name: '补充材料', condition: '=hrssDecision = "supplement"' })
    .chain('Task_NotifyRejection', 'End_Rejected')
    .chain('Gateway_ProductionMerge', 'Task_StartProductionDeadline', 'SubProcess_CardProduction', 'Task_NotifyIssued', 'Gateway_StaffingRequested')
    .flow('Flow_StaffingRequested', 'Gateway_StaffingRequested', 'CallActivity_Staffing', { name: '是', condition: '=staffingRequested = true' })
    .flow('Flow_NoStaffing', 'Gateway_StaffingRequested', 'Gateway_StaffingMerge', { name: '否' })
    .chain('CallActivity_Staffing', 'Gateway_StaffingMerge', 'End_CardIssued');
  return model;
}
