import type { Variables } from '../../api';
import { ValueType, VariableDocumentIntent } from '../../protocol';
import type { CommandProcessor } from '../processing-context';
import { bpmnBehaviors } from './behaviors';
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
    ctx.writeEvent(key, ValueType.VARIABLE_DOCUMENT, VariableDocumentIntent.UPDATED, { ...v });
    if (v.updateSemantics === 'LOCAL') b.variables.setLocal(v.scopeKey, v.variables);
    else b.variables.propagate(v.scopeKey, v.variables);
    ctx.respond({ key });
  },
};
