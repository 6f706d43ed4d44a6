/**
 * `talent-staffing` (编制实名制管理, a 惠才卡 green-channel service): a provincial public institution files
 * the card holder online, the competent department pre-reviews, the Provincial Staffing Office handles it
 * on arrival within 2 working days (processes.md §3.2).
 */
import { ModelBuilder } from './builder';
import { addLights, startDeadline } from './deadline-pattern';

export function talentStaffing(): ModelBuilder {
  const model = new ModelBuilder(
    'talent-staffing',
    '高层次人才编制实名制管理',
    'Staffing green channel for 惠才卡 holders (编制, real-name management): a provincial public institution that hired a ' +
      'card holder files the case online in the staffing management system with the card scan; the competent department ' +
      'pre-reviews; the Provincial Staffing Office (省委编办) handles it on arrival (随到随办), within 2 working days at the ' +
      'latest (stated). Started on its own from the staffing application form, or by the talent-card process through ' +
      'its call activity when the employer asked for it.',
  );
  const p = model.process;
  p.start('StartEvent_Applied', '用人单位在线申报', {
    formId: 'talent-staffing-application',
    documentation: 'The employing public institution files the hire with the scan of the card.',
  })
    .service('Task_RegisterApplication', '登记申报并核验惠才卡', 'talent-staffing-register', {
      documentation: 'Validates the filing, checks the card in the provincial talent system, assigns caseId and caseTitle.',
      inputs: [['receivedAt', '=now()']],
    })
    .user('Task_CompetentDepartmentPreReview', '主管部门初审', {
      documentation: 'The institution’s competent department pre-reviews the filing and forwards it, or returns it with reasons.',
      formId: 'talent-staffing-prereview',
      candidateGroups: '=competentDepartment',
      inputs: [['department', '=competentDepartment']],
    })
    .xor('Gateway_PreReview', '初审结论', { defaultFlow: 'Flow_PreReviewForwarded' })
    .service('Task_NotifyReturned', '告知退回理由', 'talent-notify-result', {
      documentation: 'Tells the employer the filing was returned, with the reasons.',
      inputs: [['outcome', '="staffing-returned"'], ['sentAt', '=now()']],
      outputs: [['staffingOutcome', '="returned"']],
    })
    .end('End_Returned', '已退回');
  startDeadline(p, 'Task_StartStaffingDeadline', '启动编办时限（2个工作日）', 'staffing', { workingDays: 2 }, [['acceptedAt', '=deadline.startedAt']]);
  p.sub('SubProcess_StaffingOffice', '省委编办办理（2个工作日）', (s) => {
    s.start('StartEvent_StaffingOffice', '收到申请')
      .user('Task_StaffingOfficeDecision', '省委编办审核', {
        documentation: 'The Provincial Staffing Office approves the real-name inclusion within the quota, or refuses with reasons.',
        formId: 'talent-staffing-decision',
        candidateGroups: 'staffing-office',
        inputs: [['department', '="staffing-office"']],
      })
      .end('End_StaffingOffice', '审核完成')
      .chain('StartEvent_StaffingOffice', 'Task_StaffingOfficeDecision', 'End_StaffingOffice');
  });
  addLights(p, { host: 'SubProcess_StaffingOffice', deadlineName: 'staffing', department: 'staffing-office', step: '编制办理' });
  p.xor('Gateway_StaffingDecision', '编办结论', { defaultFlow: 'Flow_StaffingApproved' })
    .service('Task_RecordStaffing', '纳入实名制管理', 'talent-staffing-record', {
      documentation: 'Records the talent in the institution’s staffing quota in the staffing management system.',
    })
    .end('End_Included', '已纳入实名制管理')
    .service('Task_NotifyRefused', '告知不予办理理由', 'talent-notify-result', {
      documentation: 'Tells the employer the staffing office refused, with the reasons.',
      inputs: [['outcome', '="staffing-refused"'], ['sentAt', '=now()']],
      outputs: [['staffingOutcome', '="refused"']],
    })
    .end('End_Refused', '不予办理')
    .chain('StartEvent_Applied', 'Task_RegisterApplication', 'Task_CompetentDepartmentPreReview', 'Gateway_PreReview')
    .flow('Flow_PreReviewForwarded', 'Gateway_PreReview', 'Task_StartStaffingDeadline', { name: '报省委编办' })
    .flow('Flow_PreReviewReturned', 'Gateway_PreReview', 'Task_NotifyReturned', { name: '退回', condition: '=preReviewDecision = "return"' })
    .chain('Task_NotifyReturned', 'End_Returned')
    .chain('Task_StartStaffingDeadline', 'SubProcess_StaffingOffice', 'Gateway_StaffingDecision')
    .flow('Flow_StaffingApproved', 'Gateway_StaffingDecision', 'Task_RecordStaffing', { name: '同意' })
    .flow('Flow_StaffingRefused', 'Gateway_StaffingDecision', 'Task_NotifyRefused', { name: '不同意', condition: '=staffingDecision = "refuse"' })
    .chain('Task_RecordStaffing', 'End_Included')
    .chain('Task_NotifyRefused', 'End_Refused');
  return model;
}
