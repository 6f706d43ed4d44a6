// @ts-check
/**
 * `onego/no-literal-time-limit`: time limits are counted in Chinese working days by the deadline workers
 * and, where they vary by case, decided by a decision table (DMN). Precisely, it reports
 * 1. a timer event whose expression is a literal (`PT4H`, `P5D`, `="PT4H"`, `=duration("P5D")`, a fixed
 *    date): it counts calendar time, not working days. Timers read a deadline (`=deadline_x.dueAt`) or
 *    another variable;
 * 2. a timer or a `deadline-start` limit (`limitWorkingDays`, `limitWorkingHours`) that picks between
 *    values with `if … then … else`: that choice is a decision table's job;
 * 3. a literal `deadline-start` limit (`=5`) in a process that calls a decision table
 *    (`zeebe:calledDecision`): there the table decides the limits, and a literal bypasses it.
 */
'use strict';

const { allFlowElements, extension, inputs, jobType, timerExpression, feelBody, bilingual } = require('../support/model.cjs');

const LIMIT_INPUTS = ['limitWorkingDays', 'limitWorkingHours'];
const TIME_FUNCTIONS = /\b(date and time|duration|date|time|cycle)\s*\(/g;

/** True when a timer expression holds no variable: only literals and time constructors. */
function isLiteralTimer(expression) {
  const text = String(expression || '').trim();
  if (!text.startsWith('=')) return text !== '';
  const rest = feelBody(text).replace(/"(?:[^"\\]|\\.)*"/g, '').replace(TIME_FUNCTIONS, '(');
  return !/[A-Za-z_\u4e00-\u9fff]/.test(rest);
}

/** True when a FEEL expression chooses a value with if-then-else. */
function isInlineDecision(expression) {
  return /\bif\b[\s\S]*\bthen\b[\s\S]*\belse\b/.test(feelBody(expression).replace(/"(?:[^"\\]|\\.)*"/g, '""'));
}

function callsDecisionTable(process) {
  return allFlowElements(process).some((element) => extension(element, 'zeebe:CalledDecision'));
}

const FIX_ZH = '时限请用“开始计时”（deadline-start）按工作日计算，因案件而异的时限写进决策表（DMN），定时器读取“=deadline_<时限名>.dueAt”';
const FIX_EN = "count limits with deadline-start in working days, put limits that vary by case into a decision table (DMN), and let timers read '=deadline_<name>.dueAt'";

module.exports = function noLiteralTimeLimitRule() {
  function check(node, reporter) {
    if (!node.$instanceOf('bpmn:Process')) return;
    const elements = allFlowElements(node);
    for (const element of elements) {
      const timer = timerExpression(element);
      if (!timer) continue;
      if (isLiteralTimer(timer.body)) {
        reporter.report(element.id, bilingual({ problem: `定时器使用固定时长“${timer.body}”（按自然时间计算，不计工作日）`, fix: FIX_ZH }, { problem: `timer uses the literal '${timer.body}' (calendar time, not working days)`, fix: FIX_EN }));
      } else if (isInlineDecision(timer.body)) {
        reporter.report(element.id, bilingual({ problem: '定时器在表达式中用 if/then/else 决定时限', fix: FIX_ZH }, { problem: 'timer decides its limit with if/then/else in the expression', fix: FIX_EN }));
      }
    }
    const decided = callsDecisionTable(node);
    for (const task of elements.filter((element) => jobType(element) === 'deadline-start')) {
      for (const input of inputs(task).filter((mapping) => LIMIT_INPUTS.includes(mapping.target))) {
        const body = feelBody(input.source);
        if (isInlineDecision(input.source)) {
          reporter.report(task.id, bilingual({ problem: `时限“${input.target}”在表达式中用 if/then/else 决定`, fix: '把这一选择写进决策表（业务规则任务），此处读取其结果' }, { problem: `limit '${input.target}' is decided with if/then/else in the expression`, fix: 'move that choice into a decision table (business rule task) and read its result here' }));
        } else if (decided && /^-?\d+(\.\d+)?$/.test(body)) {
          reporter.report(task.id, bilingual({ problem: `本流程由决策表确定时限，但“${input.target}”写死为 ${body}`, fix: '改为读取决策表的结果，例如“=timeLimits.stage1Days”' }, { problem: `this process's limits come from a decision table, but '${input.target}' is the literal ${body}`, fix: "read the decision's result instead, e.g. '=timeLimits.stage1Days'" }));
        }
      }
    }
  }
  return { check };
};
