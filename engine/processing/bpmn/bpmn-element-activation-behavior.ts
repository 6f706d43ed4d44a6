// Where tokens go next (Zeebe's ElementActivationBehavior and sequence-flow taking): sequence flows out of a
// completed element, parallel and inclusive joins, child element activations and new process instances.
import type { Key, Variables } from '../../api';
import type { FlowNode, SequenceFlow } from '../../model';
import { NO_KEY, ProcessEventIntent, ProcessInstanceIntent, ValueType, type ProcessInstanceRecordValue } from '../../protocol';
import type { ElementInstance, ProcessDefinition } from '../../state';
import type { RuntimeInstruction } from './runtime-instruction-behavior';
import type { ActivationExtras, BpmnBehaviors } from './bpmn-behaviors';

/** Takes sequence flows and activates elements inside a scope, or a new process instance. */
export class BpmnElementActivationBehavior {
  constructor(private readonly b: BpmnBehaviors) {}

  /** Take sequence flows out of a completed element: SEQUENCE_FLOW_TAKEN, then activate targets (joins wait). */
  takeFlows(source: ElementInstance, flows: readonly SequenceFlow[]): void {
    const scope = this.b.state.elementInstances.get(source.value.flowScopeKey);
    if (!scope) return;
    const model = this.b.model(source.value.processDefinitionKey);
    for (const flow of flows) {
      this.b.ctx.writeEvent(this.b.ctx.newKey(), ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.SEQUENCE_FLOW_TAKEN, {
        ...this.childValue(scope, { id: flow.id, type: 'SEQUENCE_FLOW', eventType: 'UNSPECIFIED' }),
      });
      const target = model.nodes.get(flow.targetId)!;
      if (target.type === 'PARALLEL_GATEWAY' && target.incoming.length > 1) {
        if (target.incoming.every((id) => (scope.takenFlows[id] ?? 0) > 0)) this.activateChild(scope, target);
      } else if (target.type === 'INCLUSIVE_GATEWAY' && target.incoming.length > 1) {
        if (this.inclusiveJoinReady(scope, target)) this.activateChild(scope, target);
      } else {
        this.activateChild(scope, target);
      }
    }
  }

