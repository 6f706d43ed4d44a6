// One BPMN flow element compiled into the engine's flow node: its element and event type (refusing what the
// engine does not support), mappings, listeners, event definition, extensions and multi-instance loop.
import type { BpmnElementType, BpmnEventType, FlowNode, LoopDefinition } from './executable-process';
import { readCompensation, supportsCompensationEvent } from './compensation';
import { readAdHocSubProcess } from './ad-hoc-subprocess';
import { checkExpr, checkMappings } from './check-expressions';
import { readEventDefinition } from './compile-event-definition';
import { readTaskExtensions } from './compile-task-extensions';
import { newFlowNode } from './new-flow-node';
import { readExecutionListeners, readTaskListeners } from './listeners';

/** BPMN task and subprocess types, by their moddle type. */
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

/** Compile one flow element into a flow node, or report it as unsupported (undefined then). */
export function compileFlowNode(element: any, report: (id: string, message: string) => void): FlowNode | undefined {
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

  readEventDefinition(element, definitions[0], node, report);
  if (type === 'BOUNDARY_EVENT') {
    node.attachedToId = element.attachedToRef?.id;
    node.interrupting = element.cancelActivity !== false;
    if (!node.attachedToId) report(element.id, 'Must be attached to an activity');
  }
  if (type === 'START_EVENT') node.interrupting = element.isInterrupting !== false;

  readTaskExtensions(element, node, extension, report);
  readMultiInstance(element, node, report);
  if (element.default?.id) node.defaultFlowId = element.default.id;
  return node;
}

/** Read an element's multi-instance loop characteristics into `node` (only Zeebe's multi-instance is supported). */
function readMultiInstance(element: any, node: FlowNode, report: (id: string, message: string) => void): void {
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
}
