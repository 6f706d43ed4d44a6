import { expect } from 'chai';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../../engine';
import { serviceTaskProcess } from '../gateway/support/bpmn';
import { sdkFor, spawnEngine, type EngineProcess, type SdkZeebeClient } from '../../scripts/commands/engine-process';


describe('snapshots under kill -9', function () {
  this.timeout(180_000);
  let dataDir: string;
  let engineProcess: EngineProcess | undefined;
  let client: SdkZeebeClient | undefined;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'onego-snapshot-crash-'));
  });
  afterEach(async () => {
    await client?.close().catch(() => undefined);
    if (engineProcess && engineProcess.child.exitCode === null && engineProcess.child.signalCode === null) engineProcess.child.kill('SIGKILL');
    await engineProcess?.exited;
    await rm(dataDir, { recursive: true, force: true });
  });

  it('loses nothing acknowledged when `onego engine` is killed while it writes snapshots under load', async () => {
    // given: an engine snapshotting every 200 records, under creations and job completions through the SDK
    engineProcess = spawnEngine(['--grpc-port', '0', '--rest-port', '0', '--data', dataDir, '--snapshot-every-records', '200', '--snapshot-every-seconds', '1']);
    const { grpc } = await engineProcess.ready;
    const load = (client = sdkFor(grpc));
    await load.deployResource({ process: Buffer.from(serviceTaskProcess('snap', 'snap-work')), name: 'snap.bpmn' });
    const created = new Set<string>();
    const completed = new Set<string>();
    const completionSent = new Set<string>();
    let killed = false;
    const creating = async () => {
      while (!killed) {
        const answer = await load.createProcessInstance({ bpmnProcessId: 'snap', variables: { n: created.size, note: 'x'.repeat(200) } }).catch(() => undefined);
        if (!answer) return;
        created.add(answer.processInstanceKey);
      }
    };
    const completing = async () => {
      while (!killed) {
        const jobs = await load.activateJobs({ type: 'snap-work', worker: 'load', maxJobsToActivate: 10, timeout: 600_000, requestTimeout: -1 }).catch(() => undefined);
        if (!jobs) return;
        await Promise.all(
          jobs.map(async (job) => {
            completionSent.add(job.processInstanceKey);
            if (await load.completeJob({ jobKey: job.key, variables: { done: true } }).then(() => true, () => false)) completed.add(job.processInstanceKey);
          }),
        );
      }
    };
    const workers = [...Array.from({ length: 8 }, creating), ...Array.from({ length: 2 }, completing)];
    const snapshots = async () => (await readdir(join(dataDir, 'snapshots')).catch(() => [] as string[])).filter((name) => name.endsWith('.snapshot'));

    // when: killed once several snapshots were written, with snapshots and requests still in flight
    for (;;) {
      if (created.size >= 400 && completed.size >= 50 && (await snapshots()).length >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    engineProcess.child.kill('SIGKILL');
    killed = true;
    expect(await engineProcess.exited).to.equal('SIGKILL');
    await Promise.all(workers);

    // then: restarted from a snapshot plus tail, every acknowledged creation and completion is there
    const engine = await createEngine({ dataDir });
    let fromSnapshot: Record<string, unknown>;
    try {
      expect(engine.snapshotStatus()?.position, 'restored from a snapshot').to.be.above(0);
      const ended = new Set(
        engine.readRecords(1).filter((r) => r.intent === 'ELEMENT_COMPLETED' && (r.value as { bpmnElementType: string }).bpmnElementType === 'PROCESS').map((r) => r.key),
      );
      const lost: string[] = [];
      for (const key of created) {
        const live = engine.state.elementInstances.has(key);
        if (completed.has(key) && (live || !ended.has(key))) lost.push(`${key}: completion lost`);
        if (!completionSent.has(key) && !live) lost.push(`${key}: instance lost`);
      }
      expect(lost).to.deep.equal([]);
      fromSnapshot = engine.snapshot();
    } finally {
      await engine.close();
    }
    // and the same state as a full replay of the log
    const replayed = await createEngine({ dataDir, replayAll: true });
    try {
      expect(replayed.snapshot()).to.deep.equal(fromSnapshot);
    } finally {
      await replayed.close();
    }
  });
});