  /** An inclusive join fires when every incoming flow has a token, or no further token can reach it. */
  private inclusiveJoinReady(scope: ElementInstance, join: FlowNode): boolean {
    const taken = join.incoming.filter((id) => (scope.takenFlows[id] ?? 0) > 0);
    if (taken.length === 0) return false;
    if (taken.length === join.incoming.length) return true;
    const model = this.b.model(scope.value.processDefinitionKey);
    // Anything else still alive in this scope that could reach the join?
    const starts: string[] = [];
    for (const childKey of this.b.state.childrenOf(scope.key)) {
      const child = this.b.state.elementInstances.get(childKey);
      if (child) starts.push(child.value.elementId);
    }
    for (const [flowId, count] of Object.entries(scope.takenFlows)) {
      if (count > 0 && !join.incoming.includes(flowId)) starts.push(model.flows.get(flowId)!.targetId);
    }
    const seen = new Set<string>();
    const stack = [...starts];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (id === join.id) return false;
      if (seen.has(id)) continue;
      seen.add(id);
      const node = model.nodes.get(id);
      if (!node) continue;
      for (const flow of node.outgoing) stack.push(flow.targetId);
      for (const boundary of node.boundaryEventIds) stack.push(boundary);
    }
    return true;
  }

  /** After a child ends, an inclusive join waiting in this scope may now be able to fire. */
  checkPendingInclusiveJoins(scope: ElementInstance): void {
    const model = this.b.model(scope.value.processDefinitionKey);
    const checked = new Set<string>();
    for (const flowId of Object.keys(scope.takenFlows)) {
      const target = model.nodes.get(model.flows.get(flowId)!.targetId);
      if (!target || target.type !== 'INCLUSIVE_GATEWAY' || target.incoming.length < 2 || checked.has(target.id)) continue;
      checked.add(target.id);
      if (this.inclusiveJoinReady(scope, target)) this.activateChild(scope, target);
    }
  }

  /** Write ACTIVATE_ELEMENT for a node inside `scope`. Returns the new element instance key. */
  activateChild(scope: ElementInstance, node: FlowNode, extras: ActivationExtras = {}): Key {
    const key = this.b.ctx.newKey();
    const value: Record<string, unknown> = { ...this.childValue(scope, node) };
    if (node.loop && scope.value.bpmnElementType !== 'MULTI_INSTANCE_BODY') value.bpmnElementType = 'MULTI_INSTANCE_BODY';
    if (extras.variables) value.variables = extras.variables;
    if (extras.triggered) value.triggered = true;
    if (extras.startElementIds) value.startElementIds = extras.startElementIds;
    if (extras.localVariables) value.localVariables = extras.localVariables;
    this.b.ctx.writeCommand(key, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.ACTIVATE_ELEMENT, value);
    return key;
  }

  childValue(scope: ElementInstance, node: Pick<FlowNode, 'id' | 'type' | 'eventType'>): ProcessInstanceRecordValue {
    const v = scope.value;
    return {
      bpmnProcessId: v.bpmnProcessId,
      version: v.version,
      processDefinitionKey: v.processDefinitionKey,
      processInstanceKey: v.processInstanceKey,
      elementId: node.id,
      flowScopeKey: scope.key,
      bpmnElementType: node.type,
      bpmnEventType: node.eventType,
      parentProcessInstanceKey: v.parentProcessInstanceKey,
      parentElementInstanceKey: v.parentElementInstanceKey,
      tenantId: v.tenantId,
    };
  }

  /** Start a new process instance of `definition` (call activities, start events, creation). */
  startProcessInstance(
    definition: ProcessDefinition,
    variables: Variables,
    options: { startElementIds?: string[]; instructed?: boolean; parent?: ElementInstance; processInstanceKey?: Key; businessId?: string; runtimeInstructions?: RuntimeInstruction[] } = {},
  ): Key {
    const key = options.processInstanceKey ?? this.b.ctx.newKey();
    const model = this.b.model(definition.key);
    const value: ProcessInstanceRecordValue = {
      bpmnProcessId: definition.bpmnProcessId,
      version: definition.version,
      processDefinitionKey: definition.key,
      processInstanceKey: key,
      elementId: definition.bpmnProcessId,
      flowScopeKey: NO_KEY,
      bpmnElementType: 'PROCESS',
      bpmnEventType: 'UNSPECIFIED',
      parentProcessInstanceKey: options.parent?.value.processInstanceKey ?? NO_KEY,
      parentElementInstanceKey: options.parent?.key ?? NO_KEY,
      tenantId: definition.tenantId,
    };
    // Camunda 8.10: a called instance carries its caller's business id.
    const businessId = options.businessId ?? (options.parent ? this.b.state.elementInstances.get(options.parent.value.processInstanceKey)?.value.businessId : undefined);
    if (typeof businessId === 'string' && businessId !== '') value.businessId = businessId;
    // Camunda 8.8: the instance keeps its creation's runtime instructions (see runtime-instruction-behavior).
    if (options.runtimeInstructions?.length) value.runtimeInstructions = options.runtimeInstructions;
    void model;
    this.b.variables.setLocal(key, variables);
    const command: Record<string, unknown> = { ...value };
    if (options.startElementIds) command.startElementIds = options.startElementIds;
    if (options.instructed) command.instructed = true;
    else if (options.startElementIds?.length === 1 && model.process.executionListeners?.start.length) {
      // The start event must outlive the process's start listeners: Zeebe's event trigger, scoped to the definition.
      this.b.ctx.writeEvent(this.b.ctx.newKey(), ValueType.PROCESS_EVENT, ProcessEventIntent.TRIGGERING, {
        scopeKey: definition.key,
        targetElementId: options.startElementIds[0],
        variables,
        processDefinitionKey: definition.key,
        processInstanceKey: key,
        tenantId: definition.tenantId,
      });
    }
    this.b.ctx.writeCommand(key, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.ACTIVATE_ELEMENT, command);
    return key;
  }
}
