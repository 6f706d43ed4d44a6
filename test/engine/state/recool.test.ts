import { expect } from 'chai';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { TestEngine, bpmn } from '../../support';
import type { CaptureMap } from '../../../engine/state/capture-map';
import { EngineState, StateCapture, restoreCapturedState, type CapturedState, type UserTaskEntry } from '../../../engine/state';
import type { CaptureChunk, CapturedChunk, WrittenChunk } from '../../../engine/state/state-capture';
import { serialize } from 'node:v8';
import { startWaitingCases } from './waiting-cases';
import { captureOf } from '../../support/captured-state';

const { process, start, end, userTask, chain, boundary, timerDuration } = bpmn;

const waitingCases = startWaitingCases;

function map(engine: TestEngine, field: 'elementInstances' | 'variables' | 'timers' | 'userTasks'): CaptureMap<string, unknown> {
  return engine.engine.state[field] as CaptureMap<string, unknown>;
}

describe('re-cooling: after a snapshot, entries nobody touched go back into its compressed chunks', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.start();
  });
  afterEach(async () => {
    await engine.close();
  });

  it('leaves every untouched entry cold after a snapshot, with the state unchanged and equal to a full replay', async () => {
    // given: a state built by processing, every entry decoded
    await waitingCases(engine, 600);
    const before = engine.engine.snapshot();
    expect(map(engine, 'elementInstances').coldSize).to.equal(0);
    // when
    const taken = (await engine.engine.takeSnapshot())!;
    // then: the waiting cases' entries are back in chunks
    for (const field of ['elementInstances', 'variables', 'timers', 'userTasks'] as const) {
      expect(map(engine, field).coldSize, field).to.equal(map(engine, field).size);
    }
    expect(taken.recooled).to.be.above(600 * 4);
    // and reading them gives the same state, as does a full replay of the log
    expect(engine.engine.snapshot()).to.deep.equal(before);
    await engine.restart({ replayAll: true });
    expect(engine.engine.snapshot()).to.deep.equal(before);
  });

  it('keeps cases that move on working after re-cooling, and their timers still fire', async () => {
    // given: re-cooled waiting cases
    await waitingCases(engine, 300);
    await engine.engine.takeSnapshot();
    // when: some tasks are completed (their chunks decode on first use), and the others' timers come due
    const tasks = engine.engine.listUserTasks().slice(0, 20);
    for (const task of tasks) await engine.userTask().complete(task.userTaskKey, { done: true });
    await engine.clock.advance(3_600_000);
    // then
    expect(engine.records().processInstance().withIntent('ELEMENT_COMPLETED').withElementId('e').count()).to.equal(20);
    expect(engine.records().processInstance().withIntent('ELEMENT_COMPLETED').withElementId('gone').count()).to.equal(280);
    const live = engine.engine.snapshot();
    await engine.restart({ replayAll: true });
    expect(engine.engine.snapshot()).to.deep.equal(live);
  });

  it('keeps changes made while the snapshot is taken, and the state equals a full replay', async () => {
    // given
    await waitingCases(engine, 400);
    const tasks = engine.engine.listUserTasks().slice(0, 10);
    // when: tasks are assigned while the capture and the write are under way
    const taking = engine.engine.takeSnapshot();
    await Promise.all(tasks.map((task) => engine.userTask().assign(task.userTaskKey, 'anna')));
    await taking;
    // then: the assigned tasks are decoded, with their assignee, and the state equals a full replay
    for (const task of tasks) {
      expect(map(engine, 'userTasks').isCold(task.userTaskKey)).to.equal(false);
      expect(engine.engine.getUserTask(task.userTaskKey)?.assignee).to.equal('anna');
    }
    const live = engine.engine.snapshot();
    await engine.restart({ replayAll: true });
    expect(engine.engine.snapshot()).to.deep.equal(live);
  });

  it('counts running process instances without decoding the element instances, also after a restart', async () => {
    // given: re-cooled waiting cases, a few of which then end
    await waitingCases(engine, 500);
    await engine.engine.takeSnapshot();
    const tasks = engine.engine.listUserTasks().slice(0, 7);
    const instances = map(engine, 'elementInstances');
    for (const task of tasks) await engine.userTask().complete(task.userTaskKey, {});
    const cold = instances.coldSize;
    // when / then: the count comes without walking the instances
    expect(engine.engine.openProcessInstanceCount()).to.equal(493);
    expect(instances.coldSize).to.equal(cold);
    // and after a restart from a snapshot (counted once), and after a full replay
    await engine.engine.takeSnapshot();
    await engine.processInstance().ofBpmnProcessId('u').withVariables({ n: -1 }).create();
    await engine.restart();
    expect(engine.engine.openProcessInstanceCount()).to.equal(494);
    await engine.restart({ replayAll: true });
    expect(engine.engine.openProcessInstanceCount()).to.equal(494);
  });

  it('never re-cools an entry read or changed after the capture began, nor a map iterated meanwhile', async () => {
    // given: a state of 1,000 user tasks and 10 incidents, and a capture of it taken to its end
    const state = new EngineState();
    const task = (i: number): UserTaskEntry => ({ key: `${2251799813685248 + i}`, state: 'CREATED', value: { userTaskKey: `${2251799813685248 + i}`, elementInstanceKey: '1', assignee: '' } });
    for (let i = 0; i < 1000; i++) state.userTasks.set(task(i).key, task(i));
    for (let i = 0; i < 10; i++) state.incidents.set(`${i}`, { key: `${i}`, value: { errorType: 'JOB_NO_RETRIES' } } as never);
    const capture = new StateCapture(state);
    const chunks: CaptureChunk[] = [];
    for (let done = false; !done; ) {
      done = capture.step();
      chunks.push(...capture.drain());
    }
    capture.finish();
    chunks.push(...capture.drain());
    // when: one task is read and changed, one removed, the incidents iterated, and then the chunks come back written
    const [first, second] = [task(3).key, task(600).key];
    (state.userTasks.get(first) as UserTaskEntry).value.assignee = 'anna';
    state.userTasks.delete(second);
    void [...state.incidents.values()];
    const written: WrittenChunk[] = chunks.flatMap((chunk) =>
      chunk.kind === 'entries' ? [{ id: chunk.id, entries: gzipSync(chunk.bytes), keys: gzipSync(chunk.keys), size: chunk.size, summary: chunk.summary }] : [],
    );
    const recooled = await capture.recool(written, nextTurn);
    // then: every other task is cold, in chunks of at most 250, and reads back as it was
    const tasks = state.userTasks as CaptureMap<string, UserTaskEntry>;
    expect(recooled.entries).to.equal(998);
    expect(tasks.coldSize).to.equal(998);
    expect(tasks.isCold(first)).to.equal(false);
    expect(tasks.has(second)).to.equal(false);
    expect((state.incidents as CaptureMap<string, unknown>).coldSize).to.equal(0);
    expect(tasks.get(first)?.value.assignee).to.equal('anna');
    expect(tasks.get(task(999).key)).to.deep.equal(task(999));
    expect(tasks.coldSize).to.be.within(998 - 250, 998 - 1);
    expect([...tasks.values()]).to.have.length(999);
    expect(tasks.coldSize).to.equal(0);
    // and the maps no longer note touches
    tasks.get(task(5).key);
    expect((await capture.recool(written, nextTurn)).entries).to.equal(0);
  });

  it('carries chunks some of whose entries moved on with a list of those to skip, and restores without them', async () => {
    // given: a snapshot, re-cooled, then every 50th case moving on (an entry in nearly every chunk)
    await waitingCases(engine, 1000);
    const first = (await engine.engine.takeSnapshot())!;
    const tasks = engine.engine.listUserTasks().filter((_, i) => i % 50 === 0);
    for (const task of tasks) await engine.userTask().complete(task.userTaskKey, { done: true });
    // when: the next snapshot, then more cases moving on, a snapshot of the restored engine and its tail
    const second = (await engine.engine.takeSnapshot())!;
    // then: the chunks went over as they were, not decoded and copied again
    expect(second.stateBytes).to.be.below(first.stateBytes / 2);
    const live = engine.engine.snapshot();
    await engine.restart();
    expect(engine.engine.snapshot()).to.deep.equal(live);
    const more = engine.engine.listUserTasks().filter((_, i) => i % 40 === 1);
    for (const task of more) await engine.userTask().complete(task.userTaskKey, {});
    await engine.engine.takeSnapshot();
    await engine.processInstance().ofBpmnProcessId('u').withVariables({ n: -1 }).create();
    const later = engine.engine.snapshot();
    await engine.restart();
    expect(engine.engine.snapshot()).to.deep.equal(later);
    await engine.restart({ replayAll: true });
    expect(engine.engine.snapshot()).to.deep.equal(later);
  });

  it('carries re-cooled chunks into the next snapshot as they are, and that snapshot restores the same state', async () => {
    // given: a snapshot, re-cooled, then a few cases moving on
    await waitingCases(engine, 1000);
    const first = (await engine.engine.takeSnapshot())!;
    const tasks = engine.engine.listUserTasks().slice(0, 5);
    for (const task of tasks) await engine.userTask().complete(task.userTaskKey, { done: true });
    // when: the next snapshot
    const second = (await engine.engine.takeSnapshot())!;
    // then: it serialized far less than the first (intact chunks went over as their compressed bytes)
    expect(second.stateBytes).to.be.below(first.stateBytes / 2);
    const live = engine.engine.snapshot();
    await engine.restart();
    expect(engine.engine.snapshotStatus()?.position).to.equal(second.position);
    expect(map(engine, 'elementInstances').coldSize).to.be.above(0);
    expect(engine.engine.snapshot()).to.deep.equal(live);
    await engine.restart({ replayAll: true });
    expect(engine.engine.snapshot()).to.deep.equal(live);
  });

  describe('a skip list in a snapshot file (format 3)', () => {
    /** A captured state of `count` user tasks, as the writer thread would frame it (see {@link captureOf}). */
    function capturedTasks(count: number): CapturedState {
      const state = new EngineState();
      for (let i = 0; i < count; i++) {
        const key = `${2251799813685248 + i}`;
        state.userTasks.set(key, { key, state: 'CREATED', value: { userTaskKey: key, elementInstanceKey: '1', assignee: '' } });
      }
      return captureOf(state);
    }

    it('leaves the entries it names out of the restored map', () => {
      // given: the first and third entries of the first chunk skipped
      const captured = capturedTasks(300);
      (captured.maps.userTasks.chunks as CapturedChunk[])[0].skip = serialize([0, 2]);
      // when
      const state = new EngineState();
      restoreCapturedState(state, captured);
      // then
      const tasks = state.userTasks as CaptureMap<string, UserTaskEntry>;
      expect(tasks.size).to.equal(298);
      expect(tasks.has(`${2251799813685248}`)).to.equal(false);
      expect(tasks.has(`${2251799813685248 + 2}`)).to.equal(false);
      expect(tasks.get(`${2251799813685248 + 1}`)?.key).to.equal(`${2251799813685248 + 1}`);
      expect([...tasks.keys()].slice(0, 2)).to.deep.equal([`${2251799813685248 + 1}`, `${2251799813685248 + 3}`]);
      expect([...tasks.values()]).to.have.length(298);
    });

    it('refuses a skip list that is not ascending or names a position outside the chunk, leaving the state empty', () => {
      for (const skip of [[3, 1], [0, 0], [250], [-1], ['0']]) {
        const captured = capturedTasks(300);
        (captured.maps.userTasks.chunks as CapturedChunk[])[0].skip = serialize(skip);
        const state = new EngineState();
        expect(() => restoreCapturedState(state, captured), JSON.stringify(skip)).to.throw(/skip list of chunk 0 of 'userTasks'/);
        expect(state.userTasks.size).to.equal(0);
      }
    });
  });
});
