/**
 * A tiny BPMN writer for tests: each helper returns an XML snippet; `process()` wraps snippets into a complete
 * definitions document (messages, signals, errors and escalations are hoisted to the definitions level).
 *
 * @example
 * const xml = process('order', start('s'), serviceTask('pay', 'payment'), end('e'), chain('s', 'pay', 'e'));
 */
import { xmlEscape } from '../../scripts/xml-escape';

const NAMESPACES =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" ' +
  'xmlns:modeler="http://camunda.org/schema/modeler/1.0" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0"';

/** Escape text for an XML attribute. */
export const attr = xmlEscape;

const ROOT_LEVEL = /^<bpmn:(message|signal|error|escalation)\b/;

/** The `zeebe:versionTag` of a process: pass it among the parts of {@link process}. */
export function versionTag(value: string): string {
  return `<bpmn:extensionElements><zeebe:versionTag value="${attr(value)}" /></bpmn:extensionElements>`;
}

/** A complete definitions document with one executable process made of `parts`. */
export function process(id: string, ...parts: string[]): string {
  const root = parts.filter((p) => ROOT_LEVEL.test(p.trim()));
  const body = parts.filter((p) => !ROOT_LEVEL.test(p.trim()));
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NAMESPACES} id="defs_${id}" targetNamespace="http://bpmn.io/schema/bpmn">
${root.join('\n')}
<bpmn:process id="${id}" isExecutable="true">
${body.join('\n')}
</bpmn:process>
</bpmn:definitions>`;
}

/** Variable mappings and other extension options shared by many elements. */
export interface ElementOptions {
  inputs?: Record<string, string>;
  outputs?: Record<string, string>;
  name?: string;
}

function ioMapping(options: ElementOptions = {}): string {
  const inputs = Object.entries(options.inputs ?? {}).map(([target, source]) => `<zeebe:input source="${attr(source)}" target="${attr(target)}"/>`);
  const outputs = Object.entries(options.outputs ?? {}).map(([target, source]) => `<zeebe:output source="${attr(source)}" target="${attr(target)}"/>`);
  return inputs.length + outputs.length > 0 ? `<zeebe:ioMapping>${inputs.join('')}${outputs.join('')}</zeebe:ioMapping>` : '';
}

function nameAttr(options: ElementOptions = {}): string {
  return options.name ? ` name="${attr(options.name)}"` : '';
}

function extensions(...parts: string[]): string {
  const inner = parts.filter(Boolean).join('');
  return inner ? `<bpmn:extensionElements>${inner}</bpmn:extensionElements>` : '';
}

/** Sequence flows through the ids in order: chain('a','b','c') = a→b, b→c. */
export function chain(...ids: string[]): string {
  const flows: string[] = [];
  for (let i = 0; i < ids.length - 1; i++) flows.push(flow(ids[i], ids[i + 1]));
  return flows.join('\n');
}

/** One sequence flow (id `from_to` unless given), optionally with a FEEL condition. */
export function flow(from: string, to: string, condition?: string, id = `${from}_${to}`): string {
  const cond = condition ? `<bpmn:conditionExpression>${attr(condition)}</bpmn:conditionExpression>` : '';
  return `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}">${cond}</bpmn:sequenceFlow>`;
}

/** A none start event, or with an event definition snippet (timer, message, signal, error...). */
export function start(id: string, definition = '', options: ElementOptions & { interrupting?: boolean } = {}): string {
  const interrupting = options.interrupting === false ? ' isInterrupting="false"' : '';
  return `<bpmn:startEvent id="${id}"${nameAttr(options)}${interrupting}>${extensions(ioMapping(options))}${definition}</bpmn:startEvent>`;
}

export function end(id: string, definition = '', options: ElementOptions = {}): string {
  return `<bpmn:endEvent id="${id}"${nameAttr(options)}>${extensions(ioMapping(options))}${definition}</bpmn:endEvent>`;
}

export interface ServiceTaskOptions extends ElementOptions {
  retries?: string;
  headers?: Record<string, string>;
  multiInstance?: MultiInstanceOptions;
}

