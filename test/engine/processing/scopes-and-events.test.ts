import { expect } from 'chai';
import { TestEngine, bpmn } from '../../support';

const {
  process, start, end, serviceTask, chain, subProcess, eventSubProcess, boundary, errorRef, error, message, messageRef,
  signal, signalRef, catchEvent, throwEvent, escalation, escalationRef, terminate, link, timerDuration, scriptTask, task, manualTask,
} = bpmn;

describe('subprocesses, event subprocesses and throw events', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.start();
  });
  afterEach(async () => {
    await engine.close();
  });

  it('runs an embedded subprocess with local input variables that do not leak to the process', async () => {
    const xml = process(
      'p', start('s'), subProcess('sub', [start('ss'), serviceTask('inner', 'work'), end('se'), chain('ss', 'inner', 'se')], { inputs: { local: '=1' } }),
      end('e'), chain('s', 'sub', 'e'),
    );
    await engine.deployment().withXml(xml).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').create();
    const job = await engine.job().ofType('work').complete({ result: 'x' });
    expect(job.variables).to.deep.equal({ local: 1 });
    expect(engine.isCompleted(key)).to.equal(true);
    expect(engine.records().variable().withName('result').first().value.scopeKey).to.equal(key);
  });

  it('catches an error thrown inside a subprocess with an error boundary event on the subprocess', async () => {
    const xml = process(
      'p', error('err', 'REJECTED'), start('s'),
      subProcess('sub', [start('ss'), end('fail', errorRef('err')), chain('ss', 'fail')]),
      boundary('caught', 'sub', errorRef('err')), end('e'), end('handled'), chain('s', 'sub', 'e'), chain('caught', 'handled'),
    );
    await engine.deployment().withXml(xml).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').create();
    expect(engine.records().processInstance().withIntent('ELEMENT_COMPLETED').withElementId('handled').exists()).to.equal(true);
    expect(engine.isCompleted(key)).to.equal(true);
  });

  it('interrupts the process with a message event subprocess', async () => {
    const xml = process(
      'p', message('m', 'withdraw', '=caseId'), start('s'), serviceTask('t', 'work'), end('e'), chain('s', 't', 'e'),
      eventSubProcess('withdrawn', [start('ws', messageRef('m')), end('we'), chain('ws', 'we')]),
    );
    await engine.deployment().withXml(xml).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').withVariables({ caseId: 'c1' }).create();
    await engine.message().withName('withdraw').withCorrelationKey('c1').publish();
    expect(engine.records().processInstance().withIntent('ELEMENT_TERMINATED').withElementId('t').exists()).to.equal(true);
    expect(engine.records().processInstance().withIntent('ELEMENT_COMPLETED').withElementId('withdrawn').exists()).to.equal(true);
    expect(engine.isCompleted(key)).to.equal(true);
  });

  it('runs a non-interrupting timer event subprocess beside the main flow', async () => {
    const xml = process(
      'p', start('s'), serviceTask('t', 'work'), end('e'), chain('s', 't', 'e'),
      eventSubProcess('remind', [start('rs', timerDuration('PT1H'), { interrupting: false }), serviceTask('notify', 'notify'), end('re'), chain('rs', 'notify', 're')]),
    );
    await engine.deployment().withXml(xml).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').create();
    await engine.clock.advance(3_600_000);
    await engine.job().ofType('notify').complete();
    expect(engine.isCompleted(key)).to.equal(false);
    await engine.job().ofType('work').complete();
    expect(engine.isCompleted(key)).to.equal(true);
  });

  it('catches an error in an error event subprocess of the process', async () => {
    const xml = process(
      'p', start('s'), serviceTask('t', 'work'), end('e'), chain('s', 't', 'e'),
      eventSubProcess('onError', [start('es', errorRef()), end('ee'), chain('es', 'ee')]),
    );
    await engine.deployment().withXml(xml).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').create();
    await engine.job().ofType('work').throwError('ANY');
    expect(engine.records().processInstance().withIntent('ELEMENT_COMPLETED').withElementId('onError').exists()).to.equal(true);
    expect(engine.isCompleted(key)).to.equal(true);
  });

  it('broadcasts a signal from a throw event to a waiting instance and a signal start event', async () => {
    await engine.deployment().withXml(process('waiter', signal('sig', 'go'), start('s'), catchEvent('wait', signalRef('sig')), end('e'), chain('s', 'wait', 'e'))).deploy();
    await engine.deployment().withXml(process('starter', signal('sig', 'go'), start('s', signalRef('sig')), end('e'), chain('s', 'e'))).deploy();
    await engine.deployment().withXml(process('thrower', signal('sig', 'go'), start('s'), throwEvent('t', signalRef('sig')), end('e'), chain('s', 't', 'e'))).deploy();
    const waiter = await engine.processInstance().ofBpmnProcessId('waiter').create();
    await engine.processInstance().ofBpmnProcessId('thrower').create();
    expect(engine.isCompleted(waiter)).to.equal(true);
    expect(engine.records().processInstance().withBpmnProcessId('starter').withElementType('PROCESS').withIntent('ELEMENT_COMPLETED').count()).to.equal(1);
  });

  it('triggers a signal boundary event through BroadcastSignal with variables', async () => {
    const xml = process('p', signal('sig', 'stop'), start('s'), serviceTask('t', 'work'), end('e'), boundary('b', 't', signalRef('sig')), end('stopped'), chain('s', 't', 'e'), chain('b', 'stopped'));
    await engine.deployment().withXml(xml).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').create();
    await engine.signal('stop').withVariables({ why: 'policy' }).broadcast();
    expect(engine.isCompleted(key)).to.equal(true);
    expect(engine.variables(key)).to.equal(undefined);
    expect(engine.records().variable().withName('why').first().value.value).to.equal('"policy"');
  });

  it('catches an escalation with a non-interrupting boundary event while the subprocess goes on', async () => {
    const xml = process(
      'p', escalation('esc', 'LATE'), start('s'),
      subProcess('sub', [start('ss'), throwEvent('raise', escalationRef('esc')), serviceTask('inner', 'work'), end('se'), chain('ss', 'raise', 'inner', 'se')]),
      boundary('b', 'sub', escalationRef('esc'), { interrupting: false }), end('noted'), end('e'), chain('s', 'sub', 'e'), chain('b', 'noted'),
    );
    await engine.deployment().withXml(xml).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').create();
    expect(engine.records().processInstance().withIntent('ELEMENT_COMPLETED').withElementId('noted').exists()).to.equal(true);
    expect(engine.records().ofValueType('ESCALATION').withIntent('ESCALATED').first().value).to.include({ escalationCode: 'LATE', catchElementId: 'b' });
    await engine.job().ofType('work').complete();
    expect(engine.isCompleted(key)).to.equal(true);
  });

  it('ends every other branch with a terminate end event', async () => {
    const xml = process('p', start('s'), bpmn.parallelGateway('f'), serviceTask('t', 'work'), end('stop', terminate()), chain('s', 'f'), chain('f', 't'), chain('f', 'stop'));
    await engine.deployment().withXml(xml).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').create();
    expect(engine.records().processInstance().withIntent('ELEMENT_TERMINATED').withElementId('t').exists()).to.equal(true);
    expect(engine.isCompleted(key)).to.equal(true);
  });

  it('jumps from a link throw event to its link catch event', async () => {
    const xml = process('p', start('s'), throwEvent('go', link('A')), catchEvent('land', link('A')), end('e'), chain('s', 'go'), chain('land', 'e'));
    await engine.deployment().withXml(xml).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').create();
    expect(engine.records().processInstance().withIntent('ELEMENT_COMPLETED').withElementId('land').exists()).to.equal(true);
    expect(engine.isCompleted(key)).to.equal(true);
  });

  it('evaluates a FEEL script task into its result variable, and passes through undefined and manual tasks', async () => {
    const xml = process('p', start('s'), task('plain'), manualTask('manual'), scriptTask('calc', '=a + b', 'sum'), end('e'), chain('s', 'plain', 'manual', 'calc', 'e'));
    await engine.deployment().withXml(xml).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').withVariables({ a: 2, b: 3 }).create();
    expect(engine.isCompleted(key)).to.equal(true);
    expect(engine.records().variable().withName('sum').first().value.value).to.equal('5');
  });
});

