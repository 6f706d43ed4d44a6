import { expect } from 'chai';
import type { DeploymentResult } from '../../../engine/api';
import { EngineState, restoreCapturedState } from '../../../engine/state';
import type { CapturedState } from '../../../engine/state/state-capture';
import { TestEngine, bpmn } from '../../support';
import { captureOf } from '../../support/captured-state';
import type { CaptureMap } from '../../../engine/state/capture-map';
import { conditional } from '../conformance/support/conditional-models';

const { process, start, end, userTask, serviceTask, chain, boundary, timerCycle, timerDuration, signal, signalRef, message, messageRef } = bpmn;

/** The indexes of engine/state/live-indexes.ts, as the state picture names them. */
const LIVE_INDEXES = [
  'liveInstancesByDefinition', 'startSubscriptionsByDefinition', 'signalSubscriptionsByName', 'incidentsByElement',
  'conditionalSubscriptionsByVariable', 'messageStartNamesByDefinition',
] as const;

/** A case waiting at a review with two non-interrupting conditional boundary events: `flag = true` and `level > 2`. */
const watched = process(
  'watched',
  start('s'),
  userTask('review'),
  end('e'),
  boundary('flagged', 'review', conditional('=flag = true'), { interrupting: false }),
  boundary('escalated', 'review', conditional('=level > 2'), { interrupting: false }),
  end('fe'),
  end('ee'),
  chain('s', 'review', 'e'),
  chain('flagged', 'fe'),
  chain('escalated', 'ee'),
);

/** A permit started by a `permit-renewed` or a `permit-applied` message, then checked at a user task; `version` changes its XML. */
const permit = (version: number) =>
  process(
    'permit',
    message('renewed', 'permit-renewed'),
    message('applied', 'permit-applied'),
    start('by-renewal', messageRef('renewed')),
    start('by-application', messageRef('applied')),
    userTask('check', { name: `check ${version}` }),
    end('e'),
    chain('by-renewal', 'check'),
    chain('by-application', 'check', 'e'),
  );

/** A nightly process started by a timer and by the `recount` signal; `version` changes its XML. */
const nightly = (version: number) =>
  process('nightly', signal('rc', 'recount'), start('tick', timerCycle('R/PT24H'), { name: `tick ${version}` }), start('asked', signalRef('rc')), end('done'), chain('tick', 'done'), chain('asked', 'done'));

/** A case waiting at a user task with a timer and a `withdrawn` signal on it; `version` changes its XML. */
const waiting = (version: number) =>
  process(
    'case',
    signal('wd', 'withdrawn'),
    start('s'),
    userTask('look', { name: `look ${version}` }),
    end('e'),
    boundary('late', 'look', timerDuration('PT1H'), { interrupting: false }),
    boundary('gone', 'look', signalRef('wd')),
    end('late-end'),
    end('gone-end'),
    chain('s', 'look', 'e'),
    chain('late', 'late-end'),
    chain('gone', 'gone-end'),
  );

const processKey = (result: DeploymentResult): string => {
  const [first] = result.deployments;
  if (!('process' in first)) throw new Error('Expected a process deployment');
  return first.process.processDefinitionKey;
};

