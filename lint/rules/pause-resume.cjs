// @ts-check
/**
 * `onego/pause-resume`: every `deadline-pause` reads a deadline variable (`deadline` input `=deadline_x`),
 * and the same process has a `deadline-resume` of that variable, so a clock stopped for 补正 runs again.
 */
'use strict';

const { allFlowElements, bilingual } = require('../support/model.cjs');
const { deadlineInputVariable, tasksOfType } = require('../support/deadlines.cjs');

module.exports = function pauseResumeRule() {
  function check(node, reporter) {
    if (!node.$instanceOf('bpmn:Process')) return;
    const elements = allFlowElements(node);
    const resumed = new Set(tasksOfType(elements, 'deadline-resume').map(deadlineInputVariable).filter(Boolean));
    for (const pause of tasksOfType(elements, 'deadline-pause')) {
      const variable = deadlineInputVariable(pause);
      if (!variable) {
        reporter.report(
          pause.id,
          bilingual(
            { problem: '暂停计时任务没有指明暂停哪个时限', fix: '添加输入映射 source “=deadline_<时限名>”，target “deadline”' },
            { problem: 'deadline-pause does not say which deadline it pauses', fix: "add the input mapping source '=deadline_<name>', target 'deadline'" },
          ),
          ['extensionElements'],
        );
        continue;
      }
      if (resumed.has(variable)) continue;
      reporter.report(
        pause.id,
        bilingual(
          { problem: `时限“${variable}”被暂停后没有恢复计时任务`, fix: `在补正提交之后添加“恢复计时”任务（deadline-resume），输入 deadline = “=${variable}”` },
          { problem: `deadline '${variable}' is paused but never resumed`, fix: `add a deadline-resume task after the correction returns, with input deadline = '=${variable}'` },
        ),
      );
    }
  }
  return { check };
};
