import { checkExpression, isExpression } from '../feel';
import { candidateListHeader } from './candidate-list';
import type {
  BpmnElementType,
  BpmnEventType,
  ExecutableProcess,
  FlowNode,
  LoopDefinition,
  SequenceFlow,
  VariableMapping,
} from './executable-process';
import { compileCompensation, readCompensation, supportsCompensationEvent } from './compensation';
import { finishAdHocSubProcess, readAdHocSubProcess } from './ad-hoc-subprocess';
import { duplicateConditionalStartProblems, readConditionalEvent } from './conditional-event';
import { duplicateCatchEventProblems } from './duplicate-catch-events';
import { newFlowNode } from './new-flow-node';
import { readExecutionListeners, readTaskListeners } from './listeners';
import type { ParsedBpmn } from './parse-bpmn';
import { readBinding } from './resource-binding';
import { idLines } from './xml-guard';

/** The executable processes of one BPMN resource, or every problem found (element id and line named). */
export type CompileResult = { ok: true; value: ExecutableProcess[] } | { ok: false; failure: string };

const TASK_TYPES: Record<string, BpmnElementType> = {
  'bpmn:ServiceTask': 'SERVICE_TASK',
  'bpmn:SendTask': 'SEND_TASK',
  'bpmn:ReceiveTask': 'RECEIVE_TASK',
  'bpmn:UserTask': 'USER_TASK',
  'bpmn:ManualTask': 'MANUAL_TASK',
  'bpmn:Task': 'TASK',
  'bpmn:ScriptTask': 'SCRIPT_TASK',
  'bpmn:BusinessRuleTask': 'BUSINESS_RULE_TASK',
  'bpmn:CallActivity': 'CALL_ACTIVITY',
  'bpmn:SubProcess': 'SUB_PROCESS',
  'bpmn:AdHocSubProcess': 'AD_HOC_SUB_PROCESS',
};
const OTHER_TYPES: Record<string, BpmnElementType> = {
  'bpmn:StartEvent': 'START_EVENT',
  'bpmn:EndEvent': 'END_EVENT',
  'bpmn:IntermediateCatchEvent': 'INTERMEDIATE_CATCH_EVENT',
  'bpmn:IntermediateThrowEvent': 'INTERMEDIATE_THROW_EVENT',
  'bpmn:BoundaryEvent': 'BOUNDARY_EVENT',
  'bpmn:ExclusiveGateway': 'EXCLUSIVE_GATEWAY',
  'bpmn:ParallelGateway': 'PARALLEL_GATEWAY',
  'bpmn:InclusiveGateway': 'INCLUSIVE_GATEWAY',
  'bpmn:EventBasedGateway': 'EVENT_BASED_GATEWAY',
};
const EVENT_TYPES: Record<string, BpmnEventType> = {
  'bpmn:TimerEventDefinition': 'TIMER',
  'bpmn:MessageEventDefinition': 'MESSAGE',
  'bpmn:ErrorEventDefinition': 'ERROR',
  'bpmn:SignalEventDefinition': 'SIGNAL',
  'bpmn:EscalationEventDefinition': 'ESCALATION',
  'bpmn:TerminateEventDefinition': 'TERMINATE',
  'bpmn:LinkEventDefinition': 'LINK',
  'bpmn:CompensateEventDefinition': 'COMPENSATION',
  'bpmn:ConditionalEventDefinition': 'CONDITIONAL',
};

/** Which event definitions each event kind supports (Camunda 8.8, conditional events of 8.9; no compensation yet). */
const SUPPORTED_EVENTS: Record<string, BpmnEventType[]> = {
  START_EVENT: ['NONE', 'TIMER', 'MESSAGE', 'SIGNAL', 'ERROR', 'ESCALATION', 'CONDITIONAL'],
  END_EVENT: ['NONE', 'ERROR', 'ESCALATION', 'TERMINATE', 'MESSAGE', 'SIGNAL'],
  INTERMEDIATE_CATCH_EVENT: ['TIMER', 'MESSAGE', 'SIGNAL', 'LINK', 'CONDITIONAL'],
  INTERMEDIATE_THROW_EVENT: ['NONE', 'MESSAGE', 'SIGNAL', 'ESCALATION', 'LINK'],
  BOUNDARY_EVENT: ['TIMER', 'MESSAGE', 'ERROR', 'SIGNAL', 'ESCALATION', 'CONDITIONAL'],
};

