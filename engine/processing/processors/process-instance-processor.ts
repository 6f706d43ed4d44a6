import type { Variables } from '../../api';
import { ProcessInstanceIntent } from '../../protocol';
import type { ProcessInstanceRecordValue } from '../../protocol';
import type { ActivationExtras } from '../bpmn/bpmn-behaviors';
import type { CommandProcessor } from '../processing-context';
import { bpmnBehaviors } from './behaviors';

/** PROCESS_INSTANCE commands: element activation, completion, termination, and cancellation of an instance. */
export const processInstanceProcessor: CommandProcessor = {
  process(command, ctx) {
    const b = bpmnBehaviors(ctx);
    switch (command.intent) {
      case ProcessInstanceIntent.ACTIVATE_ELEMENT:
        return b.activateCommand(command.key, command.value as ProcessInstanceRecordValue & ActivationExtras);
      case ProcessInstanceIntent.COMPLETE_ELEMENT:
        return b.completeCommand(command.key);
      case ProcessInstanceIntent.TERMINATE_ELEMENT:
        return b.terminateCommand(command.key);
      case ProcessInstanceIntent.COMPLETE_EXECUTION_LISTENER:
        return b.executionListeners.completeCommand(command.key, ((command.value as { variables?: Variables }).variables) ?? {});
      case ProcessInstanceIntent.CANCEL: {
        const instance = ctx.state.elementInstances.get(command.key);
        // As Zeebe (ProcessInstanceCancelProcessor): an instance that is already terminating, e.g. waiting for
        // its cancel listeners (8.10), can no longer be terminated and reads as not found; it ends when its
        // listener jobs complete, or after their incident is resolved.
        if (!instance || instance.value.bpmnElementType !== 'PROCESS' || instance.state === 'ELEMENT_TERMINATING') {
          return ctx.reject('NOT_FOUND', `Expected to cancel a process instance with key '${command.key}', but no such process was found`);
        }
        if (instance.value.parentProcessInstanceKey !== '-1') {
          return ctx.reject(
            'INVALID_STATE',
            `Expected to cancel a process instance with key '${command.key}', but it is created by a parent process instance. Cancel the root process instance '${instance.value.parentProcessInstanceKey}' instead.`,
          );
        }
        b.terminateCommand(command.key);
        ctx.respond({});
        return;
      }
      default:
        return ctx.reject('INVALID_ARGUMENT', `Expected a process instance command, but got intent ${command.intent}`);
    }
  },
};
