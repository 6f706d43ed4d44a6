// @ts-check
/**
 * `onego/chinese-names`: flow nodes are named in Chinese, for the staff who read the diagrams and the
 * task lists. A name is required where bpmnlint's `label-required` requires one (it exempts parallel and
 * event-based gateways, joining gateways and sub-processes); any name that is given must hold Chinese.
 */
'use strict';

const { hasChinese, bilingual } = require('../support/model.cjs');

function nameRequired(node) {
  if (node.$instanceOf('bpmn:ParallelGateway') || node.$instanceOf('bpmn:EventBasedGateway')) return false;
  if (node.$instanceOf('bpmn:Gateway')) return (node.outgoing || []).length > 1;
  return !node.$instanceOf('bpmn:SubProcess');
}

module.exports = function chineseNamesRule() {
  function check(node, reporter) {
    if (!node.$instanceOf('bpmn:FlowNode')) return;
    const name = String(node.name || '').trim();
    if (name === '' ? !nameRequired(node) : hasChinese(name)) return;
    reporter.report(
      node.id,
      bilingual(
        { problem: name === '' ? '元素没有中文名称' : `名称“${name}”不含中文`, fix: '用中文写明这一步做什么，例如“受理审查”“黄灯提醒：环节一”' },
        { problem: name === '' ? 'element has no Chinese name' : `name '${name}' has no Chinese`, fix: "name the step in Chinese, e.g. '受理审查' or '黄灯提醒：环节一'" },
      ),
      ['name'],
    );
  }
  return { check };
};
