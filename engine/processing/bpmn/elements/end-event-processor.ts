import { ProcessEventIntent, ProcessInstanceIntent, ValueType } from '../../../protocol';
import type { ElementProcessor } from '../element-processor';
import { throwCompensationEvent, throwEscalationEvent, throwSignalEvent } from '../throw-event-behavior';
import { jobTaskActivation } from './job-worker-task-processor';

/**
 * End events: none; terminate (ends everything else in its scope); error and escalation (thrown to the nearest
 * catcher); message (a job, like a send task); signal (broadcast, then end).
 */
export const endEventProcessor: ElementProcessor = {
  onActivate(b, instance, node) {
    switch (node.eventType) {
      case 'TERMINATE': {
        const failed = b.transitionToActivated(instance, []);
        if (failed) return failed;
        const scope = b.state.elementInstances.get(instance.value.flowScopeKey)!;
        b.ctx.writeEvent(b.ctx.newKey(), ValueType.PROCESS_EVENT, ProcessEventIntent.TRIGGERING, b.processEventValue(scope, node.id, {}));
        for (const siblingKey of b.state.childrenOf(instance.value.flowScopeKey)) {
          if (siblingKey === instance.key) continue;
          const sibling = b.state.elementInstances.get(siblingKey)!;
          if (sibling.state !== 'ELEMENT_TERMINATING') {
            b.ctx.writeCommand(siblingKey, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.TERMINATE_ELEMENT, sibling.value);
          }
        }
        b.completeActivated(instance);
        return;
      }
      case 'ERROR': {
        const failed = b.transitionToActivated(instance, []);
        if (failed) return failed;
        if (!b.throwError(instance, node.errorCode!)) {
          return {
            errorType: 'UNHANDLED_ERROR_EVENT',
            message: `Expected to throw an error event with the code '${node.errorCode}', but it was not caught. No error events are available in the scope.`,
          };
        }
        return;
      }
      case 'ESCALATION':
        return throwEscalationEvent(b, instance, node);
      case 'MESSAGE':
        return jobTaskActivation(b, instance, node);
      case 'SIGNAL':
        return throwSignalEvent(b, instance, node);
      case 'COMPENSATION':
        return throwCompensationEvent(b, instance, node);
      default:
        return b.passThrough(instance);
    }
  },
};
