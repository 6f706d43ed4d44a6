// @ts-check
/**
 * `onego/deadline-lights`: every `deadline-start` maps its result to a variable, and the same process
 * has a timer at `=<variable>.warnAt` (yellow light) and a timer at `=<variable>.dueAt` (red light).
 * Lights never stop the work: a light timer attached as a boundary event must be non-interrupting.
 */
'use strict';

const { allFlowElements, timerExpression, feelBody, bilingual } = require('../support/model.cjs');
const { startedDeadlineVariable, tasksOfType } = require('../support/deadlines.cjs');

const LIGHTS = [
  { field: 'warnAt', zh: '黄灯', en: 'yellow' },
  { field: 'dueAt', zh: '红灯', en: 'red' },
];

module.exports = function deadlineLightsRule() {
  function check(node, reporter) {
    if (!node.$instanceOf('bpmn:Process')) return;
    const elements = allFlowElements(node);
    const timers = elements
      .map((element) => ({ element, timer: timerExpression(element) }))
      .filter((entry) => entry.timer !== undefined)
      .map((entry) => ({ element: entry.element, body: feelBody(entry.timer && entry.timer.body) }));
    for (const task of tasksOfType(elements, 'deadline-start')) {
      const variable = startedDeadlineVariable(task);
      if (!variable) {
        reporter.report(
          task.id,
          bilingual(
            { problem: '开始计时任务没有把结果映射到时限变量', fix: '添加输出映射 source “=deadline”，target “deadline_<时限名>”' },
            { problem: "deadline-start does not map its result to a deadline variable", fix: "add the output mapping source '=deadline', target 'deadline_<name>'" },
          ),
          ['extensionElements'],
        );
        continue;
      }
      for (const light of LIGHTS) {
        const expected = `${variable}.${light.field}`;
        const matching = timers.filter((timer) => timer.body === expected);
        if (matching.length === 0) {
          reporter.report(
            task.id,
            bilingual(
              { problem: `时限“${variable}”没有${light.zh}计时器（=${expected}）`, fix: `${light.en === 'yellow' ? '在计时子流程上添加非中断定时边界事件' : '在计时子流程中添加定时中间捕获事件（或非中断定时边界事件）'}，时间日期为“=${expected}”，后接“${light.en === 'yellow' ? '黄灯提醒' : '红灯告警'}”模板任务` },
              { problem: `deadline '${variable}' has no ${light.en}-light timer (=${expected})`, fix: `${light.en === 'yellow' ? 'attach a non-interrupting timer boundary event to the clock sub-process' : 'add a timer catch event inside the clock sub-process (or a non-interrupting timer boundary event)'} with date '=${expected}', followed by the ${light.en === 'yellow' ? '黄灯提醒 (yellow)' : '红灯告警 (red)'} template task` },
            ),
          );
        }
        for (const timer of matching) {
          if (!timer.element.$instanceOf('bpmn:BoundaryEvent') || timer.element.cancelActivity === false) continue;
          reporter.report(
            timer.element.id,
            bilingual(
              { problem: `${light.zh}计时器是中断边界事件，亮灯会中止办理`, fix: '把该边界事件改为非中断（取消勾选“Interrupting”）' },
              { problem: `the ${light.en}-light timer is an interrupting boundary event, so the light would stop the work`, fix: 'make the boundary event non-interrupting' },
            ),
          );
        }
      }
    }
  }
  return { check };
};
