import { expect } from 'chai';
import { TestEngine, bpmn } from '../../support';
import type { EngineState } from '../../../engine/state';

const {
  process, start, end, serviceTask, userTask, chain, boundary, catchEvent, timerDuration, message, messageRef, receiveTask,
  signal, signalRef, callActivity, subProcess, eventSubProcess, parallelGateway, eventBasedGateway, error, errorRef, terminate,
} = bpmn;

/** Fields of the state that describe deployments, not instances: they may stay. */
const DEFINITIONS = new Set([
  'processes', 'processVersions', 'forms', 'formVersions', 'decisionRequirements', 'decisionRequirementsVersions', 'decisions',
  'decisionVersions', 'deployedProcesses', 'deployedDecisions', 'deployedForms', 'messageStartSubscriptions', 'messageStartNamesByDefinition',
  'executables', 'decisionGraphs',
]);

/** Every map or set of the state that still holds something and is not about deployments. */
function leftovers(state: EngineState): Record<string, unknown[]> {
  const found: Record<string, unknown[]> = {};
  for (const [name, field] of Object.entries(state)) {
    if (DEFINITIONS.has(name) || !(field instanceof Map || field instanceof Set)) continue;
    let entries = [...field.entries()];
    // Signal start events subscribe for their process definition, not for an instance.
    if (name === 'signalSubscriptions') entries = entries.filter(([, s]) => (s as { value: { catchEventInstanceKey: string } }).value.catchEventInstanceKey !== '-1');
    if (entries.length > 0) found[name] = entries;
  }
  return found;
}

/** Deploys a model and runs or cancels instances of it; every instance it starts has ended when it resolves. */
type Case = (engine: TestEngine) => Promise<void>;

