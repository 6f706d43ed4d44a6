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

/**
 * The root-level conditional start events whose condition holds for the given variables, as Zeebe's
 * ConditionalEvaluationEvaluateProcessor picks them: a start event whose condition reads variables none of
 * which is given is skipped, and a condition that fails to evaluate (or is not `true`) counts as not
 * fulfilled: no incident, no instance, no error for the caller.
 */
function matchingStartEvents(ctx: ProcessingContext, definitions: ProcessDefinition[], variables: Variables): { definition: ProcessDefinition; startId: string }[] {
  const given = new Set(Object.keys(variables));
  const matches: { definition: ProcessDefinition; startId: string }[] = [];
  for (const definition of definitions) {
    const model = ctx.state.executables.get(definition.key);
    if (!model) continue;
    for (const startId of model.startEventIds) {
      const conditional = model.nodes.get(startId)?.conditional;
      if (!conditional) continue;
      if (conditional.variableNames.length > 0 && !conditional.variableNames.some((name) => given.has(name))) continue;
      const result = evaluateExpression(conditional.condition, variables, { now: ctx.now });
      if (result.ok && result.value === true) matches.push({ definition, startId });
    }
  }
  return matches;
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
      return ctx.reject(
        'NOT_FOUND',
        `Expected to evaluate conditional with command key '${command.key ?? '-1'}' for process definition key '${value.processDefinitionKey}', but no such process was found.`,
      );
    }
    const matches = matchingStartEvents(ctx, definitions, variables);
    // As Camunda: refused when the caller may not start instances of a definition whose condition holds (403);
    // definitions whose conditions do not hold are not asked about.
    for (const { definition } of matches) {
      if (!ctx.permits('PROCESS_DEFINITION', 'CREATE_PROCESS_INSTANCE', definition.bpmnProcessId)) {
        return ctx.reject('FORBIDDEN', insufficientPermissions('CREATE_PROCESS_INSTANCE', 'PROCESS_DEFINITION', definition.bpmnProcessId));
      }
    }
    const b = bpmnBehaviors(ctx);
    const started: { processDefinitionKey: Key; processInstanceKey: Key }[] = [];
    for (const { definition, startId } of matches) {
      const processInstanceKey = b.startProcessInstance(definition, variables, { startElementIds: [startId] });
      started.push({ processDefinitionKey: definition.key, processInstanceKey });
    }
    const key = ctx.newKey();
    const event = { ...(value.processDefinitionKey ? { processDefinitionKey: value.processDefinitionKey } : {}), tenantId, variables, processInstances: started };
    ctx.writeEvent(key, ValueType.CONDITIONAL_EVALUATION, ConditionalEvaluationIntent.EVALUATED, event);
    ctx.respond({ conditionalEvaluationKey: key, tenantId, processInstances: started });
  },
};