/**
 * Compile every executable process of a parsed BPMN document. Everything the engine would not run is reported
 * here, at deployment, naming element and line, rather than failing later in an instance.
 */
export function compileProcesses(parsed: ParsedBpmn, resourceName: string): CompileResult {
  const problems: string[] = [];
  let lines: ReadonlyMap<string, number> | undefined;
  const report = (id: string, message: string) => {
    lines ??= idLines(parsed.xml);
    const line = lines.get(id);
    problems.push(`- Element: ${id}${line ? ` (line ${line})` : ''}\n    - ERROR: ${message}`);
  };
  const processes: ExecutableProcess[] = [];
  const rootElements: any[] = parsed.definitions?.rootElements ?? [];
  const executable = rootElements.filter((e) => e.$type === 'bpmn:Process' && e.isExecutable !== false);
  if (executable.length === 0 && rootElements.some((e) => e.$type === 'bpmn:Process')) {
    problems.push(`- ERROR: Must contain at least one executable process`);
  }
  for (const element of rootElements) {
    if (element.$type === 'bpmn:Collaboration') {
      for (const participant of element.participants ?? []) {
        if (participant.processRef && participant.processRef.isExecutable !== false && !executable.includes(participant.processRef)) {
          executable.push(participant.processRef);
        }
      }
    }
  }
  for (const processElement of executable) {
    processes.push(compileProcess(processElement, report));
  }
  if (problems.length > 0) {
    return { ok: false, failure: `'${resourceName}': ${listProblems(problems)}` };
  }
  return { ok: true, value: processes };
}

function compileProcess(processElement: any, report: (id: string, message: string) => void): ExecutableProcess {
  const nodes = new Map<string, FlowNode>();
  const flows = new Map<string, SequenceFlow>();
  const id: string = processElement.id;
  if (!id) report('(process)', 'Must have an id');
  const processNode = newFlowNode(id, processElement.name, 'PROCESS', 'UNSPECIFIED');
  nodes.set(id, processNode);
  checkMappings(processElement, processNode, report, false);
  readExecutionListeners(processElement, processNode, report, checkExpr);
  compileContainer(processElement, processNode, nodes, flows, report);

  const startEventIds: string[] = [];
  for (const childId of processNode.children) {
    const child = nodes.get(childId)!;
    if (child.type === 'START_EVENT' && child.eventType !== 'NONE') startEventIds.push(childId);
  }
  for (const node of nodes.values()) validateNode(node, nodes, report);
  compileCompensation(processElement, nodes, report);
  for (const problem of duplicateConditionalStartProblems(startEventIds.map((startId) => nodes.get(startId)!))) report(problem.id, problem.message);
  const versionTag = ((processElement.extensionElements?.values ?? []) as { $type: string; value?: string }[]).find((e) => e.$type === 'zeebe:VersionTag')?.value;
  return { bpmnProcessId: id, name: processElement.name, versionTag: versionTag || undefined, nodes, flows, process: processNode, startEventIds };
}

