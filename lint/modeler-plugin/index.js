/**
 * The Camunda Desktop Modeler plugin descriptor: Modeler loads `script` into its window, where the bundle
 * registers our bpmnlint rules for BPMN and Camunda 8 (cloud) diagrams. Build the bundle with
 * `npm run build:modeler-plugin`, then link or copy this folder into Modeler's `resources/plugins/`.
 */
module.exports = {
  name: 'OneGo 流程规范检查 (OneGo conventions)',
  script: './dist/client.js',
};
