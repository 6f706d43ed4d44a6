import type { EngineRecord } from '../../../../engine/api';

/**
 * The variables a set of VARIABLE records leaves behind, last write wins, values parsed from their JSON text
 * (the record stream carries each value as JSON, as Zeebe's exporter does).
 */
export function parsedVariables(records: readonly EngineRecord[]): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const record of records) {
    // MIGRATED events re-point a variable at another definition and carry no value (as in Zeebe).
    if (record.valueType !== 'VARIABLE' || (record.intent !== 'CREATED' && record.intent !== 'UPDATED')) continue;
    variables[String(record.value.name)] = JSON.parse(String(record.value.value));
  }
  return variables;
}

/** The flow scope key of a PROCESS_INSTANCE record, so tests can tell which scope an element ran in. */
export function flowScopeOf(record: EngineRecord): string {
  return String(record.value.flowScopeKey);
}

/** `VALUE_TYPE INTENT`, marked when the record is a command or a rejection: how an exporter lists them. */
export function recordLabel(record: EngineRecord): string {
  const kind = record.recordType === 'COMMAND' ? ' (command)' : record.recordType === 'COMMAND_REJECTION' ? ' (rejection)' : '';
  return `${record.valueType} ${record.intent}${kind}`;
}
