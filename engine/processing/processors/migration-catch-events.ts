/**
 * The catch events of migrated element instances, as Zeebe's process instance migration treats them. An
 * element's catch events are its boundary events, the start events of the event subprocesses it contains,
 * and itself when it is an intermediate catch event or a receive task. For each subscription (timer,
 * message, signal, conditional) the element holds:
 * - its catch event is mapped by a mapping instruction: the subscription keeps its key, due date, message
 *   name, correlation key or signal name and only learns the target catch event (… MIGRATED);
 * - it is not mapped: the subscription is closed (TIMER CANCELED, message subscription deleted, SIGNAL
 *   SUBSCRIPTION DELETED).
 * A catch event of the target element that no mapping instruction targets gets a new subscription, evaluated
 * at migration time, as if the element had just been activated.
 */
import type { Key } from '../../api';
import type { ExecutableProcess, FlowNode } from '../../model';
import { ConditionalSubscriptionIntent, ProcessMessageSubscriptionIntent, SignalSubscriptionIntent, TimerIntent, ValueType } from '../../protocol';
import type { ElementInstance, EngineState, ProcessDefinition } from '../../state';
import { closesOnCorrelation, type BpmnBehaviors, type PlannedSubscription } from '../bpmn/bpmn-behaviors';
import { isFailure } from '../bpmn/failure';
import type { ProcessingContext } from '../processing-context';
import { migrateMessageSubscription, processSide } from '../subscription-commands';

/** What migrating one element instance does to its subscriptions: checked before anything is written. */
export interface CatchEventMigration {
  elementInstanceKey: Key;
  /** Subscriptions (`timer:KEY`, `message:KEY`, `signal:KEY`, `conditional:KEY`) whose catch event has no mapping. */
  close: string[];
  /** Subscriptions whose catch event is mapped, with the target catch event. */
  migrate: { entry: string; targetCatchEventId: string }[];
  /** Target catch events no mapping instruction targets, evaluated. */
  open: PlannedSubscription[];
}

/**
 * Which part of an element an element instance is, for its catch events: a multi-instance activity's body
 * listens for the boundary events (they interrupt all iterations at once), each inner instance for the
 * rest (its own message of a receive task, the event subprocesses of a subprocess); any other instance for all.
 */
export type CatchEventHolder = 'element' | 'multi-instance-body' | 'inner-instance';

/** The part an element instance plays for its catch events (see {@link CatchEventHolder}). */
export function catchEventHolderOf(instance: ElementInstance): CatchEventHolder {
  if (instance.value.bpmnElementType === 'MULTI_INSTANCE_BODY') return 'multi-instance-body';
  // Only the inner instances of a multi-instance body get a loop counter (see the process instance appliers).
  return instance.loopCounter !== undefined ? 'inner-instance' : 'element';
}

/** The catch events of an element of a process that the given holder listens for (see the module comment). */
export function catchEventsOf(model: ExecutableProcess, node: FlowNode, holder: CatchEventHolder = 'element'): FlowNode[] {
  const isBody = holder === 'multi-instance-body';
  const own = !isBody && (node.type === 'INTERMEDIATE_CATCH_EVENT' || node.type === 'RECEIVE_TASK') ? [node] : [];
  const ids = [...(holder === 'inner-instance' ? [] : node.boundaryEventIds), ...(isBody ? [] : node.eventSubProcessStartIds)];
  return [...own, ...ids.map((id) => model.nodes.get(id)!)];
}

/**
 * Zeebe's preconditions on the mapping instructions of an element's catch events: a mapped catch event stays
 * with the element (is a catch event of the element's target), two catch events are not merged into one,
 * and a catch event keeps its event type. Returns the rejection reason, if any.
 */
