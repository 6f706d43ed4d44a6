import type { Key, MigrateProcessInstanceRequest } from '../../api';
import type { ExecutableProcess } from '../../model';
import {
  IncidentIntent,
  JobIntent,
  ProcessInstanceIntent,
  ProcessInstanceMigrationIntent,
  UserTaskIntent,
  ValueType,
  VariableIntent,
} from '../../protocol';
import { incidentsOf, type ElementInstance, type EngineState, type ProcessDefinition } from '../../state';
import type { CommandProcessor, ProcessingContext } from '../processing-context';
import { bpmnBehaviors } from './behaviors';
import { catchEventHolderOf, checkCatchEventMappings, planCatchEventMigration, writeCatchEventMigration, type CatchEventMigration } from './migration-catch-events';
import { planCompensationMigration, writeCompensationMigration } from './migration-compensation';
import { checkMultiInstanceMapping, isMultiInstanceBody } from './migration-multi-instance';

/** Element types whose active instances this engine migrates (Zeebe migrates more; see the note on rejections). */
const MIGRATABLE_TYPES = new Set([
  'SERVICE_TASK',
  'USER_TASK',
  'SEND_TASK',
  'SCRIPT_TASK',
  'BUSINESS_RULE_TASK',
  'RECEIVE_TASK',
  'MANUAL_TASK',
  'TASK',
  'SUB_PROCESS',
  'CALL_ACTIVITY',
  'INTERMEDIATE_CATCH_EVENT',
]);

/** The intermediate catch events that wait while active, whose subscriptions migration moves (as Zeebe 8.8; conditional: 8.9). */
const MIGRATABLE_CATCH_EVENT_TYPES = new Set(['TIMER', 'MESSAGE', 'SIGNAL', 'CONDITIONAL']);

/** Every live element instance below `root` (not the root itself; called process instances are not part of it). */
function descendantsOf(state: EngineState, root: ElementInstance): ElementInstance[] {
  const result: ElementInstance[] = [];
  for (const childKey of state.childrenOf(root.key)) {
    const child = state.elementInstances.get(childKey);
    if (child) result.push(child, ...descendantsOf(state, child));
  }
  return result;
}

/**
 * PROCESS_INSTANCE_MIGRATION MIGRATE: move a running process instance to another process definition, as
 * Zeebe's process instance migration does. Every active element must be mapped to an element of the same type
 * in the same (mapped) flow scope; the element instances keep their keys, variables, jobs (type and retries
 * unchanged), user tasks (assignee unchanged) and incidents, and only learn their new definition and element id.
 * Their timer, message, signal and conditional subscriptions (boundary events, event subprocess starts,
 * intermediate catch events, receive tasks) follow Zeebe's rules for catch events: see {@link planCatchEventMigration};
 * the instance's compensation subscriptions follow its mapped compensation boundary events: see
 * {@link planCompensationMigration}.
 * Multi-instance activities migrate with their body and inner instances: see {@link checkMultiInstanceMapping}.
 * Everything is checked before anything changes: a rejected migration leaves the instance as it was.
 *
 * Not supported yet (rejected with a reason, never half-done): event-based
 * gateways, event subprocesses and boundary events (instances of them that have been triggered); tokens
 * waiting at a joining gateway; a user task changing between job-based and Camunda user task.
 */
