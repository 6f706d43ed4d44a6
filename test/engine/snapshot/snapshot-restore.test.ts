import { expect } from 'chai';
import { readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestEngine, bpmn } from '../../support';
import { createEngine } from '../../../engine';
import { withEngineLog } from '../../support/engine-log-capture';

const { process, start, end, serviceTask, userTask, chain, catchEvent, timerDuration, message, messageRef, parallelGateway } = bpmn;

/** Runs `body` while catching the warnings of the engine's service log. */
async function withWarnings<T>(body: () => Promise<T>): Promise<{ result: T; warnings: string[] }> {
  const { result, events } = await withEngineLog(body);
  return { result, warnings: events.filter((event) => event.level === 'warn').map((event) => event.msg) };
}

function snapshotFiles(dataDir: string): string[] {
  return readdirSync(join(dataDir, 'snapshots')).sort();
}

/** Three snapshots, each followed by more instances, so each snapshot has a tail. */
async function threeSnapshots(engine: TestEngine): Promise<number[]> {
  await engine.deployment().withXml(process('p', start('s'), serviceTask('t', 'work'), end('e'), chain('s', 't', 'e'))).deploy();
  const positions: number[] = [];
  for (let i = 0; i < 3; i++) {
    await engine.processInstance().ofBpmnProcessId('p').withVariables({ i }).create();
    positions.push((await engine.engine.takeSnapshot())!.position);
  }
  await engine.processInstance().ofBpmnProcessId('p').withVariables({ i: 'tail' }).create();
  return positions;
}

