import { expect } from 'chai';
import { TestEngine, bpmn } from '../../support';
import { executionListeners, withProcessExtension } from '../conformance/support/listener-models';

const { process, start, end, serviceTask, chain } = bpmn;

const MODEL = withProcessExtension(
  process('cancel-replay', start('s'), serviceTask('work', 'clr-work'), end('e'), chain('s', 'work', 'e')),
  executionListeners(['start', 'clr-start'], ['cancel', 'clr-cancel-1'], ['cancel', 'clr-cancel-2']),
);

async function completeOne(engine: TestEngine, type: string): Promise<void> {
  const job = await engine.job().ofType(type).activateOne();
  await engine.engine.completeJob(job.key, { by: type });
  await engine.engine.whenIdle();
}

describe('replay: a process waiting for its cancel listeners (8.10) is rebuilt from the log and a snapshot', () => {
  it('restores the terminating instance between its cancel listeners, and it is terminated after the last one', async () => {
    // given: an instance canceled while it waited in its task, its first cancel listener done
    const engine = await TestEngine.start();
    try {
      await engine.deployment().withXml(MODEL).deploy();
      const key = await engine.processInstance().ofBpmnProcessId('cancel-replay').create();
      await completeOne(engine, 'clr-start');
      await engine.engine.takeSnapshot();
      await engine.processInstance().cancel(key);
      await engine.engine.whenIdle();
      await completeOne(engine, 'clr-cancel-1');
      const live = engine.engine.snapshot();
      expect(engine.engine.state.elementInstances.get(key)?.state).to.equal('ELEMENT_TERMINATING');
      // when
      await engine.restart();
      const fromSnapshot = engine.engine.snapshot();
      await engine.restart({ replayAll: true });
      // then
      expect(fromSnapshot).to.deep.equal(live);
      expect(engine.engine.snapshot()).to.deep.equal(live);
      await completeOne(engine, 'clr-cancel-2');
      expect(engine.isTerminated(key)).to.equal(true);
    } finally {
      await engine.close();
    }
  });
});