export const migrationProcessor: CommandProcessor = {
  process(command, ctx) {
    const v = command.value as unknown as MigrateProcessInstanceRequest;
    const state = ctx.state;
    const root = state.elementInstances.get(v.processInstanceKey);
    if (!root || root.value.bpmnElementType !== 'PROCESS') {
      return ctx.reject('NOT_FOUND', `Expected to migrate process instance but no process instance found with key '${v.processInstanceKey}'`);
    }
    const target = state.processes.get(v.targetProcessDefinitionKey);
    const targetModel = target ? state.executables.get(target.key) : undefined;
    if (!target || !targetModel) {
      return ctx.reject(
        'NOT_FOUND',
        `Expected to migrate process instance to process definition but no process definition found with key '${v.targetProcessDefinitionKey}'`,
      );
    }
    if (target.tenantId !== root.value.tenantId) {
      return ctx.reject(
        'INVALID_STATE',
        `Expected to migrate process instance '${root.key}' to a process definition of the same tenant '${root.value.tenantId}', but the target belongs to tenant '${target.tenantId}'`,
      );
    }
    const sourceModel = state.executables.get(root.value.processDefinitionKey)!;
    const plan = checkMappingInstructions(v, root.key, sourceModel, targetModel);
    if (typeof plan === 'string') return ctx.reject('INVALID_ARGUMENT', plan);
    // The process itself always maps to the target process.
    plan.set(sourceModel.process.id, targetModel.process.id);

    const instances = [root, ...descendantsOf(state, root)];
    const b = bpmnBehaviors(ctx);
    const catchEvents: CatchEventMigration[] = [];
    for (const instance of instances) {
      const problem = checkInstance(instance, root.key, plan, sourceModel, targetModel);
      if (problem) return ctx.reject('INVALID_STATE', problem);
      const planned = planCatchEventMigration(b, instance, plan.get(instance.value.elementId)!, plan, targetModel);
      if (typeof planned === 'string') return ctx.reject('INVALID_STATE', planned);
      catchEvents.push(planned);
    }

    const compensation = planCompensationMigration(state, root.key, plan, sourceModel, targetModel);
    if (!(compensation instanceof Map)) return ctx.reject(compensation.rejectionType, compensation.reason);

    const openedBefore = new Set(ctx.conditionals?.opened ?? []);
    instances.forEach((instance, i) => {
      migrateElementInstance(ctx, instance, plan.get(instance.value.elementId)!, target, targetModel);
      // Zeebe handles the instance's compensation subscriptions with the process element's catch events.
      if (instance.key === root.key) writeCompensationMigration(ctx, root.key, compensation, target, targetModel);
      writeCatchEventMigration(ctx, b, catchEvents[i], target, targetModel);
    });
    ctx.writeEvent(root.key, ValueType.PROCESS_INSTANCE_MIGRATION, ProcessInstanceMigrationIntent.MIGRATED, {
      processInstanceKey: root.key,
      targetProcessDefinitionKey: target.key,
      mappingInstructions: v.mappingInstructions,
      tenantId: root.value.tenantId,
    });
    // Conditional events the target adds are evaluated once opened, as on activation (Zeebe's follow-up TRIGGER).
    b.conditionals.evaluateOpened([...(ctx.conditionals?.opened ?? [])].filter((key) => !openedBefore.has(key)));
    ctx.respond({});
  },
};

/** Mapping instructions as source id → target id, or the reason they are refused. */
function checkMappingInstructions(
  v: MigrateProcessInstanceRequest,
  processInstanceKey: Key,
  sourceModel: ExecutableProcess,
  targetModel: ExecutableProcess,
): Map<string, string> | string {
  const plan = new Map<string, string>();
  const duplicates = new Set<string>();
  for (const { sourceElementId, targetElementId } of v.mappingInstructions ?? []) {
    if (!sourceModel.nodes.has(sourceElementId)) {
      return `Expected to migrate process instance '${processInstanceKey}' but mapping instructions contain a non-existing source element id '${sourceElementId}'. Elements provided in mapping instructions must exist in the source process definition.`;
    }
    if (!targetModel.nodes.has(targetElementId)) {
      return `Expected to migrate process instance '${processInstanceKey}' but mapping instructions contain a non-existing target element id '${targetElementId}'. Elements provided in mapping instructions must exist in the target process definition.`;
    }
    if (plan.has(sourceElementId)) duplicates.add(sourceElementId);
    plan.set(sourceElementId, targetElementId);
  }
  if (duplicates.size > 0) {
    return `Expected to migrate process instance '${processInstanceKey}' but the mapping instructions contain duplicate source element ids '${[...duplicates].join("', '")}'.`;
  }
  return plan;
}