describe('snapshots: restoring live state from the newest valid snapshot', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.start();
  });
  afterEach(async () => {
    await engine.close();
  });

  it('fires timers, times out jobs, retries after back-off and expires messages that came from a snapshot', async () => {
    // given: every kind of due date in state, then a snapshot and nothing after it
    await engine.deployment().withXml(process('t', start('s'), catchEvent('w', timerDuration('PT1H')), end('e'), chain('s', 'w', 'e'))).deploy();
    await engine.deployment().withXml(process('j', start('s'), serviceTask('a', 'deadline'), serviceTask('b', 'backoff'), end('e'), chain('s', 'a', 'b', 'e'))).deploy();
    await engine.deployment().withXml(process('m', message('mm', 'late', '=id'), start('s'), catchEvent('w', messageRef('mm')), end('e'), chain('s', 'w', 'e'))).deploy();
    const timer = await engine.processInstance().ofBpmnProcessId('t').create();
    await engine.processInstance().ofBpmnProcessId('j').create();
    await engine.job().ofType('deadline').withTimeout(60_000).activate(1);
    await engine.processInstance().ofBpmnProcessId('j').create();
    const [other] = await engine.job().ofType('deadline').activate(1);
    await engine.engine.completeJob(other.key);
    await engine.job().ofType('backoff').fail(2, 'later', 30_000);
    await engine.message().withName('late').withCorrelationKey('nobody').withTimeToLive(90_000).publish();
    const taken = await engine.engine.takeSnapshot();
    // when
    await engine.restart();
    expect(engine.engine.snapshotStatus()?.position).to.equal(taken!.position);
    await engine.clock.advance(3_600_000);
    // then
    expect(engine.isCompleted(timer)).to.equal(true);
    expect(engine.records().job().withIntent('TIMED_OUT').count()).to.equal(1);
    expect(engine.records().job().withIntent('RECURRED_AFTER_BACKOFF').count()).to.equal(1);
    expect(engine.records().ofValueType('MESSAGE').events().withIntent('EXPIRED').count()).to.equal(1);
  });

  it('captures the state of one position while commands keep being processed between its slices', async () => {
    // given: enough live state for a capture of several slices
    // (a fork: completing one of two tasks changes counters on the instance that stays, which a replay must not count twice)
    await engine.deployment().withXml(process('u', start('s'), parallelGateway('f'), userTask('look'), userTask('sign'), parallelGateway('j'), end('e'), chain('s', 'f'), chain('f', 'look', 'j'), chain('f', 'sign', 'j'), chain('j', 'e'))).deploy();
    for (let i = 0; i < 1000; i += 100) {
      await Promise.all(Array.from({ length: 100 }, (_, j) => engine.processInstance().ofBpmnProcessId('u').withVariables({ n: i + j }).create()));
    }
    const tasks = engine.engine.listUserTasks().filter((task) => task.elementId === 'look');
    // when: the capture starts, and tasks are completed, instances canceled and created while it runs
    const taking = engine.engine.takeSnapshot();
    const work = Promise.all([
      // the newest instances: their entries are copied last, so the guards must copy them before they change
      ...tasks.slice(-300).map((task) => engine.userTask().complete(task.userTaskKey, { done: true })),
      ...tasks.slice(-500, -300).map((task) => engine.processInstance().cancel(task.processInstanceKey)),
      ...Array.from({ length: 200 }, (_, n) => engine.processInstance().ofBpmnProcessId('u').withVariables({ late: n }).create()),
    ]);
    const taken = (await taking)!;
    await work;
    // then: it took several slices, commands ran in between, and snapshot + tail equals a full replay and the live state
    expect(taken.slices).to.be.above(2);
    const live = engine.engine.snapshot();
    expect(engine.records().asList().at(-1)!.position).to.be.above(taken.position);
    await engine.restart();
    expect(engine.engine.snapshotStatus()?.position).to.equal(taken.position);
    const fromSnapshot = engine.engine.snapshot();
    await engine.restart({ replayAll: true });
    expect(fromSnapshot).to.deep.equal(engine.engine.snapshot());
    expect(fromSnapshot).to.deep.equal(live);
  });

  it('keeps the newest three snapshots and reports the newest', async () => {
    await engine.deployment().withXml(process('u', start('s'), userTask('look'), end('e'), chain('s', 'look', 'e'))).deploy();
    let last;
    for (let i = 0; i < 5; i++) {
      await engine.processInstance().ofBpmnProcessId('u').create();
      last = await engine.engine.takeSnapshot();
    }
    expect(snapshotFiles(engine.dataDir)).to.have.length(3);
    expect(engine.engine.snapshotStatus()).to.deep.equal({ position: last!.position, takenAt: last!.takenAt, bytes: last!.bytes });
    expect(last!.takenAt).to.match(/^\d{4}-\d\d-\d\dT/);
    // nothing new happened: no new snapshot
    expect(await engine.engine.takeSnapshot()).to.equal(undefined);
  });

  it('uses the previous snapshot, with one clear line, when the newest is truncated', async () => {
    // given
    const positions = await threeSnapshots(engine);
    const live = engine.engine.snapshot();
    const newest = join(engine.dataDir, 'snapshots', snapshotFiles(engine.dataDir).at(-1)!);
    await engine.engine.close();
    truncateSync(newest, Math.floor(readFileSync(newest).length / 2));
    // when
    const { warnings } = await withWarnings(() => engine.restart());
    // then
    expect(engine.engine.snapshotStatus()?.position).to.equal(positions[1]);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.match(/快照 state-0+\d+\.snapshot 不可用（校验和不符.*），改用上一个快照 \/ snapshot state-\d+\.snapshot is unusable \(checksum mismatch.*\); using the previous one$/);
    expect(engine.engine.snapshot()).to.deep.equal(live);
  });

  it('uses the previous snapshot when bytes in the newest were flipped', async () => {
    const positions = await threeSnapshots(engine);
    const live = engine.engine.snapshot();
    const newest = join(engine.dataDir, 'snapshots', snapshotFiles(engine.dataDir).at(-1)!);
    await engine.engine.close();
    const bytes = readFileSync(newest);
    for (const at of [bytes.length >> 1, (bytes.length >> 1) + 7]) bytes[at] ^= 0xff;
    writeFileSync(newest, bytes);
    const { warnings } = await withWarnings(() => engine.restart());
    expect(engine.engine.snapshotStatus()?.position).to.equal(positions[1]);
    expect(warnings.join('\n')).to.include('checksum mismatch');
    expect(engine.engine.snapshot()).to.deep.equal(live);
  });

  it('replays the whole log when no snapshot is valid, saying so', async () => {
    await threeSnapshots(engine);
    const live = engine.engine.snapshot();
    await engine.engine.close();
    for (const name of snapshotFiles(engine.dataDir)) writeFileSync(join(engine.dataDir, 'snapshots', name), 'not a snapshot at all, long enough to have a digest.....');
    const { warnings } = await withWarnings(() => engine.restart());
    expect(engine.engine.snapshotStatus()).to.equal(undefined);
    expect(warnings).to.have.length(3);
    expect(warnings.at(-1)).to.match(/从头重放日志 \/ .*replaying the log from position 1$/);
    expect(engine.engine.snapshot()).to.deep.equal(live);
  });

  it('ignores snapshots with replayAll and removes a temporary file a crashed writer left', async () => {
    await threeSnapshots(engine);
    const live = engine.engine.snapshot();
    await engine.engine.close();
    writeFileSync(join(engine.dataDir, 'snapshots', 'state-0000000000009999.snapshot.tmp'), 'half a snapshot');
    const { warnings } = await withWarnings(() => engine.restart({ replayAll: true }));
    expect(warnings).to.deep.equal([]);
    expect(engine.engine.snapshotStatus()).to.equal(undefined);
    expect(snapshotFiles(engine.dataDir).filter((name) => name.endsWith('.tmp'))).to.deep.equal([]);
    expect(engine.engine.snapshot()).to.deep.equal(live);
  });

  it('takes snapshots by itself every N records, only once their batch is committed', async () => {
    // given: an engine that snapshots every 50 records
    const dir = engine.dataDir;
    await engine.engine.close();
    engine.engine = await createEngine({ dataDir: dir, clock: 'controlled', snapshot: { everyRecords: 50, everySeconds: 0 } });
    await engine.deployment().withXml(process('p', start('s'), serviceTask('t', 'work'), end('e'), chain('s', 't', 'e'))).deploy();
    // when
    for (let i = 0; i < 30; i++) await engine.processInstance().ofBpmnProcessId('p').create();
    await engine.engine.whenIdle();
    await engine.engine.close();
    // then: snapshots were written, each at a position the log holds
    const files = snapshotFiles(dir);
    expect(files.length).to.be.within(1, 3);
    const reopened = await createEngine({ dataDir: dir, clock: 'controlled' });
    try {
      const status = reopened.snapshotStatus()!;
      expect(status.position).to.be.at.most(reopened.readRecords(1).at(-1)!.position);
      expect(status.position).to.be.at.least(50);
      expect(reopened.state.activatableJobs.get('work')?.size).to.equal(30);
    } finally {
      await reopened.close();
    }
    engine.engine = await createEngine({ dataDir: dir, clock: 'controlled' });
  });
});
