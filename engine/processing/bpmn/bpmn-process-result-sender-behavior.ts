// Answering a request that awaits a process instance's result (Zeebe's BpmnProcessResultSenderBehavior): when
// the root instance completes, the result (filtered by fetchVariables) is written and handed to the waiter;
// when it is terminated, the waiter hears so.
import { ProcessInstanceResultIntent, ValueType } from '../../protocol';
import type { ElementInstance } from '../../state';
import type { BpmnBehaviors } from './bpmn-behaviors';

/** A root process instance ended: answer whoever awaits its result, if anyone does. */
export function sendProcessResult(b: BpmnBehaviors, instance: ElementInstance, completed: boolean): void {
  const value = instance.value;
  if (completed) {
    const awaiting = b.ctx.sideEffects.awaitsResult(instance.key);
    if (awaiting) {
      // Root variables are gone from state now; they were read before completion (see process processor).
      const variables = b.finalVariables.get(instance.key) ?? {};
      const only = awaiting.fetchVariables?.length ? Object.fromEntries(Object.entries(variables).filter(([k]) => awaiting.fetchVariables!.includes(k))) : variables;
      const result = {
        bpmnProcessId: value.bpmnProcessId,
        processDefinitionKey: value.processDefinitionKey,
        processInstanceKey: instance.key,
        version: value.version,
        variables: only,
        tenantId: value.tenantId,
      };
      b.ctx.writeEvent(instance.key, ValueType.PROCESS_INSTANCE_RESULT, ProcessInstanceResultIntent.COMPLETED, result);
      b.ctx.sideEffects.processInstanceEnded(instance.key, result);
    }
  } else if (b.ctx.sideEffects.awaitsResult(instance.key)) {
    b.ctx.sideEffects.processInstanceEnded(instance.key, undefined);
  }
}
