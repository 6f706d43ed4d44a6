/**
 * Conditional events at the command level (Camunda 8.9): after every command, the conditions its variable
 * changes concern are evaluated; and CONDITIONAL_EVALUATION EVALUATE (`POST /v2/conditionals/evaluation`)
 * evaluates root-level conditional start events against the given variables and starts an instance at each
 * one that holds.
 */
import type { Key, Variables } from '../../api';
import { evaluateExpression } from '../../feel';
import { ConditionalEvaluationIntent, ValueType } from '../../protocol';
import type { ProcessDefinition } from '../../state';
import type { CommandProcessor, ProcessingContext } from '../processing-context';
import { insufficientPermissions } from '../../identity/resource-authorizations';
import { bpmnBehaviors } from './behaviors';

/** Run after each processed command: conditional events react to the variables it changed. */
export function evaluateConditionalsAfterCommand(ctx: ProcessingContext): void {
  const work = ctx.conditionals;
  if (!work || (work.variableChanges.length === 0 && work.opened.size === 0)) return;
  if (ctx.state.conditionalSubscriptions.size === 0) {
    work.variableChanges.length = 0;
    work.opened.clear();
    return;
  }
  bpmnBehaviors(ctx).conditionals.evaluateAfterVariableChanges();
}

/** The latest version of every process of the tenant (or the one asked for) that has conditional start events. */
function candidates(ctx: ProcessingContext, tenantId: string, processDefinitionKey: Key | undefined): ProcessDefinition[] | undefined {
  if (processDefinitionKey !== undefined) {
    const definition = ctx.state.processes.get(processDefinitionKey);
    return definition ? [definition] : undefined;
  }
  const latest: ProcessDefinition[] = [];
  for (const [index, versions] of ctx.state.processVersions) {
    const [tenant] = index.split('\u0000');
    if (tenant !== tenantId || versions.length === 0) continue;
    const definition = ctx.state.processes.get(versions[versions.length - 1]);
    if (definition) latest.push(definition);
  }
  return latest;
}

/** CONDITIONAL_EVALUATION EVALUATE: start an instance at each root-level conditional start event that holds. */
export const conditionalEvaluationProcessor: CommandProcessor = {
  process(command, ctx) {
    if (command.intent !== ConditionalEvaluationIntent.EVALUATE) {
      return ctx.reject('INVALID_ARGUMENT', `Expected a conditional evaluation command, but got intent ${command.intent}`);
    }
    const value = command.value as { processDefinitionKey?: Key; tenantId?: string; variables?: Variables };
    const tenantId = value.tenantId || '<default>';
    const variables = value.variables ?? {};
    const definitions = candidates(ctx, tenantId, value.processDefinitionKey);
    if (!definitions) {
      return ctx.reject('NOT_FOUND', `Expected to evaluate conditional start events of process definition with key '${value.processDefinitionKey}', but no such process definition was found`);
    }
    // As Camunda: refused when the caller may not start instances of a matched definition (403).
    for (const definition of definitions) {
      const model = ctx.state.executables.get(definition.key);
      const hasConditionalStart = model?.startEventIds.some((id) => model.nodes.get(id)?.conditional);
      if (hasConditionalStart && !ctx.permits('PROCESS_DEFINITION', 'CREATE_PROCESS_INSTANCE', definition.bpmnProcessId)) {
        return ctx.reject('FORBIDDEN', insufficientPermissions('CREATE_PROCESS_INSTANCE', 'PROCESS_DEFINITION', definition.bpmnProcessId));
      }
    }
    const b = bpmnBehaviors(ctx);
    const started: { processDefinitionKey: Key; processInstanceKey: Key }[] = [];
    for (const definition of definitions) {
      const model = ctx.state.executables.get(definition.key);
      if (!model) continue;
      for (const startId of model.startEventIds) {
        const condition = model.nodes.get(startId)?.conditional?.condition;
        if (!condition) continue;
        const result = evaluateExpression(condition, variables, { now: ctx.now });
        if (!result.ok || result.value !== true) continue;
        const processInstanceKey = b.startProcessInstance(definition, variables, { startElementIds: [startId] });
        started.push({ processDefinitionKey: definition.key, processInstanceKey });
      }
    }
    const key = ctx.newKey();
    const event = { ...(value.processDefinitionKey ? { processDefinitionKey: value.processDefinitionKey } : {}), tenantId, variables, processInstances: started };
    ctx.writeEvent(key, ValueType.CONDITIONAL_EVALUATION, ConditionalEvaluationIntent.EVALUATED, event);
    ctx.respond({ conditionalEvaluationKey: key, tenantId, processInstances: started });
  },
};
