import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestEngine, bpmn } from '../../support';
import { compensate, compensationBoundary, forCompensation } from '../conformance/support/compensation-models';
import { sdkFor, spawnEngine, type EngineProcess, type SdkZeebeClient } from '../../scripts/commands/engine-process';

const { process, start, end, serviceTask, task, subProcess, throwEvent, chain } = bpmn;

/**
 * `pay` (compensable) and a subprocess with a compensable `inner` complete; then the instance waits at `gate`
 * (subscriptions CREATED) until a worker completes it; then `undo` invokes both handlers, which wait for their
 * workers (subscriptions TRIGGERED).
 */
const MODEL = process(
  'comp-replay',
  start('s'),
  serviceTask('pay', 'cr-pay'),
  compensationBoundary('payUndo', 'pay', 'refund'),
  forCompensation(serviceTask('refund', 'cr-refund')),
  subProcess('steps', [
    start('ss'),
    task('inner'),
    compensationBoundary('innerUndo', 'inner', 'undoInner'),
    forCompensation(serviceTask('undoInner', 'cr-undo-inner')),
    end('se'),
    chain('ss', 'inner', 'se'),
  ]),
  serviceTask('gate', 'cr-gate'),
  throwEvent('undo', compensate()),
  end('e'),
  chain('s', 'pay', 'steps', 'gate', 'undo', 'e'),
);

async function completeOne(engine: TestEngine, type: string): Promise<void> {
  const job = await engine.job().ofType(type).activateOne();
  await engine.engine.completeJob(job.key, {});
  await engine.engine.whenIdle();
}

/** One instance waiting with CREATED subscriptions, one with TRIGGERED subscriptions and handlers running. */
async function parkInstances(engine: TestEngine): Promise<{ waiting: string; compensating: string }> {
  await engine.deployment().withXml(MODEL).deploy();
  const create = () => engine.processInstance().ofBpmnProcessId('comp-replay').create();
  const compensating = await create();
  await completeOne(engine, 'cr-pay');
  await completeOne(engine, 'cr-gate');
  const waiting = await create();
  await completeOne(engine, 'cr-pay');
  return { waiting, compensating };
}

describe('replay: compensation subscriptions rebuilt from the log equal the state before the restart', () => {
  it('rebuilds the same subscriptions, created and triggered, from the log', async () => {
    // given
    const engine = await TestEngine.start();
    try {
      const { waiting, compensating } = await parkInstances(engine);
      const before = engine.engine.snapshot() as { compensationSubscriptions: Record<string, { value: { throwEventId: string } }[]> };
      expect(before.compensationSubscriptions[waiting]).to.have.length(3);
      expect(before.compensationSubscriptions[compensating].every((s) => s.value.throwEventId === 'undo')).to.equal(true);
      // when
      await engine.restart();
      // then
      expect(engine.engine.snapshot()).to.deep.equal(before);
    } finally {
      await engine.close();
    }
  });

  it('restores the same state from a snapshot and its tail as from a full replay, and compensation finishes afterwards', async () => {
    // given: a snapshot with subscriptions in state, then one handler completes after it
    const engine = await TestEngine.start();
    try {
      const { waiting, compensating } = await parkInstances(engine);
      await engine.engine.takeSnapshot();
      await completeOne(engine, 'cr-refund');
      const live = engine.engine.snapshot();
      // when
      await engine.restart();
      const fromSnapshot = engine.engine.snapshot();
      await engine.restart({ replayAll: true });
      // then
      expect(fromSnapshot).to.deep.equal(live);
      expect(engine.engine.snapshot()).to.deep.equal(live);
      // and both instances finish: the compensating one when its last handler completes, the waiting one after its gate
      await completeOne(engine, 'cr-undo-inner');
      expect(engine.isCompleted(compensating)).to.equal(true);
      await completeOne(engine, 'cr-gate');
      await completeOne(engine, 'cr-refund');
      await completeOne(engine, 'cr-undo-inner');
      expect(engine.isCompleted(waiting)).to.equal(true);
      expect(engine.engine.state.compensationSubscriptions.size).to.equal(0);
    } finally {
      await engine.close();
    }
  });
});

describe('compensation under kill -9', function () {
  this.timeout(120_000);
  let dataDir: string;
  let engineProcess: EngineProcess | undefined;
  let client: SdkZeebeClient | undefined;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'onego-compensation-crash-'));
  });
  afterEach(async () => {
    await client?.close().catch(() => undefined);
    if (engineProcess && engineProcess.child.exitCode === null && engineProcess.child.signalCode === null) engineProcess.child.kill('SIGKILL');
    await engineProcess?.exited;
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps acknowledged compensation subscriptions: after a restart the throw event still waits for its handler, then completes', async () => {
    // given: `onego engine`, an instance whose handler job waits
    engineProcess = spawnEngine(['--grpc-port', '0', '--rest-port', '0', '--data', dataDir]);
    client = sdkFor((await engineProcess.ready).grpc);
    await client.deployResource({ process: Buffer.from(MODEL), name: 'comp-replay.bpmn' });
    const { processInstanceKey } = await client.createProcessInstance({ bpmnProcessId: 'comp-replay', variables: {} });
    for (const type of ['cr-pay', 'cr-gate', 'cr-refund']) {
      const [job] = await client.activateJobs({ type, worker: 'w', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: 5_000 });
      await client.completeJob({ jobKey: job.key, variables: {} });
    }
    // when
    engineProcess.child.kill('SIGKILL');
    expect(await engineProcess.exited).to.equal('SIGKILL');
    await client.close();
    engineProcess = spawnEngine(['--grpc-port', '0', '--rest-port', '0', '--data', dataDir]);
    client = sdkFor((await engineProcess.ready).grpc);
    // then the last handler's job is still there; completing it completes the throw event and the instance
    const [job] = await client.activateJobs({ type: 'cr-undo-inner', worker: 'w', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: 5_000 });
    expect(job?.processInstanceKey).to.equal(processInstanceKey);
    await client.completeJob({ jobKey: job.key, variables: {} });
    engineProcess.child.kill('SIGTERM');
    await engineProcess.exited;
    const { createEngine } = await import('../../../engine');
    const engine = await createEngine({ dataDir });
    try {
      const ended = engine.readRecords(1).some((r) => r.key === processInstanceKey && r.intent === 'ELEMENT_COMPLETED');
      expect(ended).to.equal(true);
      expect(engine.state.compensationSubscriptions.size).to.equal(0);
    } finally {
      await engine.close();
    }
  });
});