/** Why this active element instance cannot be migrated with the plan, if it cannot. */
function checkInstance(
  instance: ElementInstance,
  processInstanceKey: Key,
  plan: Map<string, string>,
  sourceModel: ExecutableProcess,
  targetModel: ExecutableProcess,
): string | undefined {
  const prefix = `Expected to migrate process instance '${processInstanceKey}' but`;
  const elementId = instance.value.elementId;
  const sourceNode = sourceModel.nodes.get(elementId)!;
  const isRoot = instance.key === processInstanceKey;
  if (!isRoot) {
    const type = instance.value.bpmnElementType;
    // A multi-instance body is as migratable as the activity it repeats (see checkMultiInstanceMapping).
    if (!MIGRATABLE_TYPES.has(isMultiInstanceBody(instance) ? sourceNode.type : type) || sourceNode.type === 'EVENT_SUB_PROCESS') {
      return `${prefix} active element with id '${elementId}' has an unsupported type. The migration of a ${type} is not supported by this engine yet.`;
    }
    if (type === 'INTERMEDIATE_CATCH_EVENT' && !MIGRATABLE_CATCH_EVENT_TYPES.has(sourceNode.eventType)) {
      return `${prefix} active element with id '${elementId}' is intermediate catch event of type '${sourceNode.eventType}'. Migrating active intermediate catch event of this type is not possible yet.`;
    }
    const targetId = plan.get(elementId);
    if (targetId === undefined) {
      return `${prefix} no mapping instruction defined for active element with id '${elementId}'. Elements cannot be migrated without a mapping.`;
    }
    const targetNode = targetModel.nodes.get(targetId)!;
    const multiInstanceProblem = checkMultiInstanceMapping(processInstanceKey, instance, sourceNode, targetNode);
    if (multiInstanceProblem) return multiInstanceProblem;
    if (targetNode.type !== sourceNode.type) {
      return `${prefix} active element with id '${elementId}' and type '${type}' is mapped to an element with id '${targetId}' and different type '${targetNode.type}'. Elements must be mapped to elements of the same type.`;
    }
    const expectedScope = plan.get(sourceNode.flowScopeId!);
    if (targetNode.flowScopeId !== expectedScope) {
      return `${prefix} the flow scope of active element with id '${elementId}' is changed. The flow scope of the active element is expected to be '${expectedScope}' but was '${targetNode.flowScopeId}'. The flow scope of an element cannot be changed during migration yet.`;
    }
    if (type === 'USER_TASK' && Boolean(sourceNode.userTask) !== Boolean(targetNode.userTask)) {
      return `${prefix} active user task with id '${elementId}' is mapped to a user task with id '${targetId}' of a different implementation (job-based and Camunda user task). Changing the implementation during migration is not supported by this engine yet.`;
    }
  }
  const catchEventProblem = checkCatchEventMappings(processInstanceKey, elementId, plan.get(elementId)!, plan, sourceModel, targetModel, catchEventHolderOf(instance));
  if (catchEventProblem) return catchEventProblem;
  // A triggered interrupting event waits for its scope to terminate: Zeebe refuses to migrate in between.
  if (instance.pendingTrigger) {
    return `${prefix} a concurrent command was executed on the process instance. Please retry the migration.`;
  }
  if (Object.keys(instance.takenFlows).length > 0) {
    return `${prefix} sequence flows inside active element with id '${elementId}' wait at a joining gateway ('${Object.keys(instance.takenFlows).join("', '")}'). Migrating waiting joins is not supported by this engine yet.`;
  }
  return undefined;
}

/** Write the MIGRATED events of one element instance and of the job, user task and incidents it holds. */
function migrateElementInstance(ctx: ProcessingContext, instance: ElementInstance, targetElementId: string, target: ProcessDefinition, targetModel: ExecutableProcess): void {
  const definition = { bpmnProcessId: target.bpmnProcessId, processDefinitionKey: target.key };
  ctx.writeEvent(instance.key, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.ELEMENT_MIGRATED, {
    ...instance.value,
    ...definition,
    version: target.version,
    elementId: targetElementId,
    // A multi-instance body stays one: its element id is the activity's, its type is not.
    bpmnElementType: isMultiInstanceBody(instance) ? instance.value.bpmnElementType : targetModel.nodes.get(targetElementId)!.type,
  });
  const state = ctx.state;
  const job = instance.jobKey ? state.jobs.get(instance.jobKey) : undefined;
  if (job) {
    ctx.writeEvent(job.key, ValueType.JOB, JobIntent.MIGRATED, { ...job.value, ...definition, processDefinitionVersion: target.version, elementId: targetElementId });
  }
  const userTask = instance.userTaskKey ? state.userTasks.get(instance.userTaskKey) : undefined;
  if (userTask) {
    ctx.writeEvent(userTask.key, ValueType.USER_TASK, UserTaskIntent.MIGRATED, {
      ...userTask.value,
      ...definition,
      processDefinitionVersion: target.version,
      elementId: targetElementId,
    });
  }
  for (const [name, variable] of state.variables.get(instance.key) ?? []) {
    // Zeebe unsets the value in this event (it only re-points the variable), which keeps the record small.
    ctx.writeEvent(variable.key, ValueType.VARIABLE, VariableIntent.MIGRATED, {
      name,
      value: 'null',
      scopeKey: instance.key,
      processInstanceKey: instance.value.processInstanceKey,
      ...definition,
      tenantId: instance.value.tenantId,
    });
  }
  for (const incident of incidentsOf(state, instance.key)) {
    ctx.writeEvent(incident.key, ValueType.INCIDENT, IncidentIntent.MIGRATED, { ...incident.value, ...definition, elementId: targetElementId });
  }
}