export interface MultiInstanceOptions {
  sequential?: boolean;
  inputCollection: string;
  inputElement?: string;
  outputCollection?: string;
  outputElement?: string;
  completionCondition?: string;
}

/** Multi-instance loop characteristics. */
export function multiInstance(options: MultiInstanceOptions): string {
  const attrs = [
    `inputCollection="${attr(options.inputCollection)}"`,
    options.inputElement ? `inputElement="${attr(options.inputElement)}"` : '',
    options.outputCollection ? `outputCollection="${attr(options.outputCollection)}"` : '',
    options.outputElement ? `outputElement="${attr(options.outputElement)}"` : '',
  ].filter(Boolean);
  const condition = options.completionCondition ? `<bpmn:completionCondition>${attr(options.completionCondition)}</bpmn:completionCondition>` : '';
  return `<bpmn:multiInstanceLoopCharacteristics${options.sequential ? ' isSequential="true"' : ''}><bpmn:extensionElements><zeebe:loopCharacteristics ${attrs.join(' ')}/></bpmn:extensionElements>${condition}</bpmn:multiInstanceLoopCharacteristics>`;
}

function taskDefinition(type: string, options: ServiceTaskOptions): string {
  const headers = Object.entries(options.headers ?? {}).map(([k, v]) => `<zeebe:header key="${attr(k)}" value="${attr(v)}"/>`);
  return (
    `<zeebe:taskDefinition type="${attr(type)}"${options.retries ? ` retries="${attr(options.retries)}"` : ''}/>` +
    (headers.length ? `<zeebe:taskHeaders>${headers.join('')}</zeebe:taskHeaders>` : '')
  );
}

export function serviceTask(id: string, type: string, options: ServiceTaskOptions = {}): string {
  const loop = options.multiInstance ? multiInstance(options.multiInstance) : '';
  return `<bpmn:serviceTask id="${id}"${nameAttr(options)}>${extensions(taskDefinition(type, options), ioMapping(options))}${loop}</bpmn:serviceTask>`;
}

export function sendTask(id: string, type: string, options: ServiceTaskOptions = {}): string {
  return `<bpmn:sendTask id="${id}"${nameAttr(options)}>${extensions(taskDefinition(type, options), ioMapping(options))}</bpmn:sendTask>`;
}

export interface UserTaskOptions extends ElementOptions {
  /** false = a job-based user task (no `zeebe:userTask`). */
  native?: boolean;
  assignee?: string;
  candidateGroups?: string;
  candidateUsers?: string;
  dueDate?: string;
  followUpDate?: string;
  priority?: string;
  formId?: string;
  /** `bindingType` / `versionTag` of the `formId` link (Camunda 8.6+). */
  formBindingType?: string;
  formVersionTag?: string;
  externalReference?: string;
  multiInstance?: MultiInstanceOptions;
}

/** ` bindingType="…" versionTag="…"` for a zeebe element that links a resource, empty when neither is set. */
function bindingAttrs(bindingType?: string, versionTag?: string): string {
  return `${bindingType ? ` bindingType="${attr(bindingType)}"` : ''}${versionTag ? ` versionTag="${attr(versionTag)}"` : ''}`;
}

export function userTask(id: string, options: UserTaskOptions = {}): string {
  const assignment = [
    options.assignee ? `assignee="${attr(options.assignee)}"` : '',
    options.candidateGroups ? `candidateGroups="${attr(options.candidateGroups)}"` : '',
    options.candidateUsers ? `candidateUsers="${attr(options.candidateUsers)}"` : '',
  ].filter(Boolean);
  const schedule = [
    options.dueDate ? `dueDate="${attr(options.dueDate)}"` : '',
    options.followUpDate ? `followUpDate="${attr(options.followUpDate)}"` : '',
  ].filter(Boolean);
  const form = options.formId
    ? `<zeebe:formDefinition formId="${attr(options.formId)}"${bindingAttrs(options.formBindingType, options.formVersionTag)}/>`
    : options.externalReference
      ? `<zeebe:formDefinition externalReference="${attr(options.externalReference)}"/>`
      : '';
  return `<bpmn:userTask id="${id}"${nameAttr(options)}>${extensions(
    options.native === false ? '' : '<zeebe:userTask/>',
    assignment.length ? `<zeebe:assignmentDefinition ${assignment.join(' ')}/>` : '',
    schedule.length ? `<zeebe:taskSchedule ${schedule.join(' ')}/>` : '',
    options.priority ? `<zeebe:priorityDefinition priority="${attr(options.priority)}"/>` : '',
    form,
    ioMapping(options),
  )}${options.multiInstance ? multiInstance(options.multiInstance) : ''}</bpmn:userTask>`;
}

