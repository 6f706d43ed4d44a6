import { ProcessInstanceIntent, ValueType } from '../../../protocol';
import type { ElementProcessor } from '../element-processor';
import { throwCompensationEvent, throwEscalationEvent, throwSignalEvent } from '../throw-event-behavior';
import { jobTaskActivation } from './job-worker-task-processor';

/** Intermediate throw events: none, message (a job), signal, escalation, and link (jump to the catch link). */
export const intermediateThrowEventProcessor: ElementProcessor = {
  onActivate(b, instance, node) {
    switch (node.eventType) {
      case 'MESSAGE':
        return jobTaskActivation(b, instance, node);
      case 'SIGNAL':
        return throwSignalEvent(b, instance, node);
      case 'COMPENSATION':
        return throwCompensationEvent(b, instance, node);
      case 'ESCALATION':
        return throwEscalationEvent(b, instance, node);
      case 'LINK': {
        const failed = b.transitionToActivated(instance, []);
        if (failed) return failed;
        const scope = b.state.elementInstances.get(instance.value.flowScopeKey)!;
        const model = b.model(instance.value.processDefinitionKey);
        const scopeNode = model.nodes.get(node.flowScopeId!)!;
        const targetId = scopeNode.children.find((id) => {
          const other = model.nodes.get(id)!;
          return other.type === 'INTERMEDIATE_CATCH_EVENT' && other.eventType === 'LINK' && other.linkName === node.linkName;
        })!;
        b.ctx.writeEvent(instance.key, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.ELEMENT_COMPLETING, instance.value);
        b.ctx.writeEvent(instance.key, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.ELEMENT_COMPLETED, instance.value);
        b.activateChild(scope, model.nodes.get(targetId)!);
        return;
      }
      default:
        return b.passThrough(instance);
    }
  },
};
