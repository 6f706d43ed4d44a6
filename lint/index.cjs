/**
 * bpmnlint-plugin-onego: OneGo's process conventions as bpmnlint rules. `onego lint` and the tests run them
 * through `.bpmnlintrc` (`plugin:onego/recommended`); the Camunda Modeler plugin in `modeler-plugin/`
 * bundles the same rules so designers see the problems while drawing. Rules read `conventions.json`.
 */
'use strict';

/** Rule names to their files (bpmnlint resolves path references relative to this package). */
const rules = {
  'job-worker': './rules/job-worker.cjs',
  'user-task-form': './rules/user-task-form.cjs',
  'candidate-groups': './rules/candidate-groups.cjs',
  'deadline-lights': './rules/deadline-lights.cjs',
  'pause-resume': './rules/pause-resume.cjs',
  'chinese-names': './rules/chinese-names.cjs',
  'no-literal-time-limit': './rules/no-literal-time-limit.cjs',
};

const recommended = {
  rules: Object.fromEntries(Object.keys(rules).map((name) => [`onego/${name}`, 'error'])),
};

module.exports = { rules, configs: { recommended } };