describe('live indexes: commands find start events, live instances and signal subscriptions by key', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.start();
  });
  afterEach(async () => {
    await engine.close();
  });

  it('a new version cancels only the previous version’s start timer and signal subscription, never the waiting cases’', async () => {
    // given three waiting cases, each with a timer and a signal subscription, and a timer- and signal-started process
    await engine.deployment().withXml(waiting(1)).deploy();
    for (let i = 0; i < 3; i++) await engine.processInstance().ofBpmnProcessId('case').create();
    const v1 = processKey(await engine.deployment().withXml(nightly(1)).deploy());
    // when a new version is deployed
    const v2 = processKey(await engine.deployment().withXml(nightly(2)).deploy());
    // then the old start timer and start signal subscription go, the new ones come, and the cases keep theirs
    const canceled = engine.records().timer().withIntent('CANCELED').asList();
    expect(canceled.map((r) => r.value.processDefinitionKey)).to.deep.equal([v1]);
    const deleted = engine.records().ofValueType('SIGNAL_SUBSCRIPTION').withIntent('DELETED').asList();
    expect(deleted.map((r) => [r.value.processDefinitionKey, r.value.catchEventInstanceKey])).to.deep.equal([[v1, '-1']]);
    const picture = engine.engine.snapshot() as Record<string, Record<string, unknown>>;
    expect(Object.keys(picture.startSubscriptionsByDefinition)).to.deep.equal([v2]);
    expect(engine.engine.state.timers.size).to.equal(4);
    // and a `recount` signal starts the new version once
    await engine.signal('recount').broadcast();
    const started = engine.records().processInstance().withIntent('ELEMENT_ACTIVATED').withElementId('nightly').asList();
    expect(started.map((r) => r.value.processDefinitionKey)).to.deep.equal([v2]);
  });

  it('a signal reaches the subscriptions of its name in the order they were opened, and none of another name', async () => {
    // given three waiting cases
    await engine.deployment().withXml(waiting(1)).deploy();
    const cases: string[] = [];
    for (let i = 0; i < 3; i++) cases.push(await engine.processInstance().ofBpmnProcessId('case').create());
    // when a signal nobody waits for is broadcast, then `withdrawn`
    await engine.signal('nobody').broadcast();
    expect(engine.records().processInstance().withElementId('gone').count()).to.equal(0);
    await engine.signal('withdrawn').broadcast();
    await engine.engine.whenIdle();
    // then every case leaves through its signal boundary event, oldest case first
    const caught = engine.records().processInstance().withIntent('ELEMENT_ACTIVATING').withElementId('gone').asList();
    expect(caught.map((r) => r.value.processInstanceKey)).to.deep.equal(cases);
    expect(cases.every((key) => engine.isCompleted(key))).to.equal(true);
    expect((engine.engine.snapshot() as Record<string, Record<string, unknown>>).signalSubscriptionsByName).to.deep.equal({});
  });

  it('refuses to delete a definition while an instance of it is live, also one migrated into it, and deletes it once none is', async () => {
    // given a case of version 1
    const v1 = processKey(await engine.deployment().withXml(waiting(1)).deploy());
    const key = await engine.processInstance().ofBpmnProcessId('case').create();
    const busy = await engine.engine.deleteResource(v1).catch((e) => e);
    expect(busy.rejectionType).to.equal('INVALID_STATE');
    expect(busy.message).to.equal(`Expected to delete resource with key \`${v1}\` but there are still running instances`);
    // when it is migrated to version 2
    const v2 = processKey(await engine.deployment().withXml(waiting(2)).deploy());
    await engine.engine.migrateProcessInstance({
      processInstanceKey: key,
      targetProcessDefinitionKey: v2,
      mappingInstructions: [{ sourceElementId: 'look', targetElementId: 'look' }],
    });
    // then version 1 has no live instance left and can go; version 2 cannot until its case ends
    await engine.engine.deleteResource(v1);
    const stillBusy = await engine.engine.deleteResource(v2).catch((e) => e);
    expect(stillBusy.rejectionType).to.equal('INVALID_STATE');
    await engine.userTask().complete(engine.userTask().only('look').userTaskKey);
    await engine.engine.whenIdle();
    expect(engine.isCompleted(key)).to.equal(true);
    await engine.engine.deleteResource(v2);
    expect((engine.engine.snapshot() as Record<string, Record<string, unknown>>).liveInstancesByDefinition).to.deep.equal({});
  });

  it('canceling a case resolves the incidents of its own elements and job only', async () => {
    // given two cases whose job failed without retries left: one incident each
    await engine.deployment().withXml(process('fails', start('s'), serviceTask('t', 'flaky'), end('e'), chain('s', 't', 'e'))).deploy();
    const first = await engine.processInstance().ofBpmnProcessId('fails').create();
    const second = await engine.processInstance().ofBpmnProcessId('fails').create();
    await engine.job().ofType('flaky').fail(0);
    await engine.job().ofType('flaky').fail(0);
    expect(engine.incident().open()).to.have.length(2);
    // when the first case is canceled
    await engine.processInstance().cancel(first);
    await engine.engine.whenIdle();
    // then its incident is resolved with its job canceled; the other case's incident stays open
    expect(engine.incident().open().map((r) => r.value.processInstanceKey)).to.deep.equal([second]);
    expect(engine.records().incident().withIntent('RESOLVED').values().map((v) => v.processInstanceKey)).to.deep.equal([first]);
    expect(engine.records().job().withIntent('CANCELED').values().map((v) => v.processInstanceKey)).to.deep.equal([first]);
    const picture = engine.engine.snapshot() as Record<string, Record<string, unknown>>;
    expect(Object.values(picture.incidentsByElement)).to.have.length(1);
  });

  it('a variable change evaluates only the conditions of its own case that read it (Camunda 8.9: the changed scope and below)', async () => {
    // given three cases waiting with conditions on `flag` and `level`
    await engine.deployment().withXml(watched).deploy();
    const cases: string[] = [];
    for (let i = 0; i < 3; i++) cases.push(await engine.processInstance().ofBpmnProcessId('watched').create());
    const indexed = () => Object.keys((engine.engine.snapshot() as Record<string, Record<string, unknown>>).conditionalSubscriptionsByVariable);
    expect(indexed()).to.have.members(cases.flatMap((key) => [`${key}\u0000flag`, `${key}\u0000level`]));
    // when the second case's flag is raised, and the third case gets a variable no condition reads
    await engine.engine.setVariables({ elementInstanceKey: cases[1], variables: { flag: true }, local: false });
    await engine.engine.setVariables({ elementInstanceKey: cases[2], variables: { note: 'called back' }, local: false });
    await engine.engine.whenIdle();
    // then only the second case's `flagged` event triggers
    const triggered = engine.records().ofValueType('CONDITIONAL_SUBSCRIPTION').withIntent('TRIGGERED').asList();
    expect(triggered.map((r) => [r.value.processInstanceKey, r.value.catchEventId])).to.deep.equal([[cases[1], 'flagged']]);
    // and a case that ends leaves the index
    await engine.engine.cancelProcessInstance(cases[0]);
    await engine.engine.whenIdle();
    expect(indexed()).to.have.members(cases.slice(1).flatMap((key) => [`${key}\u0000flag`, `${key}\u0000level`]));
  });

  it('a new version deletes only the previous version’s message start subscriptions, by message name, and an ended case lets the next buffered message start one', async () => {
    // given another process started by `permit-applied`, and two versions of the permit
    await engine.deployment().withXml(process('notify', message('m', 'permit-applied'), start('s', messageRef('m')), end('e'), chain('s', 'e'))).deploy();
    const other = processKey(await engine.deployment().withXml(process('notify', message('m', 'permit-applied'), start('s', messageRef('m')), end('e2'), chain('s', 'e2'))).deploy());
    const v1 = processKey(await engine.deployment().withXml(permit(1)).deploy());
    // when a third version is deployed
    const v2 = processKey(await engine.deployment().withXml(permit(2)).deploy());
    // then version 1's two subscriptions are deleted, sorted by message name, and nothing else
    const deleted = engine.records().ofValueType('MESSAGE_START_EVENT_SUBSCRIPTION').withIntent('DELETED').asList();
    expect(deleted.map((r) => [r.value.processDefinitionKey, r.value.messageName])).to.deep.equal([
      [deleted[0].value.processDefinitionKey, 'permit-applied'],
      [v1, 'permit-applied'],
      [v1, 'permit-renewed'],
    ]);
    expect(deleted[0].value.bpmnProcessId).to.equal('notify');
    const picture = engine.engine.snapshot() as Record<string, Record<string, unknown>>;
    expect(picture.messageStartNamesByDefinition).to.deep.equal({ [other]: ['<default>|permit-applied'], [v2]: ['<default>|permit-applied', '<default>|permit-renewed'] });
    // and when two applications with one correlation key come in, the second waits for the first case to end
    await engine.message().withName('permit-applied').withCorrelationKey('A-1').withTimeToLive(60_000).publish();
    await engine.message().withName('permit-applied').withCorrelationKey('A-1').withTimeToLive(60_000).publish();
    await engine.engine.whenIdle();
    const permits = () => engine.records().processInstance().withIntent('ELEMENT_ACTIVATED').withElementId('permit').asList();
    expect(permits()).to.have.length(1);
    await engine.userTask().complete(engine.userTask().only('check').userTaskKey);
    await engine.engine.whenIdle();
    expect(permits().map((r) => r.value.processDefinitionKey)).to.deep.equal([v2, v2]);
  });

  it('a restart leaves incidents encoded, and a job held by an incident after its back-off still waits for it', async () => {
    // given three cases held by an expression incident
    await engine.deployment().withXml(process('no-type', start('s'), serviceTask('t', '=missingType'), end('e'), chain('s', 't', 'e'))).deploy();
    for (let i = 0; i < 3; i++) await engine.processInstance().ofBpmnProcessId('no-type').create();
    // and a job that failed with a back-off, came back, and then was too large to deliver (MESSAGE_SIZE_EXCEEDED)
    await engine.deployment().withXml(process('scan', start('s'), serviceTask('t', 'scan'), end('e'), chain('s', 't', 'e'))).deploy();
    const scan = await engine.processInstance().ofBpmnProcessId('scan').create();
    const job = await engine.job().ofType('scan').fail(2, 'scanner down', 1_000);
    await engine.clock.advance(1_000);
    await engine.engine.whenIdle();
    await engine.engine.setVariables({ elementInstanceKey: scan, variables: { attachment: 'x'.repeat(5 * 1024 * 1024) }, local: false });
    expect(await engine.engine.activateJobs({ type: 'scan', worker: 'w', timeoutMs: 60_000, maxJobsToActivate: 1 })).to.have.length(0);
    expect(engine.incident().open().map((r) => r.value.errorType)).to.deep.equal(['EXTRACT_VALUE_ERROR', 'EXTRACT_VALUE_ERROR', 'EXTRACT_VALUE_ERROR', 'MESSAGE_SIZE_EXCEEDED']);
    await engine.engine.takeSnapshot();
    // when the engine restarts from the snapshot and the back-off's end is long past
    await engine.restart();
    const incidents = engine.engine.state.incidents as CaptureMap<string, unknown>;
    // then the scheduler read only the held job's incident, not the cases'
    expect(incidents.coldSize).to.equal(3);
    await engine.clock.advance(60_000);
    await engine.engine.whenIdle();
    // and the job did not come back while its incident is open
    expect(engine.records().job().withIntent('RECURRED_AFTER_BACKOFF').asList().map((r) => r.key)).to.deep.equal([job.key]);
    expect(engine.engine.state.jobs.get(job.key)?.state).to.equal('FAILED');
    expect(engine.incident().open()).to.have.length(4);
  });

  it('an expiring message drops the markers of the processes it reached, also after a restart, and no other message’s', async () => {
    // given two buffered messages that each started a case
    await engine.deployment().withXml(process('notify', message('m', 'permit-applied'), start('s', messageRef('m')), end('e'), chain('s', 'e'))).deploy();
    const first = await engine.engine.publishMessage({ name: 'permit-applied', correlationKey: 'A', timeToLiveMs: 10_000 });
    const second = await engine.engine.publishMessage({ name: 'permit-applied', correlationKey: 'B', timeToLiveMs: 60_000 });
    await engine.engine.whenIdle();
    const markers = () => (engine.engine.snapshot() as { messageCorrelations: string[] }).messageCorrelations;
    expect(markers()).to.have.members([`${first.key}|notify`, `${second.key}|notify`]);
    await engine.engine.takeSnapshot();
    await engine.restart();
    // when the first expires, then the second
    await engine.clock.advance(10_000);
    await engine.engine.whenIdle();
    expect(markers()).to.deep.equal([`${second.key}|notify`]);
    await engine.clock.advance(50_000);
    await engine.engine.whenIdle();
    // then each took its own marker with it
    expect(markers()).to.deep.equal([]);
    expect(engine.engine.state.messageCorrelationsByMessage.size).to.equal(0);
  });

  it('a restart from a snapshot plus the tail, a full replay, and a snapshot written before the indexes were carried give the same indexes', async () => {
    // given waiting cases, start events of two versions, and a snapshot in the middle
    await engine.deployment().withXml(waiting(1)).deploy();
    await engine.deployment().withXml(nightly(1)).deploy();
    await engine.deployment().withXml(watched).deploy();
    await engine.processInstance().ofBpmnProcessId('watched').create();
    await engine.deployment().withXml(permit(0)).deploy();
    for (let i = 0; i < 3; i++) await engine.processInstance().ofBpmnProcessId('case').create();
    await engine.engine.takeSnapshot();
    await engine.deployment().withXml(nightly(2)).deploy();
    await engine.processInstance().ofBpmnProcessId('case').create();
    await engine.signal('recount').broadcast();
    await engine.deployment().withXml(process('fails', start('s'), serviceTask('t', 'flaky'), end('e'), chain('s', 't', 'e'))).deploy();
    await engine.processInstance().ofBpmnProcessId('fails').create();
    await engine.job().ofType('flaky').fail(0);
    await engine.deployment().withXml(watched).deploy();
    for (let i = 0; i < 2; i++) await engine.processInstance().ofBpmnProcessId('watched').create();
    await engine.deployment().withXml(permit(1)).deploy();
    await engine.deployment().withXml(permit(2)).deploy();
    await engine.engine.whenIdle();
    const live = engine.engine.snapshot() as Record<string, Record<string, unknown>>;
    for (const field of LIVE_INDEXES) expect(Object.keys(live[field]), field).to.not.be.empty;
    // when a snapshot of today's state loses the indexes, as one an older engine wrote
    const captured = captureOf(engine.engine.state);
    for (const field of LIVE_INDEXES) delete (captured.maps as Partial<CapturedState['maps']>)[field];
    const restored = new EngineState();
    restoreCapturedState(restored, captured);
    // then the indexes are rebuilt as the appliers built them
    expect(restored.snapshot()).to.deep.equal(live);
    // and restarts from the snapshot plus the tail and from the whole log agree with the live state
    await engine.restart();
    expect(engine.engine.snapshot()).to.deep.equal(live);
    await engine.restart({ replayAll: true });
    expect(engine.engine.snapshot()).to.deep.equal(live);
  });
});