export function checkCatchEventMappings(
  processInstanceKey: Key,
  elementId: string,
  targetElementId: string,
  plan: ReadonlyMap<string, string>,
  sourceModel: ExecutableProcess,
  targetModel: ExecutableProcess,
  holder: CatchEventHolder = 'element',
): string | undefined {
  const prefix = `Expected to migrate process instance '${processInstanceKey}' but active element with id '${elementId}'`;
  const sourceEvents = catchEventsOf(sourceModel, sourceModel.nodes.get(elementId)!, holder).filter((event) => plan.has(event.id));
  const targetEventIds = new Set(catchEventsOf(targetModel, targetModel.nodes.get(targetElementId)!, holder).map((event) => event.id));
  for (const event of sourceEvents) {
    const targetEventId = plan.get(event.id)!;
    if (!targetEventIds.has(targetEventId)) {
      return `${prefix} is mapped to an element with id '${targetElementId}' and has a catch event with id '${event.id}' that is mapped to a catch event with id '${targetEventId}'. These mappings detach the catch event from the element in the target process. Catch events must stay attached to the same element instance.`;
    }
  }
  const sourcesByTarget = new Map<string, string[]>();
  for (const event of sourceEvents) {
    const targetEventId = plan.get(event.id)!;
    sourcesByTarget.set(targetEventId, [...(sourcesByTarget.get(targetEventId) ?? []), event.id]);
  }
  for (const [targetEventId, sourceIds] of sourcesByTarget) {
    if (sourceIds.length > 1) {
      return `${prefix} has a catch event attached that is mapped to a catch event with id '${targetEventId}'. There are multiple mapping instructions that target this catch event: '${[...sourceIds].sort().join("', '")}'. Catch events cannot be merged by process instance migration. Please ensure the mapping instructions target a catch event only once.`;
    }
  }
  for (const event of sourceEvents) {
    const targetEvent = targetModel.nodes.get(plan.get(event.id)!)!;
    if (event.eventType !== targetEvent.eventType) {
      return `${prefix} has a catch event with id '${event.id}' that is mapped to a catch event with id '${targetEvent.id}'. These catch events have different event types: '${event.eventType}' and '${targetEvent.eventType}'. The event type of a catch event cannot be changed by process instance migration. Please ensure the event type of the catch event remains the same or remove the mapping instruction for these catch events.`;
    }
  }
  return undefined;
}

/** The catch event a subscription entry of the element (`timer:KEY`, …) waits for, if it is still open. */
function catchEventIdOf(state: EngineState, entry: string): string | undefined {
  const [kind, key] = entry.split(':') as [string, Key];
  if (kind === 'timer') return state.timers.get(key)?.value.targetElementId;
  if (kind === 'signal') return state.signalSubscriptions.get(key)?.value.catchEventId;
  if (kind === 'conditional') return state.conditionalSubscriptions.get(key)?.value.catchEventId;
  const subscription = state.processMessageSubscriptions.get(key);
  // A subscription already being deleted is on its way out: neither closed again nor migrated.
  return subscription && subscription.state !== 'DELETING' ? subscription.value.elementId : undefined;
}

/**
 * Plan what happens to the subscriptions of one element instance mapped to `targetElementId`, or the reason
 * the migration is refused: a new subscription whose definition cannot be evaluated now, or a new message
 * subscription for a message name the element already waits for (Zeebe refuses both).
 */