function compileContainer(
  container: any,
  containerNode: FlowNode,
  nodes: Map<string, FlowNode>,
  flows: Map<string, SequenceFlow>,
  report: (id: string, message: string) => void,
): void {
  const elements: any[] = container.flowElements ?? [];
  for (const element of elements) {
    if (element.$type === 'bpmn:SequenceFlow') {
      const flow: SequenceFlow = {
        id: element.id,
        sourceId: element.sourceRef?.id,
        targetId: element.targetRef?.id,
        condition: element.conditionExpression?.body?.trim() || undefined,
      };
      if (!flow.sourceId || !flow.targetId) report(element.id, 'Must have a source and a target');
      if (flow.condition) checkExpr(element.id, flow.condition, report, 'condition');
      flows.set(flow.id, flow);
      continue;
    }
    if (element.$type === 'bpmn:DataObjectReference' || element.$type === 'bpmn:DataObject' || element.$type === 'bpmn:DataStoreReference') {
      continue;
    }
    const node = compileFlowNode(element, report);
    if (!node) continue;
    node.flowScopeId = containerNode.id;
    if (nodes.has(node.id)) report(node.id, `Duplicate element id '${node.id}'`);
    nodes.set(node.id, node);
    containerNode.children.push(node.id);
    if (node.type === 'SUB_PROCESS' || node.type === 'EVENT_SUB_PROCESS' || node.type === 'AD_HOC_SUB_PROCESS') {
      compileContainer(element, node, nodes, flows, report);
    }
    if (node.type === 'AD_HOC_SUB_PROCESS') finishAdHocSubProcess(node, nodes, report);
  }
  // Wire flows inside this container.
  for (const element of elements) {
    if (element.$type !== 'bpmn:SequenceFlow') continue;
    const flow = flows.get(element.id)!;
    const source = nodes.get(flow.sourceId);
    const target = nodes.get(flow.targetId);
    if (!source || !target) continue;
    source.outgoing.push(flow);
    target.incoming.push(flow.id);
  }
  for (const childId of containerNode.children) {
    const child = nodes.get(childId)!;
    if (child.type === 'START_EVENT' && child.eventType === 'NONE') {
      if (containerNode.noneStartId && containerNode.type !== 'PROCESS') {
        report(containerNode.id, 'Must have exactly one none start event');
      }
      containerNode.noneStartId ??= childId;
    }
    if (child.type === 'EVENT_SUB_PROCESS') {
      const starts = child.children.filter((c) => nodes.get(c)!.type === 'START_EVENT');
      if (starts.length !== 1) report(child.id, 'Must have exactly one start event');
      else {
        containerNode.eventSubProcessStartIds.push(starts[0]);
        child.noneStartId = starts[0];
      }
    }
    if (child.type === 'BOUNDARY_EVENT' && child.attachedToId) {
      const host = nodes.get(child.attachedToId);
      if (host) host.boundaryEventIds.push(child.id);
    }
  }
  if (containerNode.type === 'SUB_PROCESS' && !containerNode.noneStartId) {
    report(containerNode.id, 'Must have exactly one none start event');
  }
}

