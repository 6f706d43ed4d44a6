import { expect } from 'chai';
import { TestEngine } from '../../support';
import { CaptureMap } from '../../../engine/state/capture-map';
import { dueEntriesOf } from '../../../engine/state';
import { startWaitingCases } from './waiting-cases';

/** `count` instances waiting at a user task with a one-hour timer on it, then a snapshot: the state a restart restores. */
async function waitingCases(engine: TestEngine, count: number): Promise<number> {
  await startWaitingCases(engine, count);
  return (await engine.engine.takeSnapshot())!.position;
}

describe('cold restore: a restart leaves snapshot values encoded until they are used', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.start();
  });
  afterEach(async () => {
    await engine.close();
  });

  it('restores keys only, and decodes an entry on its first use, leaving the rest of its chunk cold', async () => {
    // given
    await waitingCases(engine, 3000);
    const live = engine.engine.snapshot();
    // when
    await engine.restart();
    // then: every element instance is there, none decoded yet
    const instances = engine.engine.state.elementInstances as CaptureMap<string, unknown>;
    expect(instances.size).to.equal(6000);
    expect(instances.coldSize).to.equal(6000);
    // the scheduler got every due date from the snapshot's summaries, without decoding a timer
    expect((engine.engine.state.timers as CaptureMap<string, unknown>).coldSize).to.equal(3000);
    // one read takes one entry out of its chunk, not the chunk, nor the map
    const [first, second] = instances.keys();
    expect(instances.get(first)).to.have.property('key', first);
    expect(instances.coldSize).to.equal(6000 - 1);
    expect(instances.get(second)).to.have.property('key', second);
    expect(instances.coldSize).to.equal(6000 - 2);
    // and the state as a whole is the one before the restart
    expect(engine.engine.snapshot()).to.deep.equal(live);
    expect(instances.coldSize).to.equal(0);
  });

  it('carries untouched chunks into the next snapshot as they are, and that snapshot restores the same state', async () => {
    // given: a restored engine, some of whose cases then move on
    await waitingCases(engine, 3000);
    await engine.restart();
    const tasks = engine.engine.listUserTasks().slice(0, 50);
    for (const task of tasks) await engine.userTask().complete(task.userTaskKey, { done: true });
    const instances = engine.engine.state.elementInstances as CaptureMap<string, unknown>;
    // when: a snapshot of that state, then more work, then a restart from it
    const coldBefore = instances.coldSize;
    const taken = (await engine.engine.takeSnapshot())!;
    // the capture left what was cold cold (it copied those chunks' bytes instead of decoding them), and what
    // the completions decoded and left alone went back into the new chunks
    expect(coldBefore).to.be.above(0);
    expect(instances.coldSize).to.equal(instances.size);
    await engine.processInstance().ofBpmnProcessId('u').withVariables({ late: true }).create();
    const live = engine.engine.snapshot();
    await engine.restart();
    // then: restored from the new snapshot plus its tail, equal to the live state and to a full replay
    expect(engine.engine.snapshotStatus()?.position).to.equal(taken.position);
    const restored = engine.engine.state.elementInstances as CaptureMap<string, unknown>;
    expect(restored.coldSize).to.be.above(0);
    const fromSnapshot = engine.engine.snapshot();
    await engine.restart({ replayAll: true });
    expect(fromSnapshot).to.deep.equal(engine.engine.snapshot());
    expect(fromSnapshot).to.deep.equal(live);
    expect(instances).to.not.equal(restored);
  });

  it('schedules cold timers from the snapshot with the due dates the timers hold, and fires them', async () => {
    // given
    await waitingCases(engine, 300);
    await engine.restart();
    const timers = engine.engine.state.timers as CaptureMap<string, unknown>;
    expect(timers.coldSize).to.equal(300);
    // when: the due dates read from summaries, and then from the decoded timers
    const fromSummaries = dueEntriesOf(engine.engine.state);
    void [...timers.values()];
    const fromTimers = dueEntriesOf(engine.engine.state);
    // then
    expect(timers.coldSize).to.equal(0);
    expect(fromSummaries).to.have.length(300);
    expect(fromSummaries).to.deep.equal(fromTimers);
    await engine.clock.advance(3_600_000);
    expect(engine.records().processInstance().withIntent('ELEMENT_COMPLETED').withElementId('gone').count()).to.equal(300);
  });

  it('gives each restored chunk bytes of its own when a snapshot carries it, so the chunk is copied and not the whole file', async () => {
    // given: a restart, whose chunks are views into the snapshot file's buffer
    await waitingCases(engine, 600);
    await engine.restart();
    const instances = engine.engine.state.elementInstances as CaptureMap<string, unknown>;
    const chunks = new Set([...instances.keys()].map((key) => instances.coldChunkOf(key)!.chunk));
    expect(chunks.size).to.be.above(1);
    // when
    await engine.processInstance().ofBpmnProcessId('u').withVariables({ late: true }).create();
    await engine.engine.takeSnapshot();
    // then: the chunks it carried hold their own buffers (a thread message copies a view's whole buffer)
    for (const chunk of chunks) {
      for (const bytes of [chunk.entries, chunk.keys]) expect(bytes.buffer.byteLength).to.equal(bytes.byteLength);
    }
  });

  it('refuses a number as a state value, since numbers mark cold entries', () => {
    const map = new CaptureMap<string, unknown>();
    expect(() => map.set('k', 7)).to.throw(TypeError, /no number/);
    expect(map.has('k')).to.equal(false);
  });
});