describe('terminate end events', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.start();
  });
  afterEach(async () => {
    await engine.close();
  });

  it('stops a token still on its way when the terminate end event is reached first', async () => {
    // The terminate branch is the first outgoing flow, so its end event runs before the task's activation.
    const xml = process('p', start('s'), bpmn.parallelGateway('f'), end('stop', terminate()), serviceTask('t', 'work'), chain('s', 'f'), chain('f', 'stop'), chain('f', 't'));
    await engine.deployment().withXml(xml).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').create();
    expect(engine.isCompleted(key)).to.equal(true);
    expect(engine.records().job().withIntent('CREATED').exists()).to.equal(false);
  });

  it('ends only its own subprocess, and the process goes on after it', async () => {
    const xml = process(
      'p', start('s'),
      subProcess('sub', [start('ss'), bpmn.parallelGateway('f'), serviceTask('inner', 'inner'), end('stop', terminate()), chain('ss', 'f'), chain('f', 'inner'), chain('f', 'stop')]),
      serviceTask('after', 'after'), end('e'), chain('s', 'sub', 'after', 'e'),
    );
    await engine.deployment().withXml(xml).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').create();
    expect(engine.records().processInstance().withElementId('sub').withIntent('ELEMENT_COMPLETED').exists()).to.equal(true);
    await engine.job().ofType('after').complete();
    expect(engine.isCompleted(key)).to.equal(true);
  });
});
