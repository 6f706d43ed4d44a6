import { expect } from 'chai';
import { TestEngine, bpmn } from '../../support';

const { process, start, end, serviceTask, chain, boundary, message, messageRef, subProcess, eventSubProcess, timerCycle, signal, signalRef } = bpmn;

describe('more event behaviour', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.start();
  });
  afterEach(async () => {
    await engine.close();
  });

  it('triggers a non-interrupting message boundary event once per message while the task goes on', async () => {
    const xml = process(
      'p', message('m', 'remind', '=id'), start('s'), serviceTask('t', 'work'), end('e'),
      boundary('b', 't', messageRef('m'), { interrupting: false }), end('noted'), chain('s', 't', 'e'), chain('b', 'noted'),
    );
    await engine.deployment().withXml(xml).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').withVariables({ id: 1 }).create();
    await engine.message().withName('remind').withCorrelationKey('1').publish();
    await engine.message().withName('remind').withCorrelationKey('1').publish();
    expect(engine.records().processInstance().withElementId('noted').withIntent('ELEMENT_COMPLETED').count()).to.equal(2);
    await engine.job().ofType('work').complete();
    expect(engine.isCompleted(key)).to.equal(true);
    expect(engine.records().messageSubscription().withIntent('DELETED').count()).to.equal(1);
  });

  it('interrupts only the embedded subprocess with its own event subprocess', async () => {
    const xml = process(
      'p', signal('sig', 'abort'), start('s'),
      subProcess('sub', [
        start('ss'), serviceTask('inner', 'inner'), end('se'), chain('ss', 'inner', 'se'),
        eventSubProcess('onAbort', [start('as', signalRef('sig')), end('ae'), chain('as', 'ae')]),
      ]),
      serviceTask('after', 'after'), end('e'), chain('s', 'sub', 'after', 'e'),
    );
    await engine.deployment().withXml(xml).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').create();
    await engine.signal('abort').broadcast();
    expect(engine.records().processInstance().withElementId('inner').withIntent('ELEMENT_TERMINATED').exists()).to.equal(true);
    expect(engine.records().processInstance().withElementId('sub').withIntent('ELEMENT_COMPLETED').exists()).to.equal(true);
    await engine.job().ofType('after').complete();
    expect(engine.isCompleted(key)).to.equal(true);
  });

  it('keeps variables given with a job failure as local variables of the task', async () => {
    await engine.deployment().withXml(process('p', start('s'), serviceTask('t', 'work'), end('e'), chain('s', 't', 'e'))).deploy();
    await engine.processInstance().ofBpmnProcessId('p').create();
    const job = await engine.job().ofType('work').activateOne();
    await engine.engine.failJob({ jobKey: job.key, retries: 1, errorMessage: 'x', variables: { attempt: 1 } });
    expect(engine.records().variable().withName('attempt').first().value.scopeKey).to.equal(job.elementInstanceKey);
    const [again] = await engine.job().ofType('work').activate();
    expect(again.variables).to.deep.equal({ attempt: 1 });
  });

  it('moves a timer start event to the new version when a process is redeployed', async () => {
    await engine.deployment().withXml(process('tick', start('s', timerCycle('R/PT1M')), end('e'), chain('s', 'e')), 'tick.bpmn').deploy();
    await engine.deployment().withXml(process('tick', start('s', timerCycle('R/PT2M')), end('e2'), chain('s', 'e2')), 'tick.bpmn').deploy();
    expect(engine.records().timer().withIntent('CANCELED').count()).to.equal(1);
    await engine.clock.advance(120_000);
    const versions = engine.records().processInstance().withElementType('PROCESS').withIntent('ELEMENT_ACTIVATED').values().map((v) => v.version);
    expect(versions).to.deep.equal([2]);
  });
});
