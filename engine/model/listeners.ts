/**
 * `zeebe:executionListeners` and `zeebe:taskListeners`: read into the executable model and checked at
 * deployment with Zeebe's rules and messages (where a listener may stand, unique event type and job type,
 * a non-empty job type).
 */
import type { ExecutionListenerEventType, FlowNode, ListenerDefinition, TaskListenerEventType } from './executable-process';

type Report = (id: string, message: string) => void;
type CheckExpression = (id: string, text: string, report: Report, what: string) => void;

/** Deprecated 8.6 task listener event types and the 8.8 names Zeebe reads them as. */
const TASK_EVENT_ALIASES: Record<string, TaskListenerEventType> = {
  create: 'creating',
  assignment: 'assigning',
  update: 'updating',
  complete: 'completing',
  cancel: 'canceling',
};
const TASK_EVENT_TYPES: readonly TaskListenerEventType[] = ['creating', 'assigning', 'updating', 'completing', 'canceling'];

function readDefinition(raw: any, defaultEventType: string): ListenerDefinition {
  const headers: Record<string, string> = {};
  for (const header of raw.headers?.values ?? []) headers[header.key] = header.value ?? '';
  return { eventType: raw.eventType ?? defaultEventType, type: raw.type ?? '', retries: raw.retries ?? '3', headers };
}

/** Zeebe's job type rule, and the FEEL check of type and retries. */
function checkDefinition(id: string, listener: ListenerDefinition, report: Report, check: CheckExpression): void {
  if (!listener.type.trim()) report(id, "Attribute 'type' must be present and not empty");
  else check(id, listener.type, report, 'listener type');
  check(id, listener.retries, report, 'listener retries');
}

/** Listeners with the same event type and job type are refused (Zeebe's ExecutionListenersValidator). */
function reportDuplicates(id: string, listeners: readonly ListenerDefinition[], report: Report): void {
  const counts = new Map<string, number>();
  for (const listener of listeners) counts.set(`${listener.eventType}|${listener.type}`, (counts.get(`${listener.eventType}|${listener.type}`) ?? 0) + 1);
  for (const [key, count] of counts) {
    if (count < 2) continue;
    const [eventType, type] = key.split('|');
    report(id, `Found '${count}' duplicates based on eventType[${eventType}] and type[${type}], these combinations should be unique.`);
  }
}

/** Where Zeebe refuses an event type on an element kind (its validators' messages). */
function placementProblem(node: FlowNode, eventType: ExecutionListenerEventType, xmlName: string): string | undefined {
  // Camunda 8.10 runs cancel listeners when a process instance is terminated, and on no other element; its
  // message names the element as the XML does ('serviceTask', 'subProcess').
  if (eventType === 'cancel') {
    return node.type === 'PROCESS'
      ? undefined
      : `The 'cancel' execution listener event type is not supported for the '${xmlName}' element. The 'cancel' event type is only supported on the 'process' element. / 'cancel' 类型的执行监听器只能用于流程（process）元素`;
  }
  if (eventType === 'start') {
    if (node.type === 'START_EVENT') return "Execution listeners of type 'start' are not supported by start events";
    if (node.type === 'BOUNDARY_EVENT') return "Execution listeners of type 'start' are not supported by boundary events";
    return undefined;
  }
  if (node.type.endsWith('_GATEWAY')) return "Execution listeners of type 'end' are not supported by gateway element";
  if (node.type === 'END_EVENT' && node.eventType === 'ERROR') return "Execution listeners of type 'end' are not supported by [error] end events";
  if (node.type === 'INTERMEDIATE_THROW_EVENT' && node.eventType === 'ESCALATION') {
    return "Execution listeners of type 'end' are not supported by [escalation] intermediate throw events";
  }
  return undefined;
}

/** The element's name as the BPMN XML spells it (`bpmn:ServiceTask` → `serviceTask`), as Zeebe's messages do. */
function xmlElementName(element: any): string {
  const local = String(element.$type ?? '').replace(/^bpmn:/, '');
  return local.charAt(0).toLowerCase() + local.slice(1);
}

/**
 * Read `zeebe:executionListeners` of a process or flow node into `node.executionListeners` (start and end
 * lists in model order), reporting what Zeebe would refuse.
 */
export function readExecutionListeners(element: any, node: FlowNode, report: Report, check: CheckExpression): void {
  const ext: any[] = element.extensionElements?.values ?? [];
  const raw: any[] = ext.filter((e) => e.$type === 'zeebe:ExecutionListeners').flatMap((e) => e.listeners ?? []);
  if (raw.length === 0) return;
  const listeners = raw.map((l) => readDefinition(l, 'start'));
  const byEvent: Record<ExecutionListenerEventType, ListenerDefinition[]> = { start: [], end: [], cancel: [] };
  const refused = new Set<string>();
  for (const listener of listeners) {
    if (listener.eventType !== 'start' && listener.eventType !== 'end' && listener.eventType !== 'cancel') {
      report(node.id, `Execution listener event type '${listener.eventType}' is not supported. Currently, only 'start', 'end' and 'cancel' event types are supported.`);
      continue;
    }
    const eventType = listener.eventType as ExecutionListenerEventType;
    const problem = placementProblem(node, eventType, xmlElementName(element));
    if (problem) {
      if (!refused.has(problem)) report(node.id, problem);
      refused.add(problem);
      continue;
    }
    checkDefinition(node.id, listener, report, check);
    byEvent[eventType].push(listener);
  }
  reportDuplicates(node.id, listeners, report);
  node.executionListeners = byEvent;
}

/**
 * Read `zeebe:taskListeners` of a user task into `node.taskListeners` (deprecated event names read as the
 * 8.8 ones). Only Camunda user tasks (`zeebe:userTask`) may have them.
 */
export function readTaskListeners(element: any, node: FlowNode, report: Report, check: CheckExpression): void {
  const ext: any[] = element.extensionElements?.values ?? [];
  const raw: any[] = ext.filter((e) => e.$type === 'zeebe:TaskListeners').flatMap((e) => e.listeners ?? []);
  if (raw.length === 0) return;
  if (node.type !== 'USER_TASK' || !ext.some((e) => e.$type === 'zeebe:UserTask')) {
    report(node.id, 'Task listeners are only allowed on Camunda user tasks.');
    return;
  }
  const byEvent: Partial<Record<TaskListenerEventType, ListenerDefinition[]>> = {};
  for (const listener of raw.map((l) => readDefinition(l, 'creating'))) {
    const eventType = TASK_EVENT_ALIASES[listener.eventType] ?? listener.eventType;
    if (!TASK_EVENT_TYPES.includes(eventType as TaskListenerEventType)) {
      report(
        node.id,
        `Task listener event type '${listener.eventType}' is not supported. Currently, only 'creating', 'assigning', 'updating', 'completing', 'canceling' event types and 'create', 'assignment', 'update', 'complete', 'cancel' deprecated event types are supported.`,
      );
      continue;
    }
    checkDefinition(node.id, listener, report, check);
    (byEvent[eventType as TaskListenerEventType] ??= []).push({ ...listener, eventType });
  }
  node.taskListeners = byEvent;
}