export function scriptTask(id: string, expression: string, resultVariable: string, options: ElementOptions = {}): string {
  return `<bpmn:scriptTask id="${id}"${nameAttr(options)}>${extensions(`<zeebe:script expression="${attr(expression)}" resultVariable="${attr(resultVariable)}"/>`, ioMapping(options))}</bpmn:scriptTask>`;
}

export function businessRuleTask(
  id: string,
  decisionId: string,
  resultVariable: string,
  options: ElementOptions & { bindingType?: string; versionTag?: string } = {},
): string {
  const called = `<zeebe:calledDecision decisionId="${attr(decisionId)}" resultVariable="${attr(resultVariable)}"${bindingAttrs(options.bindingType, options.versionTag)}/>`;
  return `<bpmn:businessRuleTask id="${id}"${nameAttr(options)}>${extensions(called, ioMapping(options))}</bpmn:businessRuleTask>`;
}

export function task(id: string, options: ElementOptions = {}): string {
  return `<bpmn:task id="${id}"${nameAttr(options)}>${extensions(ioMapping(options))}</bpmn:task>`;
}

export function manualTask(id: string, options: ElementOptions = {}): string {
  return `<bpmn:manualTask id="${id}"${nameAttr(options)}>${extensions(ioMapping(options))}</bpmn:manualTask>`;
}

export function receiveTask(id: string, messageRef: string, options: ElementOptions = {}): string {
  return `<bpmn:receiveTask id="${id}" messageRef="${messageRef}"${nameAttr(options)}>${extensions(ioMapping(options))}</bpmn:receiveTask>`;
}

export function callActivity(
  id: string,
  processId: string,
  options: ElementOptions & {
    propagateAllChildVariables?: boolean;
    propagateAllParentVariables?: boolean;
    bindingType?: string;
    versionTag?: string;
    multiInstance?: MultiInstanceOptions;
  } = {},
): string {
  const flags = [
    options.propagateAllChildVariables === false ? 'propagateAllChildVariables="false"' : '',
    options.propagateAllParentVariables === false ? 'propagateAllParentVariables="false"' : '',
    options.bindingType ? `bindingType="${attr(options.bindingType)}"` : '',
    options.versionTag ? `versionTag="${attr(options.versionTag)}"` : '',
  ].filter(Boolean);
  const loop = options.multiInstance ? multiInstance(options.multiInstance) : '';
  return `<bpmn:callActivity id="${id}"${nameAttr(options)}>${extensions(`<zeebe:calledElement processId="${attr(processId)}" ${flags.join(' ')}/>`, ioMapping(options))}${loop}</bpmn:callActivity>`;
}

/** An embedded subprocess holding `parts`. */
export function subProcess(id: string, parts: string[], options: ElementOptions & { multiInstance?: MultiInstanceOptions } = {}): string {
  const loop = options.multiInstance ? multiInstance(options.multiInstance) : '';
  return `<bpmn:subProcess id="${id}"${nameAttr(options)}>${extensions(ioMapping(options))}${loop}\n${parts.join('\n')}\n</bpmn:subProcess>`;
}

/** An event subprocess holding `parts` (its start event decides interrupting or not). */
export function eventSubProcess(id: string, parts: string[]): string {
  return `<bpmn:subProcess id="${id}" triggeredByEvent="true">\n${parts.join('\n')}\n</bpmn:subProcess>`;
}

