// @ts-check
/**
 * `onego/candidate-groups`: a user task's static candidate groups are groups of the department directory
 * (a department, its `-supervisors` group, or a role group), and a user task offers itself to someone
 * (candidate groups, candidate users or an assignee). Where the groups are a FEEL expression they come from
 * variables, so the rule checks the literal department ids the model feeds in: every `zeebe:input` named
 * `department` or `recipientGroup` whose source is a string literal (or a static value) must name a department.
 */
'use strict';

const { extension, inputs, feelBody, bilingual } = require('../support/model.cjs');
const { groupIds, departmentIds } = require('../support/conventions.cjs');

const DEPARTMENT_INPUTS = ['department', 'recipientGroup'];

function unknownGroup(node, group, reporter) {
  reporter.report(
    node.id,
    bilingual(
      { problem: `候选组“${group}”不在部门目录中`, fix: '改用部门目录（engine/identity/departments.ts）中的部门 ID，或先在目录中新增该部门并运行 onego lint --refresh-conventions' },
      { problem: `candidate group '${group}' is not in the department directory`, fix: 'use a department id from engine/identity/departments.ts, or add the department there first and run onego lint --refresh-conventions' },
    ),
    ['extensionElements'],
  );
}

module.exports = function candidateGroupsRule() {
  function check(node, reporter) {
    for (const input of inputs(node)) {
      if (!DEPARTMENT_INPUTS.includes(input.target)) continue;
      const source = String(input.source || '').trim();
      // `="tax"` is a FEEL string literal; `tax` without `=` is Zeebe's static value, the same string.
      const literal = source.startsWith('=') ? (/^"([^"]*)"$/.exec(feelBody(source)) || [])[1] : source || undefined;
      if (literal !== undefined && !departmentIds.has(literal)) unknownGroup(node, literal, reporter);
    }
    if (!node.$instanceOf('bpmn:UserTask')) return;
    const assignment = extension(node, 'zeebe:AssignmentDefinition');
    const groups = assignment && assignment.candidateGroups ? String(assignment.candidateGroups).trim() : '';
    if (!groups && !(assignment && (assignment.assignee || assignment.candidateUsers))) {
      reporter.report(
        node.id,
        bilingual(
          { problem: '用户任务没有候选组，无人会收到此任务', fix: '在“Assignment”中填写负责部门的 ID 作为候选组' },
          { problem: 'user task has no candidate groups, so nobody is offered it', fix: "set Assignment → Candidate groups to the responsible department's id" },
        ),
        ['extensionElements'],
      );
      return;
    }
    if (groups.startsWith('=')) return;
    for (const group of groups.split(',').map((value) => value.trim()).filter(Boolean)) {
      if (!groupIds.has(group)) unknownGroup(node, group, reporter);
    }
  }
  return { check };
};