function compileFlowNode(element: any, report: (id: string, message: string) => void): FlowNode | undefined {
  const $type: string = element.$type;
  let type: BpmnElementType | undefined = TASK_TYPES[$type] ?? OTHER_TYPES[$type];
  if ($type === 'bpmn:SubProcess' && element.triggeredByEvent) type = 'EVENT_SUB_PROCESS';
  if (!type) {
    report(element.id ?? '(no id)', `Elements of type '${$type.replace('bpmn:', '')}' are not supported`);
    return undefined;
  }
  const definitions: any[] = element.eventDefinitions ?? [];
  let eventType: BpmnEventType = 'UNSPECIFIED';
  if (type.endsWith('_EVENT')) {
    if (definitions.length > 1) report(element.id, 'Must have at most one event definition');
    eventType = definitions.length === 0 ? 'NONE' : (EVENT_TYPES[definitions[0].$type] ?? 'UNSPECIFIED');
    const supported = SUPPORTED_EVENTS[type] ?? [];
    if (!supported.includes(eventType) && !supportsCompensationEvent(type, eventType)) {
      report(element.id, `${eventType.toLowerCase()} ${type.toLowerCase().replace(/_/g, ' ')}s are not supported`);
    }
  }
  const node = newFlowNode(element.id, element.name, type, eventType);
  const ext: any[] = element.extensionElements?.values ?? [];
  const extension = (name: string) => ext.find((e) => e.$type === name);

  checkMappings(element, node, report, true);
  readCompensation(element, node, report);
  readExecutionListeners(element, node, report, checkExpr);
  readTaskListeners(element, node, report, checkExpr);
  if (type === 'AD_HOC_SUB_PROCESS') readAdHocSubProcess(element, node, report, checkExpr);
  const documentation = (element.documentation ?? []).map((d: { text?: string }) => d.text ?? '').join('\n').trim();
  if (documentation) node.documentation = documentation;
  const properties = extension('zeebe:Properties')?.properties;
  if (Array.isArray(properties) && properties.length > 0) {
    node.properties = Object.fromEntries(properties.map((p: { name?: string; value?: string }) => [p.name ?? '', p.value ?? '']));
  }

  // Event definitions
  const definition = definitions[0];
  if (definition) {
    switch (eventType) {
      case 'TIMER': {
        const kind = definition.timeDate ? 'date' : definition.timeDuration ? 'duration' : definition.timeCycle ? 'cycle' : undefined;
        const body = (definition.timeDate ?? definition.timeDuration ?? definition.timeCycle)?.body?.trim();
        if (!kind || !body) report(element.id, 'Must have a timeDate, timeDuration or timeCycle');
        else {
          node.timer = { kind, expression: body };
          checkExpr(element.id, body, report, 'timer');
        }
        break;
      }
      case 'MESSAGE': {
        const message = definition.messageRef;
        if (!message?.name) {
          if (type !== 'END_EVENT' && type !== 'INTERMEDIATE_THROW_EVENT') report(element.id, 'Must reference a message with a name');
        } else {
          const subscription = (message.extensionElements?.values ?? []).find((e: any) => e.$type === 'zeebe:Subscription');
          node.message = { name: message.name, correlationKey: subscription?.correlationKey };
          checkExpr(element.id, message.name, report, 'message name');
          const needsKey = type !== 'START_EVENT' || false;
          if (needsKey && type !== 'END_EVENT' && type !== 'INTERMEDIATE_THROW_EVENT') {
            if (!node.message.correlationKey) report(element.id, 'Must have a correlation key (zeebe:subscription correlationKey)');
            else checkExpr(element.id, node.message.correlationKey, report, 'correlation key');
          }
        }
        break;
      }
      case 'SIGNAL':
        if (!definition.signalRef?.name) report(element.id, 'Must reference a signal with a name');
        else {
          node.signalName = definition.signalRef.name;
          checkExpr(element.id, definition.signalRef.name, report, 'signal name');
        }
        break;
      case 'ERROR':
        node.errorCode = definition.errorRef?.errorCode || undefined;
        if (type === 'END_EVENT' && !node.errorCode) report(element.id, 'Must reference an error with an error code');
        break;
      case 'ESCALATION':
        node.escalationCode = definition.escalationRef?.escalationCode || undefined;
        if ((type === 'END_EVENT' || type === 'INTERMEDIATE_THROW_EVENT') && !node.escalationCode) {
          report(element.id, 'Must reference an escalation with an escalation code');
        }
        break;
      case 'CONDITIONAL':
        readConditionalEvent(definition, node, report, checkExpr);
        break;
      case 'LINK':
        node.linkName = definition.name;
        if (!node.linkName) report(element.id, 'Must have a link name');
        break;
      default:
        break;
    }
  }
  if (type === 'BOUNDARY_EVENT') {
    node.attachedToId = element.attachedToRef?.id;
    node.interrupting = element.cancelActivity !== false;
    if (!node.attachedToId) report(element.id, 'Must be attached to an activity');
  }
  if (type === 'START_EVENT') node.interrupting = element.isInterrupting !== false;

  // Jobs (service, send, script with a job, business rule with a job, job-based user task, throw events)
  const taskDefinition = extension('zeebe:TaskDefinition');
  const headers: Record<string, string> = {};
  for (const header of extension('zeebe:TaskHeaders')?.values ?? []) headers[header.key] = header.value ?? '';
  if (taskDefinition) {
    node.job = { type: taskDefinition.type ?? '', retries: taskDefinition.retries ?? '3', headers };
    if (!node.job.type) report(element.id, "Must have a non-empty 'zeebe:taskDefinition type'");
    checkExpr(element.id, node.job.type, report, 'job type');
    checkExpr(element.id, node.job.retries, report, 'job retries');
  }
  const script = extension('zeebe:Script');
  const calledDecision = extension('zeebe:CalledDecision');
  switch (type) {
    case 'SERVICE_TASK':
    case 'SEND_TASK':
      if (!taskDefinition) report(element.id, "Must have exactly one 'zeebe:taskDefinition' extension element");
      break;
    case 'SCRIPT_TASK':
      if (script) {
        node.script = { expression: script.expression ?? '', resultVariable: script.resultVariable ?? '' };
        if (!node.script.resultVariable) report(element.id, "Must have a 'resultVariable' on 'zeebe:script'");
        checkExpr(element.id, node.script.expression, report, 'script', true);
      } else if (!taskDefinition) {
        report(element.id, "Must have either a 'zeebe:script' or a 'zeebe:taskDefinition' extension element");
      }
      break;
    case 'BUSINESS_RULE_TASK':
      if (calledDecision) {
        node.calledDecision = {
          decisionId: calledDecision.decisionId ?? '',
          resultVariable: calledDecision.resultVariable ?? '',
          ...readBinding(calledDecision, 'zeebe:calledDecision', element.id, report),
        };
        if (!node.calledDecision.decisionId || !node.calledDecision.resultVariable) {
          report(element.id, "Must have 'decisionId' and 'resultVariable' on 'zeebe:calledDecision'");
        }
      } else if (!taskDefinition) {
        report(element.id, "Must have either a 'zeebe:calledDecision' or a 'zeebe:taskDefinition' extension element");
      }
      break;
    case 'USER_TASK': {
      const native = !!extension('zeebe:UserTask');
      const assignment = extension('zeebe:AssignmentDefinition');
      const schedule = extension('zeebe:TaskSchedule');
      const priority = extension('zeebe:PriorityDefinition');
      const form = extension('zeebe:FormDefinition');
      node.userTask = {
        native,
        assignee: assignment?.assignee || undefined,
        candidateGroups: assignment?.candidateGroups || undefined,
        candidateUsers: assignment?.candidateUsers || undefined,
        dueDate: schedule?.dueDate || undefined,
        followUpDate: schedule?.followUpDate || undefined,
        priority: priority?.priority !== undefined ? String(priority.priority) : undefined,
        formId: form?.formId || undefined,
        formBinding: form?.formId ? readBinding(form, 'zeebe:formDefinition', element.id, report) : undefined,
        formKey: form?.formKey || undefined,
        externalReference: form?.externalReference || undefined,
      };
      for (const [key, value] of Object.entries(node.userTask)) {
        if (typeof value === 'string') checkExpr(element.id, value, report, key);
      }
      if (!native) {
        node.job = { type: 'io.camunda.zeebe:userTask', retries: '1', headers: { ...headers } };
        const ut = node.userTask;
        if (ut.assignee) node.job.headers['io.camunda.zeebe:assignee'] = ut.assignee;
        if (ut.candidateGroups) node.job.headers['io.camunda.zeebe:candidateGroups'] = candidateListHeader(ut.candidateGroups);
        if (ut.candidateUsers) node.job.headers['io.camunda.zeebe:candidateUsers'] = candidateListHeader(ut.candidateUsers);
        if (ut.dueDate) node.job.headers['io.camunda.zeebe:dueDate'] = ut.dueDate;
        if (ut.followUpDate) node.job.headers['io.camunda.zeebe:followUpDate'] = ut.followUpDate;
        if (ut.formKey) node.job.headers['io.camunda.zeebe:formKey'] = ut.formKey;
      }
      break;
    }
    case 'RECEIVE_TASK': {
      const message = element.messageRef;
      if (!message?.name) report(element.id, 'Must reference a message with a name');
      else {
        const subscription = (message.extensionElements?.values ?? []).find((e: any) => e.$type === 'zeebe:Subscription');
        node.message = { name: message.name, correlationKey: subscription?.correlationKey };
        checkExpr(element.id, message.name, report, 'message name');
        if (!node.message.correlationKey) report(element.id, 'Must have a correlation key (zeebe:subscription correlationKey)');
        else checkExpr(element.id, node.message.correlationKey, report, 'correlation key');
      }
      break;
    }
    case 'CALL_ACTIVITY': {
      const called = extension('zeebe:CalledElement');
      if (!called?.processId) report(element.id, "Must have a 'zeebe:calledElement' with a 'processId'");
      else {
        node.calledElement = {
          processId: called.processId,
          ...readBinding(called, 'zeebe:calledElement', element.id, report),
          propagateAllChildVariables: called.propagateAllChildVariables !== false,
          propagateAllParentVariables: called.propagateAllParentVariables !== false,
        };
        checkExpr(element.id, called.processId, report, 'processId');
      }
      break;
    }
    case 'INTERMEDIATE_THROW_EVENT':
    case 'END_EVENT':
      if (eventType === 'MESSAGE' && !taskDefinition) {
        report(element.id, "Must have exactly one 'zeebe:taskDefinition' extension element");
      }
      break;
    default:
      break;
  }

  // Multi-instance
  const loop = element.loopCharacteristics;
  if (loop) {
    if (loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
      report(element.id, 'Standard loop characteristics are not supported');
    } else {
      const zeebeLoop = (loop.extensionElements?.values ?? []).find((e: any) => e.$type === 'zeebe:LoopCharacteristics');
      const definition: LoopDefinition = {
        sequential: loop.isSequential === true,
        inputCollection: zeebeLoop?.inputCollection || undefined,
        inputElement: zeebeLoop?.inputElement || undefined,
        outputCollection: zeebeLoop?.outputCollection || undefined,
        outputElement: zeebeLoop?.outputElement || undefined,
        completionCondition: loop.completionCondition?.body?.trim() || undefined,
      };
      if (!definition.inputCollection) report(element.id, "Must have a 'zeebe:loopCharacteristics inputCollection'");
      else checkExpr(element.id, definition.inputCollection, report, 'inputCollection');
      if (definition.outputElement) checkExpr(element.id, definition.outputElement, report, 'outputElement');
      if (definition.completionCondition) checkExpr(element.id, definition.completionCondition, report, 'completionCondition');
      node.loop = definition;
    }
  }
  if (element.default?.id) node.defaultFlowId = element.default.id;
  return node;
}

