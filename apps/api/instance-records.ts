/**
 * The record stream read per process instance: what the audit view shows as an instance's history and
 * which diagram elements are active or done. Catches up incrementally from the last position it read.
 */
import type { EngineApi, EngineRecord } from '../../engine/api';

/** A process instance as the record stream tells it. */
export interface InstanceSummary {
  processInstanceKey: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  version: number;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  /** Engine-clock epoch milliseconds. */
  startedAt: number;
  endedAt?: number;
  parentProcessInstanceKey?: string;
  /** The case's `caseId` and `caseTitle` as last set (kept after the instance ends, unlike its variables). */
  caseId: string | null;
  caseTitle: string | null;
}

/** Process-level variables the index remembers for each case. */
const CASE_VARIABLES = new Set(['caseId', 'caseTitle']);

/** Where each element of an instance stands, for marking the diagram. */
export interface ElementStates {
  /** Element ids with at least one element instance still active. */
  active: string[];
  /** Element ids with an element instance that completed (and none active). */
  completed: string[];
  /** Element ids whose element instances were all terminated. */
  terminated: string[];
  /** Sequence flows taken at least once. */
  takenFlows: string[];
}

/** One line of an instance's history: who did what, when. */
export interface HistoryEntry {
  position: number;
  at: string;
  actor: string | null;
  recordType: string;
  valueType: string;
  intent: string;
  key: string;
  elementId: string | null;
  /** Variable name, job type, error message … whatever says most about this record. */
  detail: string | null;
  rejection: string | null;
}

const CHUNK = 5000;

function keyOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && value !== '-1' ? value : typeof value === 'number' && value > 0 ? String(value) : undefined;
}

/** Index of the record stream by process instance; call {@link catchUp} before reading. */
export class InstanceRecordIndex {
  private nextPosition = 0;
  private readonly byInstance = new Map<string, EngineRecord[]>();
  private readonly summaries = new Map<string, InstanceSummary>();
  /** Kept apart from the summaries: the creation variables are written before the process activates. */
  private readonly caseVariables = new Map<string, { caseId: string | null; caseTitle: string | null }>();

  constructor(private readonly engine: Pick<EngineApi, 'readRecords'>) {}

  /** Reads every record committed since the last call. */
  catchUp(): void {
    for (;;) {
      const records = this.engine.readRecords(this.nextPosition, CHUNK);
      for (const record of records) this.add(record);
      if (records.length === 0) return;
      this.nextPosition = records[records.length - 1].position + 1;
      if (records.length < CHUNK) return;
    }
  }

  private add(record: EngineRecord): void {
    const instanceKey = keyOf(record.value.processInstanceKey);
    if (!instanceKey) return;
    let list = this.byInstance.get(instanceKey);
    if (!list) this.byInstance.set(instanceKey, (list = []));
    list.push(record);
    // Only CREATED and UPDATED carry a value; a MIGRATED event leaves the variable's value as it was.
    if (record.valueType === 'VARIABLE' && (record.intent === 'CREATED' || record.intent === 'UPDATED')) this.rememberCaseVariable(instanceKey, record);
    if (record.valueType !== 'PROCESS_INSTANCE' || record.recordType !== 'EVENT' || record.value.bpmnElementType !== 'PROCESS') return;
    if (record.intent === 'ELEMENT_ACTIVATING') {
      this.summaries.set(instanceKey, {
        processInstanceKey: instanceKey,
        processDefinitionKey: String(record.value.processDefinitionKey),
        bpmnProcessId: String(record.value.bpmnProcessId),
        version: Number(record.value.version ?? 0),
        state: 'ACTIVE',
        startedAt: record.timestamp,
        parentProcessInstanceKey: keyOf(record.value.parentProcessInstanceKey),
        caseId: null,
        caseTitle: null,
      });
    }
    const summary = this.summaries.get(instanceKey);
    if (!summary) return;
    if (record.intent === 'ELEMENT_COMPLETED') Object.assign(summary, { state: 'COMPLETED', endedAt: record.timestamp });
    if (record.intent === 'ELEMENT_TERMINATED') Object.assign(summary, { state: 'TERMINATED', endedAt: record.timestamp });
  }

