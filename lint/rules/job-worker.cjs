// @ts-check
/**
 * `onego/job-worker`: every job type in the model has a registered worker (`workers/jobs/<type>.ts`), and
 * every `zeebe:input` target of the task is a field of that worker's yup input schema, so a typo in a
 * mapping cannot hand the worker a variable it never reads.
 */
'use strict';

const { jobType, inputs, bilingual } = require('../support/model.cjs');
const { jobTypes } = require('../support/conventions.cjs');

module.exports = function jobWorkerRule() {
  function check(node, reporter) {
    const type = jobType(node);
    // No type is camunda-compat's finding; a FEEL type is only known at run time.
    if (!type || type.startsWith('=')) return;
    const worker = jobTypes[type];
    if (!worker) {
      reporter.report(
        node.id,
        bilingual(
          { problem: `任务类型“${type}”没有已注册的作业处理程序（workers/jobs/${type}.ts）`, fix: '从元素模板中选择任务类型，或先编写该作业处理程序并运行 onego lint --refresh-conventions' },
          { problem: `job type '${type}' has no registered worker (workers/jobs/${type}.ts)`, fix: 'pick the job type from an element template, or write that worker first and run onego lint --refresh-conventions' },
        ),
        ['extensionElements'],
      );
      return;
    }
    const fields = worker.inputs.map((input) => input.name);
    for (const input of inputs(node)) {
      const target = String(input.target || '');
      // A dotted target (`applicant.name`) fills a field of the top-level variable it starts with.
      const field = target.split('.')[0];
      if (fields.includes(field)) continue;
      reporter.report(
        node.id,
        bilingual(
          { problem: `输入映射目标“${target}”不是作业“${type}”的输入字段（可用：${fields.join('、')}）`, fix: '把目标改为上述字段之一，或删除该映射' },
          { problem: `input target '${target}' is not a field of the '${type}' worker's schema (fields: ${fields.join(', ')})`, fix: 'rename the target to one of those fields, or remove the mapping' },
        ),
        ['extensionElements'],
      );
    }
  }
  return { check };
};
