// @ts-check
/**
 * Small readers over bpmn-moddle elements shared by the OneGo rules: Zeebe extension elements, input and
 * output mappings, timers, and a walk over every flow element of a process. Plain CommonJS without
 * Node APIs, so the same code runs in `onego lint` and inside Camunda Modeler.
 */
'use strict';

/** The first extension element of `type` (e.g. `zeebe:TaskDefinition`) on `element`, if any. */
function extension(element, type) {
  const values = (element.extensionElements && element.extensionElements.values) || [];
  return values.find((value) => value.$type === type);
}

/** The `zeebe:input` mappings of an element as `{ source, target }`. */
function inputs(element) {
  const mapping = extension(element, 'zeebe:IoMapping');
  return (mapping && mapping.inputParameters) || [];
}

/** The `zeebe:output` mappings of an element as `{ source, target }`. */
function outputs(element) {
  const mapping = extension(element, 'zeebe:IoMapping');
  return (mapping && mapping.outputParameters) || [];
}

/** The job type of a task (or message event) with a `zeebe:taskDefinition`, or undefined. */
function jobType(element) {
  const definition = extension(element, 'zeebe:TaskDefinition');
  return definition && definition.type ? String(definition.type).trim() : undefined;
}

/** A FEEL expression without its leading `=` and surrounding blanks; '' for none. */
function feelBody(expression) {
  const text = String(expression || '').trim();
  return text.startsWith('=') ? text.slice(1).trim() : text;
}

/** Every flow element inside `container` at any depth (sub-processes and event sub-processes included). */
function allFlowElements(container) {
  const found = [];
  const visit = (scope) => {
    for (const element of scope.flowElements || []) {
      found.push(element);
      if (element.flowElements) visit(element);
    }
  };
  visit(container);
  return found;
}

/** The timer expression of a timer event (date, duration or cycle), or undefined for other events. */
function timerExpression(event) {
  const definition = (event.eventDefinitions || []).find((value) => value.$type === 'bpmn:TimerEventDefinition');
  if (!definition) return undefined;
  const formal = definition.timeDate || definition.timeDuration || definition.timeCycle;
  return { kind: definition.timeDate ? 'date' : definition.timeDuration ? 'duration' : 'cycle', body: formal ? String(formal.body || '').trim() : '' };
}

/** True when a name holds at least one Chinese (CJK unified ideograph) character. */
function hasChinese(text) {
  return /[\u3400-\u4dbf\u4e00-\u9fff]/.test(String(text || ''));
}

/**
 * One report text in both languages, as designers and reviewers read them:
 * `问题。修正：做法。 | Problem. Fix: what to do.`
 */
function bilingual(zh, en) {
  return `${zh.problem}。修正：${zh.fix}。 | ${en.problem}. Fix: ${en.fix}.`;
}

module.exports = { extension, inputs, outputs, jobType, feelBody, allFlowElements, timerExpression, hasChinese, bilingual };