export function planCatchEventMigration(
  b: BpmnBehaviors,
  instance: ElementInstance,
  targetElementId: string,
  plan: ReadonlyMap<string, string>,
  targetModel: ExecutableProcess,
): CatchEventMigration | string {
  const state = b.state;
  const migration: CatchEventMigration = { elementInstanceKey: instance.key, close: [], migrate: [], open: [] };
  // Elements still activating have opened nothing yet; they subscribe, to the target's events, once activated.
  if (instance.state === 'ELEMENT_ACTIVATING') return migration;
  for (const entry of state.subscriptionsByElement.get(instance.key) ?? []) {
    const catchEventId = catchEventIdOf(state, entry);
    if (catchEventId === undefined) continue;
    const targetCatchEventId = plan.get(catchEventId);
    if (targetCatchEventId === undefined) migration.close.push(entry);
    else migration.migrate.push({ entry, targetCatchEventId });
  }
  // An interrupted scope (an interrupting event subprocess runs) must not start listening again.
  if (instance.interrupted) return migration;
  const mappedTargets = new Set(plan.values());
  const newEvents = catchEventsOf(targetModel, targetModel.nodes.get(targetElementId)!, catchEventHolderOf(instance)).filter((event) => !mappedTargets.has(event.id));
  const planned = b.planSubscriptions(instance, newEvents);
  const prefix = `Expected to migrate process instance '${instance.value.processInstanceKey}' but active element with id '${instance.value.elementId}'`;
  if (isFailure(planned)) {
    return `${prefix} is mapped to element with id '${targetElementId}' that must be subscribed to a catch event. ${planned.message}`;
  }
  for (const subscription of planned) {
    if (subscription.kind === 'message' && state.processMessageSubscriptionOf(instance.key, subscription.name)) {
      return `${prefix} attempts to subscribe to a message it is already subscribed to with name '${subscription.name}'. Migrating active elements that subscribe to a message they are already subscribed to is not possible yet. Please provide a mapping instruction to message catch event with id '${subscription.node.id}' to migrate the respective message subscription.`;
    }
  }
  migration.open = planned;
  return migration;
}

/**
 * Write a planned catch event migration, after the element's ELEMENT_MIGRATED (its state already points at
 * the target). Zeebe's order: close the unmapped subscriptions, open the new ones, migrate the mapped ones.
 */
export function writeCatchEventMigration(
  ctx: ProcessingContext,
  b: BpmnBehaviors,
  migration: CatchEventMigration,
  target: ProcessDefinition,
  targetModel: ExecutableProcess,
): void {
  const state = ctx.state;
  const instance = state.elementInstances.get(migration.elementInstanceKey)!;
  const kindOrder = ['message', 'timer', 'signal', 'conditional'];
  const byKind = (a: string, c: string) => kindOrder.indexOf(a.split(':')[0]) - kindOrder.indexOf(c.split(':')[0]);
  b.closeSubscriptions(instance.key, [...migration.close].sort(byKind));
  b.writeSubscriptions(instance, migration.open);
  for (const { entry, targetCatchEventId } of [...migration.migrate].sort((x, y) => byKind(x.entry, y.entry))) {
    const [kind, key] = entry.split(':') as [string, Key];
    if (kind === 'message') {
      const subscription = state.processMessageSubscriptions.get(key)!;
      const value = {
        ...subscription.value,
        bpmnProcessId: target.bpmnProcessId,
        processDefinitionKey: target.key,
        elementId: targetCatchEventId,
        interrupting: closesOnCorrelation(targetModel.nodes.get(targetCatchEventId)!),
      };
      ctx.writeEvent(key, ValueType.PROCESS_MESSAGE_SUBSCRIPTION, ProcessMessageSubscriptionIntent.MIGRATED, processSide(value));
      migrateMessageSubscription(ctx, key, value);
    } else if (kind === 'timer') {
      const timer = state.timers.get(key)!;
      ctx.writeEvent(key, ValueType.TIMER, TimerIntent.MIGRATED, { ...timer.value, processDefinitionKey: target.key, targetElementId: targetCatchEventId });
    } else if (kind === 'conditional') {
      // The condition stays as it was subscribed (Zeebe copies the record); only where it points changes.
      const subscription = state.conditionalSubscriptions.get(key)!;
      ctx.writeEvent(key, ValueType.CONDITIONAL_SUBSCRIPTION, ConditionalSubscriptionIntent.MIGRATED, {
        ...subscription.value,
        processDefinitionKey: target.key,
        bpmnProcessId: target.bpmnProcessId,
        catchEventId: targetCatchEventId,
      });
    } else {
      const subscription = state.signalSubscriptions.get(key)!;
      ctx.writeEvent(key, ValueType.SIGNAL_SUBSCRIPTION, SignalSubscriptionIntent.MIGRATED, {
        ...subscription.value,
        processDefinitionKey: target.key,
        bpmnProcessId: target.bpmnProcessId,
        catchEventId: targetCatchEventId,
      });
    }
  }
}
