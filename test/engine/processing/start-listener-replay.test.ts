import { expect } from 'chai';
import { TestEngine, bpmn } from '../../support';
import { executionListeners, withProcessExtension } from '../conformance/support/listener-models';

const { process, start, end, serviceTask, signal, signalRef, chain } = bpmn;

/** A signal start beside a none start, and a start listener on the process. */
const MODEL = withProcessExtension(
  process('slr', signal('go', 'slr-go'), start('byHand'), start('bySignal', signalRef('go')), serviceTask('work', 'slr-work'), end('e'), chain('bySignal', 'work', 'e'), chain('byHand', 'e')),
  executionListeners(['start', 'slr-start']),
);

describe('replay: the start event that started an instance survives a restart while the process’s start listener runs', () => {
  it('rebuilds the trigger from the log and a snapshot, and the instance goes on from the signal start event', async () => {
    // given
    const engine = await TestEngine.start();
    try {
      await engine.deployment().withXml(MODEL).deploy();
      await engine.engine.takeSnapshot();
      await engine.signal('slr-go').broadcast();
      await engine.engine.whenIdle();
      const live = engine.engine.snapshot() as { startEventTriggers: Record<string, { elementId: string }> };
      expect(Object.values(live.startEventTriggers).map((t) => t.elementId)).to.deep.equal(['bySignal']);
      // when
      await engine.restart();
      const fromSnapshot = engine.engine.snapshot();
      await engine.restart({ replayAll: true });
      // then
      expect(fromSnapshot).to.deep.equal(live);
      expect(engine.engine.snapshot()).to.deep.equal(live);
      const listener = await engine.job().ofType('slr-start').activateOne();
      await engine.engine.completeJob(listener.key, {});
      await engine.engine.whenIdle();
      await engine.job().ofType('slr-work').complete({});
      await engine.engine.whenIdle();
      expect(engine.records().processInstance().withElementId('bySignal').withIntent('ELEMENT_COMPLETED').exists()).to.equal(true);
      expect(engine.records().processInstance().withElementId('byHand').exists()).to.equal(false);
      expect(engine.engine.state.startEventTriggers.size).to.equal(0);
    } finally {
      await engine.close();
    }
  });
});
