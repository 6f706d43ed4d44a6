import type { EngineRecord, RecordType } from '../../engine/api';

/**
 * A filterable view of the committed record stream, Zeebe-test style:
 * `records.processInstance().withIntent('ELEMENT_COMPLETED').withElementId('task').exists()`.
 * Every filter returns a new stream; reading happens when asked (`asList`, `first`, `exists`, `count`).
 */
export class RecordStream {
  constructor(
    private readonly source: () => readonly EngineRecord[],
    private readonly filters: ((r: EngineRecord) => boolean)[] = [],
  ) {}

  /** Add any predicate. */
  filter(predicate: (record: EngineRecord) => boolean): RecordStream {
    return new RecordStream(this.source, [...this.filters, predicate]);
  }

  // Value types ---------------------------------------------------------------------------------------
  ofValueType(valueType: string): RecordStream {
    return this.filter((r) => r.valueType === valueType);
  }
  processInstance(): RecordStream {
    return this.ofValueType('PROCESS_INSTANCE');
  }
  processInstanceCreation(): RecordStream {
    return this.ofValueType('PROCESS_INSTANCE_CREATION');
  }
  job(): RecordStream {
    return this.ofValueType('JOB');
  }
  jobBatch(): RecordStream {
    return this.ofValueType('JOB_BATCH');
  }
  incident(): RecordStream {
    return this.ofValueType('INCIDENT');
  }
  variable(): RecordStream {
    return this.ofValueType('VARIABLE');
  }
  timer(): RecordStream {
    return this.ofValueType('TIMER');
  }
  message(): RecordStream {
    return this.ofValueType('MESSAGE');
  }
  messageSubscription(): RecordStream {
    return this.ofValueType('MESSAGE_SUBSCRIPTION');
  }
  signal(): RecordStream {
    return this.ofValueType('SIGNAL');
  }
  userTask(): RecordStream {
    return this.ofValueType('USER_TASK');
  }
  deployment(): RecordStream {
    return this.ofValueType('DEPLOYMENT');
  }
  process(): RecordStream {
    return this.ofValueType('PROCESS');
  }
  decisionEvaluation(): RecordStream {
    return this.ofValueType('DECISION_EVALUATION');
  }

  // Record fields -------------------------------------------------------------------------------------
  withIntent(intent: string): RecordStream {
    return this.filter((r) => r.intent === intent);
  }
  withRecordType(recordType: RecordType): RecordStream {
    return this.filter((r) => r.recordType === recordType);
  }
  events(): RecordStream {
    return this.withRecordType('EVENT');
  }
  commands(): RecordStream {
    return this.withRecordType('COMMAND');
  }
  rejections(): RecordStream {
    return this.withRecordType('COMMAND_REJECTION');
  }
  withKey(key: string): RecordStream {
    return this.filter((r) => r.key === key);
  }

  // Value fields --------------------------------------------------------------------------------------
  /** Records whose value has `field` equal to `expected` (compared as JSON). */
  withValue(field: string, expected: unknown): RecordStream {
    const wanted = JSON.stringify(expected);
    return this.filter((r) => JSON.stringify(r.value[field]) === wanted);
  }
  withElementId(elementId: string): RecordStream {
    return this.withValue('elementId', elementId);
  }
  withElementType(bpmnElementType: string): RecordStream {
    return this.withValue('bpmnElementType', bpmnElementType);
  }
  withProcessInstanceKey(processInstanceKey: string): RecordStream {
    return this.withValue('processInstanceKey', processInstanceKey);
  }
  withBpmnProcessId(bpmnProcessId: string): RecordStream {
    return this.withValue('bpmnProcessId', bpmnProcessId);
  }
  withName(name: string): RecordStream {
    return this.withValue('name', name);
  }
  withType(type: string): RecordStream {
    return this.withValue('type', type);
  }

  // Reading -------------------------------------------------------------------------------------------
  asList(): EngineRecord[] {
    return this.source().filter((r) => this.filters.every((f) => f(r)));
  }
  first(): EngineRecord {
    const found = this.asList()[0];
    if (!found) throw new Error('Expected a matching record, but the stream has none');
    return found;
  }
  last(): EngineRecord {
    const list = this.asList();
    if (list.length === 0) throw new Error('Expected a matching record, but the stream has none');
    return list[list.length - 1];
  }
  exists(): boolean {
    return this.asList().length > 0;
  }
  count(): number {
    return this.asList().length;
  }
  /** The values of the matching records. */
  values(): Record<string, unknown>[] {
    return this.asList().map((r) => r.value);
  }
  /** `intent` of each matching record, in order (handy for lifecycle assertions). */
  intents(): string[] {
    return this.asList().map((r) => r.intent);
  }
  /** `elementId:intent` of each matching record, in order. */
  elementIntents(): string[] {
    return this.asList().map((r) => `${String(r.value.elementId)}:${r.intent}`);
  }
}
