import type { Key, Variables } from '../api';
import { documentForSnapshot, documentFromSnapshot, variablesForSnapshot, variablesFromSnapshot } from '../lazy-variable-values';
import type { SnapshotForm } from '../state/capture-map';
import type { StoredVariable } from '../state/element-instance-entries';
import type { MessageEntry } from '../state/subscription-entries';

/**
 * How the state maps that can hold values kept as text (lazy-variable-values.ts: big values a caller sent) write
 * them into a snapshot: as their text, since snapshot format 4. V8's serializer reads a lazy value like any code
 * does, so before, each snapshot parsed every big value on the engine thread, wrote its whole object graph and
 * left it parsed in state.
 */

/** A scope's variables by name. */
export const VARIABLES_IN_SNAPSHOTS: SnapshotForm<Map<string, StoredVariable>> = {
  write: variablesForSnapshot,
  read: (written) => variablesFromSnapshot<StoredVariable>(written as Map<string, unknown>),
};

/** A buffered message: its variables document. */
export const MESSAGES_IN_SNAPSHOTS: SnapshotForm<MessageEntry> = {
  write(entry) {
    const variables = documentForSnapshot(entry.value.variables);
    return variables === entry.value.variables ? entry : { ...entry, value: { ...entry.value, variables } };
  },
  read(written) {
    const entry = written as MessageEntry;
    if (!Array.isArray(entry.value.variables)) return entry;
    return { ...entry, value: { ...entry.value, variables: documentFromSnapshot(entry.value.variables) as Variables } };
  },
};

/** What started an instance at a start event: its variables document. */
export interface StartEventTrigger {
  elementId: string;
  eventKey: Key;
  variables: Variables;
}

/** A start event's trigger: its variables document. */
export const TRIGGERS_IN_SNAPSHOTS: SnapshotForm<StartEventTrigger> = {
  write(trigger) {
    const variables = documentForSnapshot(trigger.variables);
    return variables === trigger.variables ? trigger : { ...trigger, variables };
  },
  read(written) {
    const trigger = written as StartEventTrigger;
    if (!Array.isArray(trigger.variables)) return trigger;
    return { ...trigger, variables: documentFromSnapshot(trigger.variables) as Variables };
  },
};