const cases: Record<string, Case> = {
  'jobs completed, failed and retried, timed out, and an error caught by a boundary': async (engine) => {
    await engine.deployment().withXml(process('jobs', error('err', 'E'), start('s'), serviceTask('t', 'work'), serviceTask('u', 'throw'), end('e'), boundary('b', 'u', errorRef('err')), end('be'), chain('s', 't', 'u', 'e'), chain('b', 'be'))).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('jobs').withVariables({ a: 1 }).create();
    await engine.job().ofType('work').fail(2, 'again');
    await engine.job().ofType('work').withTimeout(1_000).activate(1);
    await engine.clock.advance(1_001);
    await engine.job().ofType('work').complete({ b: 2 });
    await engine.job().ofType('throw').throwError('E');
    expect(engine.isCompleted(key)).to.equal(true);
  },
  'a job failed into an incident that is resolved': async (engine) => {
    await engine.deployment().withXml(process('inc', start('s'), serviceTask('t', 'flaky'), end('e'), chain('s', 't', 'e'))).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('inc').create();
    const job = await engine.job().ofType('flaky').fail(0, 'broken');
    const [incident] = engine.incident().open(key);
    await engine.engine.updateJobRetries(job.key, 1);
    await engine.incident().resolve(incident.key);
    await engine.job().ofType('flaky').complete();
    expect(engine.isCompleted(key)).to.equal(true);
  },
  'an expression incident resolved after the variable was set, and one canceled with its instance': async (engine) => {
    await engine.deployment().withXml(process('expr', start('s'), serviceTask('t', '=jobType'), end('e'), chain('s', 't', 'e'))).deploy();
    const fixed = await engine.processInstance().ofBpmnProcessId('expr').create();
    const [incident] = engine.incident().open(fixed);
    await engine.engine.setVariables({ elementInstanceKey: fixed, variables: { jobType: 'later' }, local: false });
    await engine.incident().resolve(incident.key);
    await engine.job().ofType('later').complete();
    const canceled = await engine.processInstance().ofBpmnProcessId('expr').create();
    await engine.processInstance().cancel(canceled);
    expect([engine.isCompleted(fixed), engine.isTerminated(canceled)]).to.deep.equal([true, true]);
  },
  'user tasks assigned and completed, and one canceled': async (engine) => {
    await engine.deployment().withXml(process('ut', start('s'), userTask('review', { candidateGroups: 'g' }), end('e'), boundary('late', 'review', timerDuration('PT1H'), { interrupting: false }), end('le'), chain('s', 'review', 'e'), chain('late', 'le'))).deploy();
    const done = await engine.processInstance().ofBpmnProcessId('ut').create();
    await engine.clock.advance(3_600_000);
    const task = engine.userTask().only('review');
    await engine.userTask().assign(task.userTaskKey, 'li');
    await engine.userTask().complete(task.userTaskKey, { ok: true });
    const canceled = await engine.processInstance().ofBpmnProcessId('ut').create();
    await engine.processInstance().cancel(canceled);
    expect([engine.isCompleted(done), engine.isTerminated(canceled)]).to.deep.equal([true, true]);
  },
  'timers: an intermediate timer fired, a boundary timer canceled with its task': async (engine) => {
    await engine.deployment().withXml(process('tm', start('s'), catchEvent('wait', timerDuration('PT1M')), serviceTask('t', 'tm'), end('e'), boundary('red', 't', timerDuration('PT48H')), end('re'), chain('s', 'wait', 't', 'e'), chain('red', 're'))).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('tm').create();
    await engine.clock.advance(60_000);
    await engine.job().ofType('tm').complete();
    const expired = await engine.processInstance().ofBpmnProcessId('tm').create();
    await engine.clock.advance(60_000);
    await engine.clock.advance(48 * 3_600_000);
    expect([engine.isCompleted(key), engine.isCompleted(expired)]).to.deep.equal([true, true]);
  },
  'messages: catch event, receive task, boundary, buffered and correlated, message start with a correlation key': async (engine) => {
    await engine.deployment().withXml(process('msg', message('m', 'paid', '=id'), message('c', 'cancel', '=id'), start('s'), catchEvent('w', messageRef('m')), receiveTask('r', 'm'), serviceTask('t', 'msg'), end('e'), boundary('bc', 't', messageRef('c')), end('ce'), chain('s', 'w', 'r', 't', 'e'), chain('bc', 'ce'))).deploy();
    await engine.deployment().withXml(process('ms', message('start', 'apply'), start('s', messageRef('start')), serviceTask('t', 'ms'), end('e'), chain('s', 't', 'e'))).deploy();
    await engine.message().withName('paid').withCorrelationKey('k1').withTimeToLive(60_000).publish();
    const key = await engine.processInstance().ofBpmnProcessId('msg').withVariables({ id: 'k1' }).create();
    await engine.message().withName('paid').withCorrelationKey('k1').correlate();
    await engine.message().withName('cancel').withCorrelationKey('k1').publish();
    await engine.message().withName('apply').withCorrelationKey('c-1').withTimeToLive(60_000).publish();
    await engine.message().withName('apply').withCorrelationKey('c-2').correlate();
    await engine.job().ofType('ms').complete();
    await engine.job().ofType('ms').complete();
    await engine.clock.advance(60_001);
    expect(engine.isCompleted(key)).to.equal(true);
  },
  'an instance canceled while waiting for a message, a signal and a timer behind an event-based gateway': async (engine) => {
    await engine.deployment().withXml(process('ebg', message('m', 'go', '=id'), signal('sig', 'halt'), start('s'), eventBasedGateway('g'), catchEvent('cm', messageRef('m')), catchEvent('cs', signalRef('sig')), catchEvent('ct', timerDuration('PT1H')), end('e1'), end('e2'), end('e3'), chain('s', 'g'), chain('g', 'cm', 'e1'), chain('g', 'cs', 'e2'), chain('g', 'ct', 'e3'))).deploy();
    const canceled = await engine.processInstance().ofBpmnProcessId('ebg').withVariables({ id: 'x' }).create();
    await engine.processInstance().cancel(canceled);
    const signaled = await engine.processInstance().ofBpmnProcessId('ebg').withVariables({ id: 'y' }).create();
    await engine.signal('halt').broadcast();
    expect([engine.isTerminated(canceled), engine.isCompleted(signaled)]).to.deep.equal([true, true]);
  },
  'call activities: a child completing and a parent canceled with its child': async (engine) => {
    await engine.deployment().withXml(process('child', start('s'), serviceTask('t', 'child-work'), end('e'), chain('s', 't', 'e'))).deploy();
    await engine.deployment().withXml(process('parent', start('s'), callActivity('call', 'child'), end('e'), chain('s', 'call', 'e'))).deploy();
    const done = await engine.processInstance().ofBpmnProcessId('parent').withVariables({ v: 1 }).create();
    await engine.job().ofType('child-work').complete({ out: 2 });
    const canceled = await engine.processInstance().ofBpmnProcessId('parent').create();
    await engine.processInstance().cancel(canceled);
    expect([engine.isCompleted(done), engine.isTerminated(canceled)]).to.deep.equal([true, true]);
  },
  'multi-instance: parallel with output collection, sequential subprocess, and one canceled midway': async (engine) => {
    const xml = process('mi', start('s'), serviceTask('each', 'mi-item', { multiInstance: { inputCollection: '=items', inputElement: 'item', outputCollection: 'results', outputElement: '=r' } }), subProcess('seq', [start('ss'), userTask('look'), end('se'), chain('ss', 'look', 'se')], { multiInstance: { sequential: true, inputCollection: '=items', inputElement: 'x' } }), end('e'), chain('s', 'each', 'seq', 'e'));
    await engine.deployment().withXml(xml).deploy();
    const done = await engine.processInstance().ofBpmnProcessId('mi').withVariables({ items: [1, 2] }).create();
    await engine.job().ofType('mi-item').complete({ r: 'a' });
    await engine.job().ofType('mi-item').complete({ r: 'b' });
    for (let i = 0; i < 2; i++) await engine.userTask().complete(engine.userTask().only('look').userTaskKey);
    const canceled = await engine.processInstance().ofBpmnProcessId('mi').withVariables({ items: [1, 2, 3] }).create();
    await engine.job().ofType('mi-item').complete({ r: 'c' });
    await engine.processInstance().cancel(canceled);
    expect([engine.isCompleted(done), engine.isTerminated(canceled)]).to.deep.equal([true, true]);
  },
  'event subprocesses, a parallel fork and a terminate end event': async (engine) => {
    const xml = process('evs', message('m', 'amend', '=id'), start('s'), parallelGateway('f'), serviceTask('a', 'evs-a'), userTask('b'), end('ea'), end('eb', terminate()), eventSubProcess('amend', [start('as', messageRef('m'), { interrupting: false }), end('ae'), chain('as', 'ae')]), eventSubProcess('late', [start('ls', timerDuration('PT2H')), end('le'), chain('ls', 'le')]), chain('s', 'f'), chain('f', 'a', 'ea'), chain('f', 'b', 'eb'));
    await engine.deployment().withXml(xml).deploy();
    const terminated = await engine.processInstance().ofBpmnProcessId('evs').withVariables({ id: 'e1' }).create();
    await engine.message().withName('amend').withCorrelationKey('e1').publish();
    await engine.userTask().complete(engine.userTask().only('b').userTaskKey);
    const late = await engine.processInstance().ofBpmnProcessId('evs').withVariables({ id: 'e2' }).create();
    await engine.clock.advance(2 * 3_600_000);
    expect([engine.isCompleted(terminated), engine.isCompleted(late)]).to.deep.equal([true, true]);
  },
};

describe('live state: an instance that ended leaves nothing behind in runtime state', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.start();
  });
  afterEach(async () => {
    await engine.close();
  });

  for (const [name, run] of Object.entries(cases)) {
    it(`holds nothing of instances that ended: ${name}`, async () => {
      // given / when
      for (let round = 0; round < 2; round++) await run(engine);
      await engine.engine.whenIdle();
      // then
      expect(leftovers(engine.engine.state)).to.deep.equal({});
      // and the same after replaying the log
      await engine.restart();
      expect(leftovers(engine.engine.state)).to.deep.equal({});
    });
  }

  it('holds nothing after every case ran in one engine', async () => {
    for (const run of Object.values(cases)) await run(engine);
    await engine.engine.whenIdle();
    expect(leftovers(engine.engine.state)).to.deep.equal({});
  });
});