export function exclusiveGateway(id: string, defaultFlow?: string): string {
  return `<bpmn:exclusiveGateway id="${id}"${defaultFlow ? ` default="${defaultFlow}"` : ''}/>`;
}

export function inclusiveGateway(id: string, defaultFlow?: string): string {
  return `<bpmn:inclusiveGateway id="${id}"${defaultFlow ? ` default="${defaultFlow}"` : ''}/>`;
}

export function parallelGateway(id: string): string {
  return `<bpmn:parallelGateway id="${id}"/>`;
}

export function eventBasedGateway(id: string): string {
  return `<bpmn:eventBasedGateway id="${id}"/>`;
}

export function catchEvent(id: string, definition: string, options: ElementOptions = {}): string {
  return `<bpmn:intermediateCatchEvent id="${id}"${nameAttr(options)}>${extensions(ioMapping(options))}${definition}</bpmn:intermediateCatchEvent>`;
}

export function throwEvent(id: string, definition = '', options: ServiceTaskOptions & { jobType?: string } = {}): string {
  const job = options.jobType ? taskDefinition(options.jobType, options) : '';
  return `<bpmn:intermediateThrowEvent id="${id}"${nameAttr(options)}>${extensions(job, ioMapping(options))}${definition}</bpmn:intermediateThrowEvent>`;
}

export function boundary(id: string, attachedTo: string, definition: string, options: ElementOptions & { interrupting?: boolean } = {}): string {
  const cancel = options.interrupting === false ? ' cancelActivity="false"' : '';
  return `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}"${cancel}${nameAttr(options)}>${extensions(ioMapping(options))}${definition}</bpmn:boundaryEvent>`;
}

// Event definitions --------------------------------------------------------------------------------------

export function timerDuration(expression: string): string {
  return `<bpmn:timerEventDefinition><bpmn:timeDuration>${attr(expression)}</bpmn:timeDuration></bpmn:timerEventDefinition>`;
}

export function timerDate(expression: string): string {
  return `<bpmn:timerEventDefinition><bpmn:timeDate>${attr(expression)}</bpmn:timeDate></bpmn:timerEventDefinition>`;
}

export function timerCycle(expression: string): string {
  return `<bpmn:timerEventDefinition><bpmn:timeCycle>${attr(expression)}</bpmn:timeCycle></bpmn:timerEventDefinition>`;
}

/** A root-level message (hoisted by `process()`), with an optional correlation key expression. */
export function message(id: string, name: string, correlationKey?: string): string {
  const subscription = correlationKey ? `<bpmn:extensionElements><zeebe:subscription correlationKey="${attr(correlationKey)}"/></bpmn:extensionElements>` : '';
  return `<bpmn:message id="${id}" name="${attr(name)}">${subscription}</bpmn:message>`;
}

export function messageRef(messageId: string): string {
  return `<bpmn:messageEventDefinition messageRef="${messageId}"/>`;
}

export function signal(id: string, name: string): string {
  return `<bpmn:signal id="${id}" name="${attr(name)}"/>`;
}

export function signalRef(signalId: string): string {
  return `<bpmn:signalEventDefinition signalRef="${signalId}"/>`;
}

export function error(id: string, errorCode: string): string {
  return `<bpmn:error id="${id}" errorCode="${attr(errorCode)}"/>`;
}

/** An error event definition; without `errorId` it catches every error. */
export function errorRef(errorId?: string): string {
  return errorId ? `<bpmn:errorEventDefinition errorRef="${errorId}"/>` : '<bpmn:errorEventDefinition/>';
}

export function escalation(id: string, code: string): string {
  return `<bpmn:escalation id="${id}" escalationCode="${attr(code)}"/>`;
}

export function escalationRef(escalationId?: string): string {
  return escalationId ? `<bpmn:escalationEventDefinition escalationRef="${escalationId}"/>` : '<bpmn:escalationEventDefinition/>';
}

export function terminate(): string {
  return '<bpmn:terminateEventDefinition/>';
}

export function link(name: string): string {
  return `<bpmn:linkEventDefinition name="${attr(name)}"/>`;
}
