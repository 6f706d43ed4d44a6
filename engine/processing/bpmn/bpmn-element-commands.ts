// The three commands every BPMN element instance takes (Zeebe's BpmnStreamProcessor): ACTIVATE_ELEMENT,
// COMPLETE_ELEMENT and TERMINATE_ELEMENT, each checked against the instance's state before it moves.
import type { Key } from '../../api';
import type { FlowNode } from '../../model';
import { NO_KEY, ProcessInstanceIntent, ValueType, type ProcessInstanceRecordValue } from '../../protocol';
import type { ElementProcessor } from './element-processor';
import type { ActivationExtras, BpmnBehaviors } from './bpmn-behaviors';

/** Processes the element-instance commands; the element kinds' own behaviour comes from their processors. */
export class BpmnElementCommands {
  constructor(
    private readonly b: BpmnBehaviors,
    private readonly processorFor: (instanceValue: ProcessInstanceRecordValue, node: FlowNode) => ElementProcessor,
  ) {}

  /** ACTIVATE_ELEMENT: create the instance (ELEMENT_ACTIVATING) and run its activation. */
  activateCommand(key: Key, value: ProcessInstanceRecordValue & ActivationExtras): void {
    const { variables, triggered, startElementIds, instructed, localVariables, ...eventValue } = value;
    const scope = eventValue.flowScopeKey === NO_KEY ? undefined : this.b.state.elementInstances.get(eventValue.flowScopeKey);
    if (eventValue.flowScopeKey !== NO_KEY && (!scope || scope.state !== 'ELEMENT_ACTIVATED')) {
      this.b.ctx.reject(
        'INVALID_STATE',
        `Expected flow scope instance with key '${eventValue.flowScopeKey}' to be present and active, but it is not`,
      );
      return;
    }
    if (scope?.interrupted && eventValue.bpmnElementType !== 'EVENT_SUB_PROCESS') {
      this.b.ctx.reject(
        'INVALID_STATE',
        `Expected to activate element '${eventValue.elementId}' in flow scope '${eventValue.flowScopeKey}', but the scope was interrupted`,
      );
      return;
    }
    const instanceKey = key === NO_KEY ? this.b.ctx.newKey() : key;
    this.b.ctx.writeEvent(instanceKey, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.ELEMENT_ACTIVATING, eventValue);
    const instance = this.b.state.elementInstances.get(instanceKey)!;
    this.b.runActivation(instance, { variables, triggered, startElementIds, instructed, localVariables });
  }

  /** COMPLETE_ELEMENT: only an ACTIVATED element can complete. */
  completeCommand(key: Key): void {
    const instance = this.b.state.elementInstances.get(key);
    if (!instance || instance.state !== 'ELEMENT_ACTIVATED') {
      this.b.ctx.reject('INVALID_STATE', `Expected element instance with key '${key}' to be activated, but it is ${instance ? instance.state : 'not present'}`);
      return;
    }
    this.b.ctx.writeEvent(key, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.ELEMENT_COMPLETING, instance.value);
    this.b.runCompletion(instance);
  }

  /** TERMINATE_ELEMENT: stop an element wherever it is; children go first. */
  terminateCommand(key: Key): void {
    const instance = this.b.state.elementInstances.get(key);
    if (!instance || instance.state === 'ELEMENT_TERMINATING') {
      this.b.ctx.reject('INVALID_STATE', `Expected element instance with key '${key}' to be active, but it is ${instance ? 'already terminating' : 'not present'}`);
      return;
    }
    this.b.ctx.writeEvent(key, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.ELEMENT_TERMINATING, instance.value);
    this.b.resolveIncidentsOf(key);
    this.b.closeSubscriptions(key);
    this.b.compensation.onTerminating(instance);
    const awaitsCancelingListeners = this.b.cancelJobOf(instance);
    const node = this.b.nodeOf(instance);
    const processor = this.processorFor(instance.value, node);
    const waits = processor.onTerminate?.(this.b, instance, node) === true || awaitsCancelingListeners;
    const children = this.b.state.childrenOf(key);
    for (const child of children) {
      const childInstance = this.b.state.elementInstances.get(child);
      if (childInstance && childInstance.state !== 'ELEMENT_TERMINATING') {
        this.b.ctx.writeCommand(child, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.TERMINATE_ELEMENT, childInstance.value);
      }
    }
    if (!waits && children.length === 0) this.b.terminated(instance);
  }
}
