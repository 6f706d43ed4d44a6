/**
 * The command each batch operation item becomes (Camunda 8.8 batch operation types). Every command carries
 * `batchOperationReference` and `batchOperationItemKey`, so history can tell from the command and its
 * rejection, if any, whether the item completed or failed — as Camunda's exporter does.
 */
import type { Key } from '../../api';
import { IncidentIntent, ProcessInstanceIntent, ProcessInstanceMigrationIntent, ProcessInstanceModificationIntent, ProcessInstanceSuspensionIntent, ValueType } from '../../protocol';
import type { BatchOperationEntry, BatchOperationItem, EngineState } from '../../state';
import { instanceTree } from '../suspension/suspended-instances';

/** Camunda's batch operation types this engine executes. */
export const BATCH_OPERATION_TYPES = [
  'CANCEL_PROCESS_INSTANCE',
  'RESOLVE_INCIDENT',
  'MIGRATE_PROCESS_INSTANCE',
  'MODIFY_PROCESS_INSTANCE',
  // Camunda 8.10 (`POST /v2/process-instances/suspension`, `/resumption`)
  'SUSPEND_PROCESS_INSTANCE',
  'RESUME_PROCESS_INSTANCE',
] as const;
export type BatchOperationType = (typeof BATCH_OPERATION_TYPES)[number];

/** A command to write for one item. */
export interface ItemCommand {
  key: Key;
  valueType: string;
  intent: string;
  value: Record<string, unknown>;
}

/** Move instructions of a modification batch: every active instance of the source element goes to the target. */
interface MoveInstruction {
  sourceElementId: string;
  targetElementId: string;
}

/** The modification one instance gets from move instructions, computed from its live elements at execution. */
function moveModification(state: EngineState, processInstanceKey: Key, moves: MoveInstruction[]): Record<string, unknown> {
  const elements = instanceTree(state, processInstanceKey)[0]?.elements.filter((e) => e.value.processInstanceKey === processInstanceKey) ?? [];
  const activateInstructions: Record<string, unknown>[] = [];
  const terminateInstructions: { elementInstanceKey: Key }[] = [];
  for (const move of moves) {
    const sources = elements.filter((element) => element.value.elementId === move.sourceElementId && element.state !== 'ELEMENT_TERMINATING');
    // Camunda skips a move whose source is not active in this instance.
    if (sources.length === 0) continue;
    for (const source of sources) terminateInstructions.push({ elementInstanceKey: source.key });
    activateInstructions.push({ elementId: move.targetElementId, variableInstructions: [] });
  }
  return { processInstanceKey, activateInstructions, terminateInstructions };
}

/** The command for one item of a batch operation. */
export function itemCommand(state: EngineState, operation: BatchOperationEntry, item: BatchOperationItem): ItemCommand {
  const reference = { batchOperationReference: operation.key, batchOperationItemKey: item.itemKey };
  switch (operation.batchOperationType as BatchOperationType) {
    case 'CANCEL_PROCESS_INSTANCE':
      return { key: item.itemKey, valueType: ValueType.PROCESS_INSTANCE, intent: ProcessInstanceIntent.CANCEL, value: { processInstanceKey: item.itemKey, ...reference } };
    case 'RESOLVE_INCIDENT':
      return { key: item.itemKey, valueType: ValueType.INCIDENT, intent: IncidentIntent.RESOLVE, value: { incidentKey: item.itemKey, processInstanceKey: item.processInstanceKey, ...reference } };
    case 'MIGRATE_PROCESS_INSTANCE':
      return {
        key: item.itemKey,
        valueType: ValueType.PROCESS_INSTANCE_MIGRATION,
        intent: ProcessInstanceMigrationIntent.MIGRATE,
        value: {
          processInstanceKey: item.itemKey,
          targetProcessDefinitionKey: operation.payload.targetProcessDefinitionKey,
          mappingInstructions: operation.payload.mappingInstructions ?? [],
          ...reference,
        },
      };
    case 'SUSPEND_PROCESS_INSTANCE':
    case 'RESUME_PROCESS_INSTANCE':
      return {
        key: item.itemKey,
        valueType: ValueType.PROCESS_INSTANCE_SUSPENSION,
        intent: operation.batchOperationType === 'SUSPEND_PROCESS_INSTANCE' ? ProcessInstanceSuspensionIntent.SUSPEND : ProcessInstanceSuspensionIntent.RESUME,
        value: { processInstanceKey: item.itemKey, ...reference },
      };
    case 'MODIFY_PROCESS_INSTANCE':
      return {
        key: item.itemKey,
        valueType: ValueType.PROCESS_INSTANCE_MODIFICATION,
        intent: ProcessInstanceModificationIntent.MODIFY,
        value: { ...moveModification(state, item.itemKey, (operation.payload.moveInstructions as MoveInstruction[]) ?? []), ...reference },
      };
  }
}
