// @ts-check
/**
 * `onego/user-task-form`: every user task has a linked Camunda Form (`zeebe:formDefinition formId`) that
 * exists in `forms/`; a start event that links a form must link an existing one. The models bind forms by
 * id with `bindingType="deployment"`, so a form id that is not deployed with them fails at run time.
 * The known ids come from `conventions.json`; `onego lint` passes `{ formIds }` read live from the `forms/`
 * folder beside the model's folder, so a form just saved there counts before the data file is refreshed.
 */
'use strict';

const { extension, bilingual } = require('../support/model.cjs');
const { formIds } = require('../support/conventions.cjs');

module.exports = function userTaskFormRule(config) {
  const known = config && Array.isArray(config.formIds) ? new Set(config.formIds) : formIds;
  function check(node, reporter) {
    const isUserTask = node.$instanceOf('bpmn:UserTask');
    if (!isUserTask && !node.$instanceOf('bpmn:StartEvent')) return;
    const definition = extension(node, 'zeebe:FormDefinition');
    if (!definition) {
      if (!isUserTask) return;
      reporter.report(
        node.id,
        bilingual(
          { problem: '用户任务没有关联表单', fix: '在属性面板“Form”中选择“Camunda Form (linked)”，填写 forms/ 中表单的 ID' },
          { problem: 'user task has no linked form', fix: "set Form to 'Camunda Form (linked)' with the id of a form in forms/" },
        ),
        ['extensionElements'],
      );
      return;
    }
    // An external reference is a form another system renders; it is not ours to find.
    if (definition.externalReference) return;
    const formId = definition.formId;
    if (typeof formId === 'string' && formId.startsWith('=')) return;
    if (formId && known.has(formId)) return;
    const shown = formId || definition.formKey || '';
    reporter.report(
      node.id,
      bilingual(
        { problem: `表单“${shown}”在 forms/ 中不存在`, fix: '在 Camunda Modeler 中新建该表单并保存到 forms/（表单 ID 与此一致），或改选已有表单' },
        { problem: `form '${shown}' does not exist in forms/`, fix: 'create that form in Camunda Modeler and save it in forms/ with this id, or link an existing form' },
      ),
      ['extensionElements'],
    );
  }
  return { check };
};
