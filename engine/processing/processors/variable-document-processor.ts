import type { Variables } from '../../api';
import { UserTaskIntent, ValueType, VariableDocumentIntent } from '../../protocol';
import type { CommandProcessor } from '../processing-context';
import { bpmnBehaviors } from './behaviors';
import { userTaskWaitKey } from '../bpmn/user-task-listener-behavior';
import { insufficientPermissions } from '../../identity/resource-authorizations';

/** VARIABLE_DOCUMENT UPDATE (SetVariables): local on the scope, or propagated from it. */
export const variableDocumentProcessor: CommandProcessor = {
  process(command, ctx) {
    const v = command.value as { scopeKey: string; variables: Variables; updateSemantics: 'LOCAL' | 'PROPAGATE' };
    const scope = ctx.state.elementInstances.get(v.scopeKey);
    if (!scope) {
      return ctx.reject('NOT_FOUND', `Expected to update variables for element with key '${v.scopeKey}', but no such element was found`);
    }
    const { bpmnProcessId } = scope.value as { bpmnProcessId: string };
    if (!ctx.permits('PROCESS_DEFINITION', 'UPDATE_PROCESS_INSTANCE', bpmnProcessId)) {
      return ctx.reject('FORBIDDEN', insufficientPermissions('UPDATE_PROCESS_INSTANCE', 'PROCESS_DEFINITION', bpmnProcessId));
    }
    const b = bpmnBehaviors(ctx);
    const key = ctx.newKey();
    const task = scope.userTaskKey ? ctx.state.userTasks.get(scope.userTaskKey) : undefined;
    if (task) {
      // Camunda 8.8: variables set on a Camunda user task are an update of the task; its `updating` listeners
      // run (and may deny it) before the variables are set, and the caller is answered after them.
      if (task.state !== 'CREATED') {
        return ctx.reject('INVALID_STATE', `Expected to trigger update transition for user task with key '${task.key}', but it is in state '${task.state}'`);
      }
      ctx.writeEvent(key, ValueType.VARIABLE_DOCUMENT, VariableDocumentIntent.UPDATING, { ...v });
      ctx.writeEvent(task.key, ValueType.USER_TASK, UserTaskIntent.UPDATING, { ...task.value, variables: v.variables, changedAttributes: ['variables'] });
      b.taskListeners.proceed(task.key);
      if (ctx.state.userTasks.get(task.key)?.state === 'CREATED') ctx.respond({ key });
      else ctx.deferResponse(userTaskWaitKey(task.key));
      return;
    }
    ctx.writeEvent(key, ValueType.VARIABLE_DOCUMENT, VariableDocumentIntent.UPDATED, { ...v });
    if (v.updateSemantics === 'LOCAL') b.variables.setLocal(v.scopeKey, v.variables);
    else b.variables.propagate(v.scopeKey, v.variables);
    ctx.respond({ key });
  },
};
