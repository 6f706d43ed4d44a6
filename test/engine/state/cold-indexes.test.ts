import { expect } from 'chai';
import { TestEngine, bpmn } from '../../support';
import { captureOf } from '../../support/captured-state';
import { EngineState, restoreCapturedState } from '../../../engine/state';
import type { CaptureMap } from '../../../engine/state/capture-map';
import { REBUILT_WHEN_ABSENT, type CapturedState } from '../../../engine/state/state-capture';

const { process, start, end, serviceTask, chain, catchEvent, message, messageRef } = bpmn;

/** The maps a restart used to decode whole (due dates of jobs and messages, the message indexes). */
const ONCE_DECODED_AT_RESTART = ['jobs', 'messages', 'messageSubscriptions', 'messagesByCorrelation', 'messageSubscriptionsByCorrelation', 'messageSubscriptionsByElement'] as const;

/** Cases waiting for a message and for a job worker (half of the jobs activated), and messages nobody waits for. */
async function waitingForMessagesAndJobs(engine: TestEngine, count: number): Promise<void> {
  await engine.deployment().withXml(process('m', message('mm', 'supplement', '=id'), start('s'), catchEvent('w', messageRef('mm')), end('e'), chain('s', 'w', 'e'))).deploy();
  await engine.deployment().withXml(process('j', start('s'), serviceTask('t', 'slow'), end('e'), chain('s', 't', 'e'))).deploy();
  for (let i = 0; i < count; i++) {
    await engine.processInstance().ofBpmnProcessId('m').withVariables({ id: `case-${i}` }).create();
    await engine.processInstance().ofBpmnProcessId('j').withVariables({ id: `job-${i}` }).create();
    await engine.message().withName('early').withCorrelationKey(`early-${i}`).withTimeToLive(3_600_000).publish();
  }
  await engine.job().ofType('slow').withTimeout(60_000).activate(Math.floor(count / 2));
  await engine.engine.whenIdle();
}

describe('cold restore of jobs, messages and message subscriptions: a restart decodes none of them', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.start();
  });
  afterEach(async () => {
    await engine.close();
  });

  it('schedules due jobs and messages from the snapshot and reads the correlation indexes from it, leaving every entry encoded', async () => {
    // given
    await waitingForMessagesAndJobs(engine, 300);
    const taken = (await engine.engine.takeSnapshot())!;
    // when
    await engine.restart();
    // then: nothing of these maps was decoded by the restore
    expect(engine.engine.snapshotStatus()?.position).to.equal(taken.position);
    for (const field of ONCE_DECODED_AT_RESTART) {
      const map = engine.engine.state[field] as CaptureMap<unknown, unknown>;
      expect(map.size, field).to.be.above(0);
      expect(map.coldSize, field).to.equal(map.size);
    }
    // and the first snapshot after the start carries them over instead of serializing them again
    await engine.processInstance().ofBpmnProcessId('m').withVariables({ id: 'after-restart' }).create();
    const next = (await engine.engine.takeSnapshot())!;
    expect(next.stateBytes).to.be.below(taken.stateBytes / 2);
    // and they work: a message finds its waiting case through the restored index, jobs time out, messages expire
    await engine.message().withName('supplement').withCorrelationKey('case-7').withTimeToLive(0).publish();
    await engine.engine.whenIdle();
    expect(engine.records().processInstance().withElementId('w').withIntent('ELEMENT_COMPLETED').count()).to.equal(1);
    await engine.clock.advance(3_600_000);
    expect(engine.records().job().withIntent('TIMED_OUT').count()).to.equal(150);
    expect(engine.records().message().events().withIntent('EXPIRED').withName('early').count()).to.equal(300);
    // and the state equals the one a full replay builds
    const fromSnapshot = engine.engine.snapshot();
    await engine.restart({ replayAll: true });
    expect(fromSnapshot).to.deep.equal(engine.engine.snapshot());
  });

  it('restores a snapshot written before the message indexes were carried, rebuilding them from the messages and subscriptions', async () => {
    // given: a captured state without the indexes, as older snapshots are
    await waitingForMessagesAndJobs(engine, 40);
    const live = engine.engine.state;
    const captured = captureOf(live);
    for (const field of REBUILT_WHEN_ABSENT) delete (captured.maps as Partial<CapturedState['maps']>)[field];
    // when
    const restored = new EngineState();
    restoreCapturedState(restored, captured);
    // then: the indexes are the live ones
    for (const field of ['messagesByCorrelation', 'messageSubscriptionsByCorrelation', 'messageSubscriptionsByElement'] as const) {
      const expected = new Map([...(live[field] as Map<string, Set<string>>)].map(([key, keys]) => [key, [...keys]]));
      const actual = new Map([...(restored[field] as Map<string, Set<string>>)].map(([key, keys]) => [key, [...keys]]));
      expect(expected.size, field).to.be.above(0);
      expect(actual, field).to.deep.equal(expected);
    }
    expect(restored.snapshot()).to.deep.equal(live.snapshot());
  });
});
