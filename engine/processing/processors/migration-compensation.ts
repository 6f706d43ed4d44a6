/**
 * The compensation subscriptions of a migrated process instance, as Zeebe's process instance migration treats
 * them (ProcessInstanceMigrationCatchEventBehavior, Camunda 8.8+). A completed compensable activity keeps its
 * subscription only if its compensation boundary event is mapped: the subscription then learns the activity
 * that carries the target boundary event, that activity's handler and, along the way up, the mapped
 * subprocesses it sits in (COMPENSATION_SUBSCRIPTION MIGRATED). Every other subscription of the instance is
 * deleted (COMPENSATION_SUBSCRIPTION DELETED), and none is opened for activities that already completed:
 * compensation subscriptions open only when an activity completes.
 */
import type { Key } from '../../api';
import type { ExecutableProcess, FlowNode } from '../../model';
import { CompensationSubscriptionIntent, ValueType } from '../../protocol';
import type { CompensationSubscriptionEntry, EngineState, ProcessDefinition } from '../../state';
import type { ProcessingContext } from '../processing-context';

/** What migration does to the instance's compensation subscriptions: source activity id → target activity id. */
export type CompensationMigration = Map<string, string>;

/** A rejection of the migration, with Zeebe's rejection type. */
export interface CompensationMigrationRefusal {
  rejectionType: 'INVALID_ARGUMENT' | 'INVALID_STATE';
  reason: string;
}

function isRoot(model: ExecutableProcess, node: FlowNode): boolean {
  return node.id === model.process.id;
}

function compensationBoundaryOf(model: ExecutableProcess, activity: FlowNode): FlowNode | undefined {
  return activity.boundaryEventIds.map((id) => model.nodes.get(id)!).find((boundary) => boundary.eventType === 'COMPENSATION');
}

/**
 * The activity mappings that keep compensation subscriptions, or Zeebe's refusal: a compensation boundary
 * event mapped to a boundary event of another type, or a compensable activity whose chain of flow scopes
 * does not end at the process on both sides (its flow scope changed).
 */
export function planCompensationMigration(
  state: EngineState,
  processInstanceKey: Key,
  plan: ReadonlyMap<string, string>,
  sourceModel: ExecutableProcess,
  targetModel: ExecutableProcess,
): CompensationMigration | CompensationMigrationRefusal {
  const mappings: CompensationMigration = new Map();
  for (const subscription of state.compensationSubscriptions.get(processInstanceKey) ?? []) {
    const sourceActivity = sourceModel.nodes.get(subscription.value.compensableActivityId);
    // Subprocesses are reached from the tasks inside them, bottom-up.
    if (!sourceActivity || sourceActivity.type === 'SUB_PROCESS') continue;
    const boundary = sourceActivity.boundaryEventIds
      .map((id) => sourceModel.nodes.get(id)!)
      .find((candidate) => candidate.eventType === 'COMPENSATION' && plan.has(candidate.id));
    if (!boundary) continue;
    const targetBoundary = targetModel.nodes.get(plan.get(boundary.id)!)!;
    if (targetBoundary.eventType !== 'COMPENSATION') {
      // Zeebe names the source process id where it says "process instance with id".
      return {
        rejectionType: 'INVALID_ARGUMENT',
        reason: `Expected to migrate process instance with id '${sourceModel.process.id}' but compensation boundary event '${boundary.id}' is mapped to a target boundary event '${targetBoundary.id}' that has event type '${targetBoundary.eventType}' different than compensation boundary event type.`,
      };
    }
    let source: FlowNode = sourceActivity;
    let target: FlowNode = targetModel.nodes.get(targetBoundary.attachedToId!)!;
    for (;;) {
      const sourceIsRoot = isRoot(sourceModel, source);
      const targetIsRoot = isRoot(targetModel, target);
      if (sourceIsRoot !== targetIsRoot) {
        return {
          rejectionType: 'INVALID_STATE',
          reason: `Expected to migrate process instance with id '${sourceModel.process.id}' but the flow scope of compensation boundary event is changed. Flow scope '${source.id}' is not in the same level as '${target.id}'. The flow scope of a compensation boundary event cannot be changed during migration yet.`,
        };
      }
      mappings.set(source.id, target.id);
      if (sourceIsRoot) break;
      source = sourceModel.nodes.get(source.flowScopeId!)!;
      target = targetModel.nodes.get(target.flowScopeId!)!;
    }
  }
  return mappings;
}

/** Write the planned compensation subscription migration (Zeebe does it with the process element). */
export function writeCompensationMigration(
  ctx: ProcessingContext,
  processInstanceKey: Key,
  mappings: CompensationMigration,
  target: ProcessDefinition,
  targetModel: ExecutableProcess,
): void {
  const subscriptions: CompensationSubscriptionEntry[] = [...(ctx.state.compensationSubscriptions.get(processInstanceKey) ?? [])];
  for (const subscription of subscriptions) {
    const targetActivityId = mappings.get(subscription.value.compensableActivityId);
    if (targetActivityId === undefined) {
      ctx.writeEvent(subscription.key, ValueType.COMPENSATION_SUBSCRIPTION, CompensationSubscriptionIntent.DELETED, subscription.value);
      continue;
    }
    const targetActivity = targetModel.nodes.get(targetActivityId)!;
    const handlerId = compensationBoundaryOf(targetModel, targetActivity)?.compensationHandlerId;
    ctx.writeEvent(subscription.key, ValueType.COMPENSATION_SUBSCRIPTION, CompensationSubscriptionIntent.MIGRATED, {
      ...subscription.value,
      processDefinitionKey: target.key,
      compensableActivityId: targetActivityId,
      ...(handlerId ? { compensationHandlerId: handlerId } : {}),
    });
  }
}
