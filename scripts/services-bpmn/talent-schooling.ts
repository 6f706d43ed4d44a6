/**
 * `talent-schooling` (子女入学, a 惠才卡 green-channel service): the talent applies to the education
 * department, which reviews, proposes a placement and coordinates priority; the school enrols the child
 * with priority (processes.md §3.2). The seeds state no time limit, so the model sets none.
 */
import { ModelBuilder } from './builder';

export function talentSchooling(): ModelBuilder {
  const model = new ModelBuilder(
    'talent-schooling',
    '高层次人才子女入学',
    'Children’s schooling for 惠才卡 holders (子女入学): the talent applies to the local education department (or ' +
      'through the enrolment platform); the department reviews the materials, proposes a placement, coordinates ' +
      'priority and informs the school and the talent; the school enrols the child with priority. No hukou or ' +
      'property conditions apply. The seeds state no time limit, so this model has no deadline or lights. Started ' +
      'on its own from the schooling application form.',
  );
  model.process
    .start('StartEvent_Applied', '人才提交子女入学申请', {
      formId: 'talent-schooling-application',
      documentation: 'The talent applies for enrolment or transfer of a child, with the card number.',
    })
    .service('Task_RegisterApplication', '登记申请并核验惠才卡', 'talent-schooling-register', {
      documentation: 'Validates the application, checks the card in the provincial talent system, assigns caseId and caseTitle.',
      inputs: [['receivedAt', '=now()']],
    })
    .user('Task_EducationReview', '教育行政部门审查并提出安排意见', {
      documentation: 'The education department reviews the materials and proposes a school, or refuses with reasons.',
      formId: 'talent-schooling-review',
      candidateGroups: 'education',
      inputs: [['department', '="education"']],
    })
    .xor('Gateway_ReviewDecision', '审查结论', { defaultFlow: 'Flow_Arranged' })
    .service('Task_NotifyPlacement', '告知学校和人才', 'talent-schooling-notify', {
      documentation: 'Informs the school and the talent of the placement through the platform.',
      inputs: [['outcome', '="arranged"'], ['sentAt', '=now()']],
    })
    .user('Task_SchoolEnrolment', '学校优先办理入学', {
      documentation: 'The school enrols the child with priority and confirms it.',
      formId: 'talent-schooling-enrolment',
      candidateGroups: 'education',
      inputs: [['department', '="education"']],
    })
    .end('End_Enrolled', '已入学')
    .service('Task_NotifyRefusal', '告知不予安排理由', 'talent-schooling-notify', {
      documentation: 'Tells the talent why no placement could be arranged.',
      inputs: [['outcome', '="refused"'], ['sentAt', '=now()']],
    })
    .end('End_Refused', '未安排')
    .chain('StartEvent_Applied', 'Task_RegisterApplication', 'Task_EducationReview', 'Gateway_ReviewDecision')
    .flow('Flow_Arranged', 'Gateway_ReviewDecision', 'Task_NotifyPlacement', { name: '安排入学' })
    .flow('Flow_Refused', 'Gateway_ReviewDecision', 'Task_NotifyRefusal', { name: '不予安排', condition: '=schoolingDecision = "refuse"' })
    .chain('Task_NotifyPlacement', 'Task_SchoolEnrolment', 'End_Enrolled')
    .chain('Task_NotifyRefusal', 'End_Refused');
  return model;
}
