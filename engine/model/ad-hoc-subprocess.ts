/**
 * `bpmn:adHocSubProcess` with `zeebe:adHoc`: read into the executable model and checked at deployment with
 * Zeebe's rules and messages (at least one activity, no start or end events, output collection and element
 * together, no engine-side activation or completion when a job worker drives it).
 */
import type { AdHocDefinition, FlowNode } from './executable-process';
import { newFlowNode } from './new-flow-node';

type Report = (id: string, message: string) => void;
type CheckExpression = (id: string, text: string, report: Report, what: string) => void;

/** Zeebe's id suffix of the synthetic scope each ad-hoc activation runs in. */
export const INNER_INSTANCE_SUFFIX = '#innerInstance';

/** Element kinds an ad-hoc subprocess can activate (as Zeebe: activities, gateways, intermediate events). */
const NOT_ACTIVATABLE = new Set(['START_EVENT', 'END_EVENT', 'BOUNDARY_EVENT', 'EVENT_SUB_PROCESS', 'SEQUENCE_FLOW']);

/**
 * Read what an ad-hoc subprocess element declares. Its activities are only known once its children are
 * compiled: {@link finishAdHocSubProcess} completes the definition.
 */
export function readAdHocSubProcess(element: any, node: FlowNode, report: Report, check: CheckExpression): void {
  const ext: any[] = element.extensionElements?.values ?? [];
  const adHoc = ext.find((e) => e.$type === 'zeebe:AdHoc');
  const jobWorker = ext.some((e) => e.$type === 'zeebe:TaskDefinition');
  const definition: AdHocDefinition = {
    activeElementsCollection: adHoc?.activeElementsCollection?.trim() || undefined,
    completionCondition: element.completionCondition?.body?.trim() || undefined,
    cancelRemainingInstances: element.cancelRemainingInstances !== false,
    outputCollection: adHoc?.outputCollection?.trim() || undefined,
    outputElement: adHoc?.outputElement?.trim() || undefined,
    activityIds: [],
    innerInstanceId: `${element.id}${INNER_INSTANCE_SUFFIX}`,
    jobWorker,
  };
  if (definition.activeElementsCollection) check(element.id, definition.activeElementsCollection, report, 'activeElementsCollection');
  if (definition.completionCondition) check(element.id, definition.completionCondition, report, 'completionCondition');
  if (definition.outputElement) check(element.id, definition.outputElement, report, 'outputElement');
  if (!definition.outputElement !== !definition.outputCollection) {
    report(
      element.id,
      `OutputElement and OutputCollection must both be set, or neither of them set. outputElement:${adHoc?.outputElement ?? null} and outputCollection:${adHoc?.outputCollection ?? null}.`,
    );
  }
  if (jobWorker) {
    // The worker decides what runs and when it is done; the model must not decide it too.
    if (Object.prototype.hasOwnProperty.call(element, 'cancelRemainingInstances')) {
      report(element.id, 'Must not define cancelRemainingInstances in combination with zeebe:taskDefinition.');
    }
    if (definition.completionCondition) report(element.id, 'Must not define completionCondition in combination with zeebe:taskDefinition.');
    if (definition.activeElementsCollection) report(element.id, 'Must not define activeElementsCollection in combination with zeebe:taskDefinition.');
  }
  node.adHoc = definition;
}

/**
 * After the children are compiled: check them, collect the activities and put every child except event
 * subprocesses under the synthetic inner-instance node (their flow scope at runtime, as in Zeebe).
 */
export function finishAdHocSubProcess(node: FlowNode, nodes: Map<string, FlowNode>, report: Report): void {
  const adHoc = node.adHoc!;
  const children = node.children.map((id) => nodes.get(id)!);
  if (children.length === 0) report(node.id, 'Must have at least one activity.');
  if (children.some((c) => c.type === 'START_EVENT')) report(node.id, 'Must not contain a start event.');
  if (children.some((c) => c.type === 'END_EVENT')) report(node.id, 'Must not contain an end event.');
  adHoc.activityIds = children.filter((c) => !NOT_ACTIVATABLE.has(c.type) && c.incoming.length === 0).map((c) => c.id);
  const inner: FlowNode = { ...newFlowNode(adHoc.innerInstanceId, undefined, 'AD_HOC_SUB_PROCESS_INNER_INSTANCE', 'UNSPECIFIED'), flowScopeId: node.id };
  for (const child of children) {
    if (child.type === 'EVENT_SUB_PROCESS') continue;
    child.flowScopeId = inner.id;
    inner.children.push(child.id);
  }
  node.children = [inner.id, ...children.filter((c) => c.type === 'EVENT_SUB_PROCESS').map((c) => c.id)];
  nodes.set(inner.id, inner);
}

/** What Zeebe's `adHocSubProcessElements` variable lists of each activity. */
export function adHocElementsVariable(node: FlowNode, nodes: ReadonlyMap<string, FlowNode>): Record<string, unknown>[] {
  return node.adHoc!.activityIds.map((id) => {
    const activity = nodes.get(id)!;
    return {
      elementId: activity.id,
      elementName: activity.name ?? '',
      documentation: activity.documentation ?? '',
      properties: activity.properties ?? {},
      parameters: [],
    };
  });
}
