/**
 * `medical-insurance-transfer` (医保关系转移接续, within the province): the transfer-in agency owns the case,
 * the transfer-out agency works on the provincial platform, everything is electronic; 15 working days
 * instead of the national 45 (processes.md §4).
 */
import { ModelBuilder } from './builder';
import { addLights, addSupervisionCatcher, pauseDeadline, resumeDeadline, SUPERVISION_ESCALATION, startDeadline } from './deadline-pattern';

export function medicalInsuranceTransfer(): ModelBuilder {
  const model = new ModelBuilder(
    'medical-insurance-transfer',
    '医保关系转移接续',
    'Within-province medical-insurance relationship transfer (医保关系转移接续) on the provincial transfer platform. The ' +
      'transfer-in agency owns the case: whole case 15 working days (stated; the national limit is 45 WD), split ' +
      '(PROPOSED) into initiation 2 WD, transfer-out 8 WD and transfer-in 5 WD. The transfer-in agency checks enrolment ' +
      '(not enrolled: rejected with reasons; data discrepancy: one-time notice and 补正 with the case and initiation ' +
      'clocks paused), then files the request on the platform. The transfer-out agency verifies the record, closes ' +
      'the participation, produces the electronic participation certificate (参保凭证) and transfers the personal ' +
      'account. The transfer-in agency merges the contribution years, credits the account and notifies the insured; ' +
      'benefits continue without a gap. Nothing is mailed on paper: certificate and funds move on the platform.',
  )
    .message('correction-submitted', '=caseId')
    .error('MI_CORRECTION_NEEDED', '数据不一致需补正')
    .error('MI_NOT_ELIGIBLE', '不予转移')
    .escalation(SUPERVISION_ESCALATION, '环节超时提请督办');

  const p = model.process;
  p.start('StartEvent_Applied', '参保人申请转移接续', {
    formId: 'medical-insurance-application',
    documentation: 'The insured applies online, in the app or at a window of the transfer-in agency (ID or social-security card).',
  }).service('Task_RegisterApplication', '登记申请', 'medical-insurance-register-application', {
    documentation: 'Validates the application, assigns caseId and caseTitle and records submittedAt.',
    inputs: [['receivedAt', '=now()']],
  });
  startDeadline(p, 'Task_StartCaseDeadline', '启动办结时限（15个工作日）', 'case', { workingDays: 15 }, [['acceptedAt', '=deadline.startedAt']]);
  startDeadline(p, 'Task_StartInitiationDeadline', '启动转入地受理时限（2个工作日）', 'initiation', { workingDays: 2 });
  p.xor('Gateway_CaseMerge', '');

  p.sub('SubProcess_Case', '医保关系转移接续（15个工作日）', (c) => {
    c.start('StartEvent_Case', '开始办理');
    c.sub('SubProcess_Initiation', '转入地受理（2个工作日）', (i) => {
      i.start('StartEvent_Initiation', '开始受理')
        .service('Task_CheckEnrolment', '核验转入地参保状态', 'medical-insurance-check-enrolment', {
          documentation: 'Asks the provincial platform whether the insured is enrolled at the transfer-in place and compares the data.',
        })
        .user('Task_ReviewApplication', '转入地经办审核', {
          documentation: 'The transfer-in agency accepts, lists discrepancies in one notice (补正), or rejects with reasons.',
          formId: 'medical-insurance-application-review',
          candidateGroups: 'medical-insurance',
          inputs: [['department', '="medical-insurance"']],
        })
        .xor('Gateway_ReviewDecision', '审核结论', { defaultFlow: 'Flow_Accepted' })
        .service('Task_RequestTransfer', '省级平台发起转移申请', 'medical-insurance-request-transfer', {
          documentation: 'Files the transfer request with the transfer-out agency on the provincial platform.',
        })
        .end('End_Initiated', '已发起')
        .end('End_CorrectionNeeded', '需补正', { errorCode: 'MI_CORRECTION_NEEDED' })
        .end('End_NotEligible', '不符合条件', { errorCode: 'MI_NOT_ELIGIBLE' })
        .chain('StartEvent_Initiation', 'Task_CheckEnrolment', 'Task_ReviewApplication', 'Gateway_ReviewDecision')
        .flow('Flow_Accepted', 'Gateway_ReviewDecision', 'Task_RequestTransfer', { name: '受理' })
        .flow('Flow_Correction', 'Gateway_ReviewDecision', 'End_CorrectionNeeded', { name: '补正', condition: '=reviewDecision = "correction"' })
        .flow('Flow_NotEligible', 'Gateway_ReviewDecision', 'End_NotEligible', { name: '不予受理', condition: '=reviewDecision = "reject"' })
        .chain('Task_RequestTransfer', 'End_Initiated');
    });
    addLights(c, { host: 'SubProcess_Initiation', deadlineName: 'initiation', department: 'medical-insurance', step: '转入地受理', nested: true });
    startDeadline(c, 'Task_StartTransferOutDeadline', '启动转出地时限（8个工作日）', 'transferOut', { workingDays: 8 });
    c.sub('SubProcess_TransferOut', '转出地办理（8个工作日）', (o) => {
      o.start('StartEvent_TransferOut', '收到转移申请')
        .user('Task_TransferOutVerification', '转出地核对参保信息', {
          documentation: 'The transfer-out agency verifies the participation record on the platform, or refuses with reasons.',
          formId: 'medical-insurance-transfer-out-verification',
          candidateGroups: 'medical-insurance',
          inputs: [['department', '="medical-insurance"']],
        })
        .xor('Gateway_TransferOutDecision', '核对结论', { defaultFlow: 'Flow_TransferOutConfirmed' })
        .service('Task_CloseParticipation', '终止参保并出具电子参保凭证', 'medical-insurance-close-participation', {
          documentation: 'Closes the participation at the transfer-out place and produces the electronic participation certificate.',
          inputs: [['closedAt', '=now()']],
        })
        .service('Task_TransferAccount', '划转个人账户', 'medical-insurance-transfer-account', {
          documentation: 'Transfers the personal-account balance to the transfer-in agency through the platform.',
        })
        .end('End_TransferOut', '转出完成')
        .end('End_TransferOutRefused', '不予转出', { errorCode: 'MI_NOT_ELIGIBLE' })
        .chain('StartEvent_TransferOut', 'Task_TransferOutVerification', 'Gateway_TransferOutDecision')
        .flow('Flow_TransferOutConfirmed', 'Gateway_TransferOutDecision', 'Task_CloseParticipation', { name: '核对无误' })
        .flow('Flow_TransferOutRefused', 'Gateway_TransferOutDecision', 'End_TransferOutRefused', {
          name: '不予转出',
          condition: '=transferOutDecision = "refuse"',
        })
        .chain('Task_CloseParticipation', 'Task_TransferAccount', 'End_TransferOut');
    });
    addLights(c, { host: 'SubProcess_TransferOut', deadlineName: 'transferOut', department: 'medical-insurance', step: '转出地办理', nested: true });
    startDeadline(c, 'Task_StartTransferInDeadline', '启动转入地接续时限（5个工作日）', 'transferIn', { workingDays: 5 });
    c.sub('SubProcess_TransferIn', '转入地接续（5个工作日）', (t) => {
      t.start('StartEvent_TransferIn', '收到参保凭证')
        .service('Task_MergeContributions', '合并缴费年限并记入个人账户', 'medical-insurance-merge-contributions', {
          documentation: 'Merges the contribution years and credits the transferred personal-account balance; benefits continue.',
        })
        .service('Task_NotifyInsured', '告知参保人办理结果', 'medical-insurance-notify-insured', {
          documentation: 'Tells the insured that the relationship was transferred, with merged years and account balance.',
          inputs: [['outcome', '="completed"'], ['sentAt', '=now()']],
        })
        .end('End_TransferIn', '接续完成')
        .chain('StartEvent_TransferIn', 'Task_MergeContributions', 'Task_NotifyInsured', 'End_TransferIn');
    });
    addLights(c, { host: 'SubProcess_TransferIn', deadlineName: 'transferIn', department: 'medical-insurance', step: '转入地接续', nested: true });
    c.end('End_Case', '转移接续完成').chain(
      'StartEvent_Case',
      'SubProcess_Initiation',
      'Task_StartTransferOutDeadline',
      'SubProcess_TransferOut',
      'Task_StartTransferInDeadline',
      'SubProcess_TransferIn',
      'End_Case',
    );
  });
  addLights(p, { host: 'SubProcess_Case', deadlineName: 'case', department: 'medical-insurance', step: '医保关系转移接续' });
  addSupervisionCatcher(p, 'SubProcess_Case');

  p.errorBoundary('Boundary_CorrectionNeeded', '需补正', 'SubProcess_Case', 'MI_CORRECTION_NEEDED', {
    documentation: 'The data do not match: the clocks pause while the insured corrects them.',
  });
  pauseDeadline(p, 'Task_PauseCaseDeadline', '暂停办结时限', 'case');
  pauseDeadline(p, 'Task_PauseInitiationDeadline', '暂停受理时限', 'initiation');
  p.service('Task_NotifyCorrection', '一次性告知补正内容', 'medical-insurance-correction-notice', {
    documentation: 'Sends the one-time notice (一次性告知) of every discrepancy to the insured.',
    inputs: [['notice', '=correctionNotice'], ['stage', '="initiation"'], ['sentAt', '=now()']],
  }).messageCatch('Event_CorrectionSubmitted', '参保人提交补正', 'correction-submitted', {
    documentation: 'Waits for the corrected data (message correction-submitted, correlation key caseId); the clocks are paused.',
  });
  resumeDeadline(p, 'Task_ResumeCaseDeadline', '恢复办结时限', 'case');
  resumeDeadline(p, 'Task_ResumeInitiationDeadline', '恢复受理时限', 'initiation');
  p.errorBoundary('Boundary_NotEligible', '不予转移', 'SubProcess_Case', 'MI_NOT_ELIGIBLE')
    .service('Task_NotifyRejection', '告知不予办理理由', 'medical-insurance-notify-insured', {
      documentation: 'Tells the insured the transfer cannot be made, with the reasons.',
      inputs: [['outcome', '="rejected"'], ['sentAt', '=now()']],
    })
    .end('End_Rejected', '不予办理')
    .end('End_Completed', '办结')
    .chain('StartEvent_Applied', 'Task_RegisterApplication', 'Task_StartCaseDeadline', 'Task_StartInitiationDeadline', 'Gateway_CaseMerge', 'SubProcess_Case', 'End_Completed')
    .chain(
      'Boundary_CorrectionNeeded',
      'Task_PauseCaseDeadline',
      'Task_PauseInitiationDeadline',
      'Task_NotifyCorrection',
      'Event_CorrectionSubmitted',
      'Task_ResumeCaseDeadline',
      'Task_ResumeInitiationDeadline',
      'Gateway_CaseMerge',
    )
    .chain('Boundary_NotEligible', 'Task_NotifyRejection', 'End_Rejected');
  return model;
}
