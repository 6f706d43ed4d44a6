// @ts-check
/**
 * How a OneGo model wires a statutory clock (see workers/jobs/deadline-*.ts): `deadline-start` maps its
 * result to `deadline_<name>` (`zeebe:output source="=deadline"`), a non-interrupting timer at
 * `=deadline_<name>.warnAt` turns the light yellow, a timer at `=deadline_<name>.dueAt` turns it red, and
 * `deadline-pause` / `deadline-resume` take the same variable as their `deadline` input.
 */
'use strict';

const { jobType, inputs, outputs, feelBody } = require('./model.cjs');

/** The variable a `deadline-start` task writes its deadline to, or undefined when it maps none. */
function startedDeadlineVariable(task) {
  const output = outputs(task).find((mapping) => feelBody(mapping.source) === 'deadline');
  return output ? String(output.target) : undefined;
}

/** The variable a pause/resume/recompute task reads its `deadline` input from (`=deadline_x` → `deadline_x`). */
function deadlineInputVariable(task) {
  const input = inputs(task).find((mapping) => mapping.target === 'deadline');
  const body = input ? feelBody(input.source) : '';
  return /^[A-Za-z_][\w]*$/.test(body) ? body : undefined;
}

/** The tasks of `type` among `elements`. */
function tasksOfType(elements, type) {
  return elements.filter((element) => jobType(element) === type);
}

module.exports = { startedDeadlineVariable, deadlineInputVariable, tasksOfType };