  private rememberCaseVariable(instanceKey: string, record: EngineRecord): void {
    const name = String(record.value.name);
    if (!CASE_VARIABLES.has(name) || keyOf(record.value.scopeKey) !== instanceKey) return;
    let facts = this.caseVariables.get(instanceKey);
    if (!facts) this.caseVariables.set(instanceKey, (facts = { caseId: null, caseTitle: null }));
    let value: unknown = record.value.value;
    try {
      value = typeof value === 'string' ? JSON.parse(value) : value;
    } catch {
      // A value that is not JSON text is shown as it is.
    }
    facts[name as 'caseId' | 'caseTitle'] = typeof value === 'string' ? value : value === null || value === undefined ? null : JSON.stringify(value);
  }

  /** Every process instance seen, newest first. */
  instances(): InstanceSummary[] {
    return [...this.summaries.keys()].map((key) => this.instance(key)!).sort((a, b) => b.startedAt - a.startedAt);
  }

  /** One instance, or undefined if the stream has not seen it. */
  instance(processInstanceKey: string): InstanceSummary | undefined {
    const summary = this.summaries.get(processInstanceKey);
    return summary && { ...summary, ...this.caseVariables.get(processInstanceKey) };
  }

  /** The records of one instance (its own elements, jobs, tasks, variables, incidents), in order. */
  records(processInstanceKey: string): readonly EngineRecord[] {
    return this.byInstance.get(processInstanceKey) ?? [];
  }
}

/** Which elements of an instance are active, completed or terminated, and which flows were taken. */
export function elementStatesOf(records: readonly EngineRecord[]): ElementStates {
  const live = new Map<string, Map<string, string>>();
  const takenFlows = new Set<string>();
  for (const record of records) {
    if (record.valueType !== 'PROCESS_INSTANCE' || record.recordType !== 'EVENT') continue;
    const elementId = String(record.value.elementId ?? '');
    if (record.value.bpmnElementType === 'PROCESS' || elementId === '') continue;
    if (record.intent === 'SEQUENCE_FLOW_TAKEN') {
      takenFlows.add(elementId);
      continue;
    }
    let instances = live.get(elementId);
    if (!instances) live.set(elementId, (instances = new Map()));
    instances.set(record.key, record.intent);
  }
  const states: ElementStates = { active: [], completed: [], terminated: [], takenFlows: [...takenFlows] };
  for (const [elementId, instances] of live) {
    const intents = [...instances.values()];
    if (intents.some((intent) => intent !== 'ELEMENT_COMPLETED' && intent !== 'ELEMENT_TERMINATED')) states.active.push(elementId);
    else if (intents.includes('ELEMENT_COMPLETED')) states.completed.push(elementId);
    else states.terminated.push(elementId);
  }
  return states;
}

function detailOf(record: EngineRecord): string | null {
  const value = record.value;
  switch (record.valueType) {
    case 'VARIABLE':
      return String(value.name ?? '');
    case 'JOB':
      return [value.type, value.errorMessage].filter(Boolean).join(' — ') || null;
    case 'USER_TASK':
      return typeof value.assignee === 'string' && value.assignee !== '' ? `assignee ${value.assignee}` : null;
    case 'INCIDENT':
      return String(value.errorMessage ?? value.errorType ?? '');
    case 'PROCESS_INSTANCE':
      return String(value.bpmnElementType ?? '');
    default:
      return null;
  }
}

/**
 * The history the auditors read: events and rejections (commands are intentions, the events say what
 * happened), each with the actor that caused it.
 */
export function historyOf(records: readonly EngineRecord[]): HistoryEntry[] {
  return records
    .filter((record) => record.recordType !== 'COMMAND')
    .map((record) => ({
      position: record.position,
      at: new Date(record.timestamp).toISOString(),
      actor: record.actor ?? null,
      recordType: record.recordType,
      valueType: record.valueType,
      intent: record.intent,
      key: record.key,
      elementId: typeof record.value.elementId === 'string' ? record.value.elementId : null,
      detail: detailOf(record),
      rejection: record.rejectionReason ?? null,
    }));
}
