import { expect } from 'chai';
import { TestEngine, bpmn } from '../../support';

const { process, start, end, serviceTask, chain, boundary, catchEvent, message, messageRef, receiveTask, eventBasedGateway, timerDuration } = bpmn;

const waiting = process(
  'p', message('m', 'paid', '=orderId'), start('s'), catchEvent('wait', messageRef('m')), end('e'), chain('s', 'wait', 'e'),
);

describe('message events', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.start();
  });
  afterEach(async () => {
    await engine.close();
  });

  it('correlates a published message to the subscription with the same correlation key and merges its variables', async () => {
    await engine.deployment().withXml(waiting).deploy();
    const a = await engine.processInstance().ofBpmnProcessId('p').withVariables({ orderId: 'A' }).create();
    const b = await engine.processInstance().ofBpmnProcessId('p').withVariables({ orderId: 'B' }).create();
    await engine.message().withName('paid').withCorrelationKey('B').withVariables({ amount: 9 }).publish();
    expect(engine.isCompleted(b)).to.equal(true);
    expect(engine.isCompleted(a)).to.equal(false);
    expect(engine.records().variable().withName('amount').first().value.processInstanceKey).to.equal(b);
  });

  it('buffers a message for its time to live and correlates it to an instance that subscribes later', async () => {
    await engine.deployment().withXml(waiting).deploy();
    await engine.message().withName('paid').withCorrelationKey('A').withTimeToLive(60_000).publish();
    const key = await engine.processInstance().ofBpmnProcessId('p').withVariables({ orderId: 'A' }).create();
    expect(engine.isCompleted(key)).to.equal(true);
  });

  it('expires a buffered message after its time to live', async () => {
    await engine.deployment().withXml(waiting).deploy();
    await engine.message().withName('paid').withCorrelationKey('A').withTimeToLive(60_000).publish();
    await engine.clock.advance(60_001);
    expect(engine.records().message().withIntent('EXPIRED').exists()).to.equal(true);
    const key = await engine.processInstance().ofBpmnProcessId('p').withVariables({ orderId: 'A' }).create();
    expect(engine.isCompleted(key)).to.equal(false);
  });

  it('correlates a buffered message only once per process (message cardinality)', async () => {
    await engine.deployment().withXml(waiting).deploy();
    await engine.message().withName('paid').withCorrelationKey('A').withTimeToLive(60_000).publish();
    const first = await engine.processInstance().ofBpmnProcessId('p').withVariables({ orderId: 'A' }).create();
    const second = await engine.processInstance().ofBpmnProcessId('p').withVariables({ orderId: 'A' }).create();
    expect(engine.isCompleted(first)).to.equal(true);
    expect(engine.isCompleted(second)).to.equal(false);
  });

  it('rejects a second message with the same messageId while the first is buffered', async () => {
    await engine.message().withName('paid').withCorrelationKey('A').withId('m-1').withTimeToLive(60_000).publish();
    const error = await engine.message().withName('paid').withCorrelationKey('A').withId('m-1').withTimeToLive(60_000).publish().catch((e) => e);
    expect(error.rejectionType).to.equal('ALREADY_EXISTS');
    expect(error.message).to.equal("Expected to publish a new message with id 'm-1', but a message with that id was already published");
  });

  it('starts an instance from a message start event with the message variables', async () => {
    await engine.deployment().withXml(process('started', message('m', 'apply'), start('s', messageRef('m')), end('e'), chain('s', 'e'))).deploy();
    await engine.message().withName('apply').withVariables({ applicant: '张三' }).publish();
    const created = engine.records().processInstance().withElementType('PROCESS').withIntent('ELEMENT_COMPLETED').first();
    expect(created.value.bpmnProcessId).to.equal('started');
    expect(engine.records().variable().withName('applicant').first().value.value).to.equal('"张三"');
  });

  it('completes a receive task on its message, and an interrupting message boundary event cancels the task', async () => {
    const xml = process(
      'p', message('m', 'done', '=id'), message('c', 'cancel', '=id'), start('s'), receiveTask('r', 'm'), serviceTask('t', 'work'), end('e'),
      boundary('abort', 't', messageRef('c')), end('aborted'), chain('s', 'r', 't', 'e'), chain('abort', 'aborted'),
    );
    await engine.deployment().withXml(xml).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').withVariables({ id: 7 }).create();
    await engine.message().withName('done').withCorrelationKey('7').publish();
    expect(engine.records().job().withIntent('CREATED').exists()).to.equal(true);
    await engine.message().withName('cancel').withCorrelationKey('7').publish();
    expect(engine.records().job().withIntent('CANCELED').exists()).to.equal(true);
    expect(engine.records().processInstance().withIntent('ELEMENT_COMPLETED').withElementId('aborted').exists()).to.equal(true);
    expect(engine.isCompleted(key)).to.equal(true);
  });

  it('takes the event-based gateway branch whose event happens first and closes the other subscription', async () => {
    const xml = process(
      'p', message('m', 'answer', '=id'), start('s'), eventBasedGateway('g'), catchEvent('msg', messageRef('m')), catchEvent('timeout', timerDuration('PT1H')),
      end('answered'), end('timedOut'), chain('s', 'g'), chain('g', 'msg', 'answered'), chain('g', 'timeout', 'timedOut'),
    );
    await engine.deployment().withXml(xml).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').withVariables({ id: 'x' }).create();
    await engine.message().withName('answer').withCorrelationKey('x').withVariables({ ok: true }).publish();
    expect(engine.records().processInstance().withIntent('ELEMENT_COMPLETED').withElementId('answered').exists()).to.equal(true);
    expect(engine.records().timer().withIntent('CANCELED').exists()).to.equal(true);
    expect(engine.isCompleted(key)).to.equal(true);
    expect(engine.records().variable().withName('ok').exists()).to.equal(true);
  });
});

describe('message start events and correlation keys', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.start();
  });
  afterEach(async () => {
    await engine.close();
  });

  it('starts no second instance for a correlation key while the first is active, and starts it from the buffer once the first ends', async () => {
    await engine.deployment().withXml(process('case', message('m', 'apply'), start('s', messageRef('m')), serviceTask('t', 'handle'), end('e'), chain('s', 't', 'e'))).deploy();
    await engine.message().withName('apply').withCorrelationKey('企业-1').withTimeToLive(60_000).withVariables({ n: 1 }).publish();
    await engine.message().withName('apply').withCorrelationKey('企业-1').withTimeToLive(60_000).withVariables({ n: 2 }).publish();
    await engine.message().withName('apply').withCorrelationKey('企业-2').withVariables({ n: 3 }).publish();
    const started = () => engine.records().processInstance().withElementType('PROCESS').withIntent('ELEMENT_ACTIVATED').count();
    expect(started()).to.equal(2);
    const first = await engine.job().ofType('handle').activateOne();
    expect(first.variables.n).to.equal(1);
    await engine.engine.completeJob(first.key);
    expect(started()).to.equal(3);
    const jobs = await engine.job().ofType('handle').activate();
    expect(jobs.map((j) => j.variables.n).sort()).to.deep.equal([2, 3]);
  });
});
