/**
 * The appliers: the only code that changes state, one per (value type, event intent), grouped by value type.
 * Processing applies each event as it is written; a restart replays the log through them.
 */
import type { EngineRecord } from '../../protocol';
import type { EngineState } from '../engine-state';
import { deploymentAppliers } from './deployment-appliers';
import { processInstanceAppliers } from './process-instance-appliers';
import { jobAppliers } from './job-appliers';
import { incidentAppliers } from './incident-appliers';
import { variableAppliers } from './variable-appliers';
import { timerAppliers } from './timer-appliers';
import { messageAppliers } from './message-appliers';
import { messageSubscriptionAppliers } from './message-subscription-appliers';
import { processMessageSubscriptionAppliers } from './process-message-subscription-appliers';
import { signalAppliers } from './signal-appliers';
import { userTaskAppliers } from './user-task-appliers';
import { clockAppliers } from './clock-appliers';
import { processInstanceLifecycleAppliers } from './process-instance-lifecycle-appliers';
import { batchOperationAppliers } from './batch-operation-appliers';
import { compensationSubscriptionAppliers } from './compensation-subscription-appliers';
import { adHocSubProcessAppliers } from './ad-hoc-subprocess-appliers';
import { conditionalSubscriptionAppliers } from './conditional-subscription-appliers';

/** An applier: the only code that changes state, for one (value type, event intent). */
export type Applier = (state: EngineState, record: EngineRecord) => void;

/** Appliers keyed `VALUE_TYPE:INTENT`. Events without an applier change nothing (e.g. DEPLOYMENT CREATED). */
const appliers = new Map<string, Applier>();
for (const group of [
  deploymentAppliers,
  processInstanceAppliers,
  jobAppliers,
  incidentAppliers,
  variableAppliers,
  timerAppliers,
  messageAppliers,
  messageSubscriptionAppliers,
  processMessageSubscriptionAppliers,
  signalAppliers,
  userTaskAppliers,
  clockAppliers,
  processInstanceLifecycleAppliers,
  batchOperationAppliers,
  compensationSubscriptionAppliers,
  adHocSubProcessAppliers,
  conditionalSubscriptionAppliers,
]) {
  for (const [key, applier] of Object.entries(group)) appliers.set(key, applier);
}

/** Apply one event to the state. Commands and rejections are never applied. */
export function applyEvent(state: EngineState, record: EngineRecord): void {
  if (record.recordType !== 'EVENT') return;
  const applier = appliers.get(`${record.valueType}:${record.intent}`);
  if (applier) applier(state, record);
}

/** Replay one committed record: keys handed out later must be above every key in the log. */
export function replayRecord(state: EngineState, record: EngineRecord): void {
  state.keys.observe(record.key);
  applyEvent(state, record);
}

/** Whether an event type changes state (for tests of the applier registry). */
export function hasApplier(valueType: string, intent: string): boolean {
  return appliers.has(`${valueType}:${intent}`);
}
