import { expect } from 'chai';
import { TestEngine, bpmn } from '../../support';
import { executionListeners, taskListeners, withExtension } from '../conformance/support/listener-models';

const { process, start, end, serviceTask, userTask, chain } = bpmn;

/** A service task with start and end listeners, then a user task with creating, assigning and completing listeners. */
const MODEL = process(
  'listened',
  start('s'),
  withExtension(serviceTask('work', 'rp-work'), executionListeners(['start', 'rp-start-1'], ['start', 'rp-start-2'], ['end', 'rp-end'])),
  withExtension(userTask('decide', { assignee: 'zhang.san' }), taskListeners(['creating', 'rp-creating'], ['assigning', 'rp-assigning'], ['completing', 'rp-completing'])),
  end('e'),
  chain('s', 'work', 'decide', 'e'),
);

/** Complete the one job of `type` that is open, with a job result for task listeners. */
async function completeListener(engine: TestEngine, type: string, variables = {}, result?: Record<string, unknown>): Promise<void> {
  const job = await engine.job().ofType(type).activateOne();
  await engine.engine.completeJob(job.key, variables, undefined, result);
  await engine.engine.whenIdle();
}

/**
 * Instances parked at every kind of listener wait: between two start listeners (with listener variables),
 * at an end listener, at an incident of a listener job, in a user task's creating, assigning (with a
 * correction) and completing transition (after a denial).
 */
async function parkInstancesAtListeners(engine: TestEngine): Promise<void> {
  await engine.deployment().withXml(MODEL).deploy();
  const create = () => engine.processInstance().ofBpmnProcessId('listened').withVariables({ office: '历下区' }).create();
  const betweenStarts = await create();
  await completeListener(engine, 'rp-start-1', { checked: true });
  void betweenStarts;

  await create();
  await completeListener(engine, 'rp-start-1');
  await completeListener(engine, 'rp-start-2');
  await engine.job().ofType('rp-work').complete({ done: 1 });
  await engine.engine.whenIdle();
  // this one now waits at its end listener

  await create();
  await completeListener(engine, 'rp-start-1');
  await engine.job().ofType('rp-start-2').fail(0, 'down');
  await engine.engine.whenIdle();
  // this one has an EXECUTION_LISTENER_NO_RETRIES incident

  await create();
  for (const type of ['rp-start-1', 'rp-start-2', 'rp-work', 'rp-end']) await completeListener(engine, type);
  // the user task waits in CREATING for its creating listener; complete it, then correct the assignment
  await completeListener(engine, 'rp-creating', {}, { type: 'userTask', corrections: { priority: 70 } });
  await completeListener(engine, 'rp-assigning', {}, { type: 'userTask', corrections: { assignee: 'li.si', candidateGroups: ['window'] } });
  const [task] = engine.userTask().list({ elementId: 'decide' });
  const completion = engine.userTask().complete(task.userTaskKey, { opinion: 'no' }).catch(() => 'denied');
  await engine.engine.whenIdle();
  await completeListener(engine, 'rp-completing', {}, { type: 'userTask', denied: true, deniedReason: 'not yet' });
  expect(await completion).to.equal('denied');
  void engine.userTask().complete(task.userTaskKey, { opinion: 'yes' }).catch(() => undefined);
  await engine.engine.whenIdle();
  // the task waits in COMPLETING for its completing listener
}

describe('replay: listener waits rebuilt from the log equal the state before the restart', () => {
  it('rebuilds the same state when instances wait at execution listeners and user task listeners', async () => {
    // given
    const engine = await TestEngine.start();
    try {
      await parkInstancesAtListeners(engine);
      const before = engine.engine.snapshot();
      // when
      await engine.restart();
      // then
      expect(engine.engine.snapshot()).to.deep.equal(before);
    } finally {
      await engine.close();
    }
  });

  it('restores the same state from a snapshot and its tail as from a full replay, and the instances finish afterwards', async () => {
    // given: a snapshot while instances wait at listeners, then more listener work after it
    const engine = await TestEngine.start();
    try {
      await parkInstancesAtListeners(engine);
      await engine.engine.takeSnapshot();
      await completeListener(engine, 'rp-start-2');
      await completeListener(engine, 'rp-completing');
      const live = engine.engine.snapshot();
      // when
      await engine.restart();
      const fromSnapshot = engine.engine.snapshot();
      await engine.restart({ replayAll: true });
      // then
      expect(fromSnapshot).to.deep.equal(live);
      expect(engine.engine.snapshot()).to.deep.equal(live);
      // and the restored instances go on: the task waiting at its end listener completes and the user task opens
      const workCompleted = () => engine.records().processInstance().withElementId('work').withIntent('ELEMENT_COMPLETED').asList().length;
      const before = workCompleted();
      await completeListener(engine, 'rp-end');
      expect(workCompleted()).to.equal(before + 1);
      expect(engine.records().processInstance().withElementType('PROCESS').withIntent('ELEMENT_COMPLETED').asList()).to.have.length(1);
    } finally {
      await engine.close();
    }
  });
});