function checkMappings(element: any, node: FlowNode, report: (id: string, message: string) => void, _isFlowNode: boolean): void {
  const ext: any[] = element.extensionElements?.values ?? [];
  const io = ext.find((e) => e.$type === 'zeebe:IoMapping');
  if (!io) return;
  const read = (list: any[] | undefined): VariableMapping[] =>
    (list ?? []).map((m) => ({ source: m.source ?? '', target: m.target ?? '' }));
  node.inputs = read(io.inputParameters);
  node.outputs = read(io.outputParameters);
  for (const mapping of [...node.inputs, ...node.outputs]) {
    if (!mapping.target) report(element.id, 'Variable mapping must have a target');
    checkExpr(element.id, mapping.source, report, `mapping source of '${mapping.target}'`);
  }
}

function checkExpr(id: string, text: string, report: (id: string, message: string) => void, what: string, mustBeExpression = false): void {
  if (typeof text !== 'string') return;
  if (!isExpression(text)) {
    if (mustBeExpression) report(id, `Expected ${what} to be an expression starting with '='`);
    return;
  }
  const result = checkExpression(text);
  if (!result.ok) report(id, `Invalid ${what} expression '${text}': ${result.failure}`);
}

function validateNode(node: FlowNode, nodes: Map<string, FlowNode>, report: (id: string, message: string) => void): void {
  // Catch events one scope waits for at the same time must be told apart (reported on the scope, as Zeebe does).
  const nodesOf = (ids: readonly string[]) => ids.map((id) => nodes.get(id)).filter((n): n is FlowNode => n !== undefined);
  const waitingTogether = [
    nodesOf(node.boundaryEventIds),
    nodesOf(node.eventSubProcessStartIds),
    node.type === 'EVENT_BASED_GATEWAY' ? nodesOf(node.outgoing.map((flow) => flow.targetId)) : [],
  ];
  for (const events of waitingTogether) {
    if (events.length > 1) for (const problem of duplicateCatchEventProblems(events)) report(node.id, problem);
  }
  if (node.type === 'START_EVENT') {
    const scope = nodes.get(node.flowScopeId!);
    if (scope?.type === 'SUB_PROCESS' && node.eventType !== 'NONE') report(node.id, 'Start events of subprocesses must be none start events');
    if (scope?.type === 'EVENT_SUB_PROCESS' && node.eventType === 'NONE') report(node.id, 'Start events of event subprocesses must have an event definition');
    if (scope?.type === 'EVENT_SUB_PROCESS' && node.eventType === 'MESSAGE' && node.message && !node.message.correlationKey) {
      report(node.id, 'Must have a correlation key (zeebe:subscription correlationKey)');
    }
    if (scope?.type === 'PROCESS' && (node.eventType === 'ERROR' || node.eventType === 'ESCALATION')) {
      report(node.id, `${node.eventType.toLowerCase()} start events are only allowed in event subprocesses`);
    }
  }
  if (node.type === 'EXCLUSIVE_GATEWAY' || node.type === 'INCLUSIVE_GATEWAY') {
    if (node.defaultFlowId && !node.outgoing.some((f) => f.id === node.defaultFlowId)) {
      report(node.id, 'The default flow must be an outgoing sequence flow');
    }
    if (node.outgoing.length > 1) {
      for (const flow of node.outgoing) {
        if (!flow.condition && flow.id !== node.defaultFlowId) report(flow.id, 'Must have a condition expression (or be the default flow)');
      }
    }
  }
  if (node.type === 'EVENT_BASED_GATEWAY') {
    for (const flow of node.outgoing) {
      const target = nodes.get(flow.targetId);
      if (!target || !(target.type === 'INTERMEDIATE_CATCH_EVENT' || target.type === 'RECEIVE_TASK') || target.eventType === 'LINK') {
        report(node.id, 'Event-based gateways must be followed by intermediate timer, message or signal catch events');
      }
    }
    if (node.outgoing.length < 2) report(node.id, 'Event-based gateways must have at least two outgoing sequence flows');
  }
  if (node.type === 'BOUNDARY_EVENT' && node.incoming.length > 0) report(node.id, 'Boundary events must not have incoming sequence flows');
  if (node.type === 'START_EVENT' && node.incoming.length > 0) report(node.id, 'Start events must not have incoming sequence flows');
  if (node.type === 'INTERMEDIATE_CATCH_EVENT' && node.eventType === 'LINK') {
    const scope = nodes.get(node.flowScopeId!)!;
    const same = scope.children.filter((c) => {
      const other = nodes.get(c)!;
      return other.type === 'INTERMEDIATE_CATCH_EVENT' && other.eventType === 'LINK' && other.linkName === node.linkName;
    });
    if (same.length > 1) report(node.id, `Multiple intermediate catch link events with the name '${node.linkName}'`);
  }
  if (node.type === 'INTERMEDIATE_THROW_EVENT' && node.eventType === 'LINK') {
    const scope = nodes.get(node.flowScopeId!)!;
    const target = scope.children.find((c) => {
      const other = nodes.get(c)!;
      return other.type === 'INTERMEDIATE_CATCH_EVENT' && other.eventType === 'LINK' && other.linkName === node.linkName;
    });
    if (!target) report(node.id, `Can't find a catch link event with the name '${node.linkName}'`);
  }
}

/** At most this many problems are listed in a refusal; the rest are counted (a refusal stays readable and small). */
export const MAX_LISTED_PROBLEMS = 100;

function listProblems(problems: string[]): string {
  if (problems.length <= MAX_LISTED_PROBLEMS) return problems.join('\n');
  const more = problems.length - MAX_LISTED_PROBLEMS;
  return `${problems.slice(0, MAX_LISTED_PROBLEMS).join('\n')}\n- … and ${more} more problems (${problems.length} in all; the first ${MAX_LISTED_PROBLEMS} are listed) / 另有 ${more} 处问题未列出（共 ${problems.length} 处）`;
}
