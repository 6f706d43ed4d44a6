import { expect } from 'chai';
import { TestEngine, bpmn } from '../../../support';
import { BatchOperationLifecycleIntent, ValueType } from '../../../../engine/protocol';

const { process, start, end, serviceTask, chain } = bpmn;

/** Starts `count` instances of a one-task process and a CANCEL_PROCESS_INSTANCE batch over them. */
async function cancelBatch(engine: TestEngine, count: number): Promise<{ keys: string[]; batch: Promise<{ batchOperationKey: string }> }> {
  await engine.deployment().withXml(process('batched', start('s'), serviceTask('t', 'batched-work'), end('e'), chain('s', 't', 'e'))).deploy();
  const keys: string[] = [];
  for (let i = 0; i < count; i++) keys.push(await engine.processInstance().ofBpmnProcessId('batched').create());
  const batch = engine.engine.submitCommand<{ batchOperationKey: string }>({
    key: '-1',
    valueType: ValueType.BATCH_OPERATION_CREATION,
    intent: 'CREATE',
    value: { batchOperationType: 'CANCEL_PROCESS_INSTANCE', items: keys.map((key) => ({ itemKey: key, processInstanceKey: key })), payload: {} },
  });
  return { keys, batch };
}

const steer = (engine: TestEngine, key: string, intent: string) =>
  engine.engine.submitCommand({ key, valueType: ValueType.BATCH_OPERATION_LIFECYCLE_MANAGEMENT, intent, value: { batchOperationKey: key } });

/** Waits until the engine has run every chunk it will run (the driver submits them one after another). */
async function settle(engine: TestEngine): Promise<void> {
  for (let i = 0; i < 50; i++) {
    await engine.engine.whenIdle();
    await new Promise((resolve) => setImmediate(resolve));
  }
  await engine.engine.whenIdle();
}

describe('batch operations in the engine: chunks between other commands, suspension, cancellation, restart', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.start();
  });
  afterEach(async () => {
    await engine?.close();
  });

  it('runs a batch in chunks of 20 and lets a command sent meanwhile in between two chunks', async () => {
    const { keys, batch } = await cancelBatch(engine, 50);
    const { batchOperationKey } = await batch;
    // a client command sent right after the creation is answered before the batch is through
    const created = await engine.processInstance().ofBpmnProcessId('batched').create();
    await settle(engine);
    const records = engine.records().asList();
    const chunks = records.filter((r) => r.valueType === ValueType.BATCH_OPERATION_EXECUTION && r.intent === 'EXECUTING').map((r) => r.value.itemCount);
    expect(chunks).to.deep.equal([20, 20, 10]);
    const creation = records.findIndex((r) => r.valueType === 'PROCESS_INSTANCE_CREATION' && r.intent === 'CREATED' && r.key === created);
    const lastChunk = records.findLastIndex((r) => r.valueType === ValueType.BATCH_OPERATION_EXECUTION);
    expect(creation).to.be.below(lastChunk);
    expect(keys.every((key) => engine.isTerminated(key))).to.equal(true);
    expect(engine.records().ofValueType(ValueType.BATCH_OPERATION_LIFECYCLE_MANAGEMENT).events().asList().map((r) => [r.key, r.intent])).to.deep.equal([[batchOperationKey, 'COMPLETED']]);
  });

  it('holds a suspended batch, goes on from where it stood after a restart, and finishes once resumed', async () => {
    // given a batch suspended before its first chunk
    const { keys, batch } = await cancelBatch(engine, 30);
    const suspended = batch.then(({ batchOperationKey }) => steer(engine, batchOperationKey, BatchOperationLifecycleIntent.SUSPEND).then(() => batchOperationKey));
    const batchOperationKey = await suspended;
    await settle(engine);
    const executed = () => engine.records().ofValueType(ValueType.BATCH_OPERATION_EXECUTION).events().asList().length;
    const before = executed();
    expect(keys.filter((key) => engine.isTerminated(key)).length).to.equal(before * 20);
    expect(before).to.be.below(2);
    // when the engine restarts, nothing runs while it is suspended
    await engine.restart();
    await settle(engine);
    expect(executed()).to.equal(before);
    // when it resumes, the rest runs
    await steer(engine, batchOperationKey, BatchOperationLifecycleIntent.RESUME);
    await settle(engine);
    expect(keys.every((key) => engine.isTerminated(key))).to.equal(true);
    expect(engine.records().ofValueType(ValueType.BATCH_OPERATION_LIFECYCLE_MANAGEMENT).events().intents()).to.deep.equal(['SUSPENDED', 'RESUMED', 'COMPLETED']);
  });

  it('stops a canceled batch: the items not run yet stay untouched; steering it again is NOT_FOUND', async () => {
    const { keys, batch } = await cancelBatch(engine, 45);
    const batchOperationKey = await batch.then(({ batchOperationKey }) => steer(engine, batchOperationKey, BatchOperationLifecycleIntent.CANCEL).then(() => batchOperationKey));
    await settle(engine);
    const done = keys.filter((key) => engine.isTerminated(key)).length;
    expect(done).to.be.below(45);
    let refusal: (Error & { rejectionType?: string }) | undefined;
    await steer(engine, batchOperationKey, BatchOperationLifecycleIntent.RESUME).catch((error) => (refusal = error));
    expect(refusal?.rejectionType).to.equal('NOT_FOUND');
  });

  it('rebuilds the same batch state from the log as from a snapshot', async () => {
    const { batch } = await cancelBatch(engine, 25);
    const { batchOperationKey } = await batch;
    await steer(engine, batchOperationKey, BatchOperationLifecycleIntent.SUSPEND);
    await settle(engine);
    await engine.engine.takeSnapshot();
    const live = engine.engine.snapshot();
    expect(Object.keys(live.batchOperations as object)).to.deep.equal([batchOperationKey]);
    await engine.restart();
    expect(engine.engine.snapshot()).to.deep.equal(live);
    await engine.restart({ replayAll: true });
    expect(engine.engine.snapshot()).to.deep.equal(live);
  });
});
