import { expect } from 'chai';
import { TestEngine, bpmn } from '../../support';

const { process, start, end, serviceTask, chain } = bpmn;

describe('service tasks and jobs', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.start();
  });
  afterEach(async () => {
    await engine.close();
  });

  it('runs none start → service task → end once the job is completed', async () => {
    // given
    await engine.deployment().withXml(process('order', start('s'), serviceTask('pay', 'payment'), end('e'), chain('s', 'pay', 'e'))).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('order').withVariables({ amount: 5 }).create();
    // when
    const job = await engine.job().ofType('payment').complete({ paid: true });
    // then
    expect(job.variables).to.deep.equal({ amount: 5 });
    expect(engine.isCompleted(key)).to.equal(true);
    expect(engine.records().processInstance().withProcessInstanceKey(key).events().elementIntents()).to.deep.equal([
      'order:ELEMENT_ACTIVATING', 'order:ELEMENT_ACTIVATED',
      's:ELEMENT_ACTIVATING', 's:ELEMENT_ACTIVATED', 's:ELEMENT_COMPLETING', 's:ELEMENT_COMPLETED', 's_pay:SEQUENCE_FLOW_TAKEN',
      'pay:ELEMENT_ACTIVATING', 'pay:ELEMENT_ACTIVATED',
      'pay:ELEMENT_COMPLETING', 'pay:ELEMENT_COMPLETED', 'pay_e:SEQUENCE_FLOW_TAKEN',
      'e:ELEMENT_ACTIVATING', 'e:ELEMENT_ACTIVATED', 'e:ELEMENT_COMPLETING', 'e:ELEMENT_COMPLETED',
      'order:ELEMENT_COMPLETING', 'order:ELEMENT_COMPLETED',
    ]);
  });

  it('merges job variables into the root scope when the task has no output mappings (propagation)', async () => {
    await engine.deployment().withXml(process('p', start('s'), serviceTask('t', 'work'), serviceTask('t2', 'next'), end('e'), chain('s', 't', 't2', 'e'))).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').withVariables({ a: 1 }).create();
    await engine.job().ofType('work').complete({ a: 2, b: 'new' });
    expect(engine.variables(key)).to.deep.equal({ a: 2, b: 'new' });
    const updated = engine.records().variable().withIntent('UPDATED').withName('a').first();
    expect(updated.value.scopeKey).to.equal(key);
    expect(updated.value.value).to.equal('2');
  });

  it('applies input mappings as local variables and output mappings into the process (io mapping)', async () => {
    const xml = process(
      'p', start('s'),
      serviceTask('t', 'work', { inputs: { price: '=order.total' }, outputs: { status: '=result.code' } }),
      serviceTask('t2', 'next'), end('e'), chain('s', 't', 't2', 'e'),
    );
    await engine.deployment().withXml(xml).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').withVariables({ order: { total: 42 } }).create();
    const job = await engine.job().ofType('work').complete({ result: { code: 'OK' } });
    expect(job.variables).to.deep.equal({ order: { total: 42 }, price: 42 });
    expect(engine.variables(key)).to.deep.equal({ order: { total: 42 }, status: 'OK' });
  });

  it('passes static and custom headers and fetches only the requested variables', async () => {
    await engine.deployment().withXml(process('p', start('s'), serviceTask('t', 'work', { headers: { channel: 'web' } }), end('e'), chain('s', 't', 'e'))).deploy();
    await engine.processInstance().ofBpmnProcessId('p').withVariables({ a: 1, b: 2 }).create();
    const [job] = await engine.job().ofType('work').withFetchVariables('b').activate();
    expect(job.customHeaders).to.deep.equal({ channel: 'web' });
    expect(job.variables).to.deep.equal({ b: 2 });
    expect(job.retries).to.equal(3);
  });

  it('rejects completing a job twice with NOT_FOUND and keeps serving', async () => {
    await engine.deployment().withXml(process('p', start('s'), serviceTask('t', 'work'), end('e'), chain('s', 't', 'e'))).deploy();
    await engine.processInstance().ofBpmnProcessId('p').create();
    const job = await engine.job().ofType('work').complete();
    const error = await engine.engine.completeJob(job.key).catch((e) => e);
    expect(error.rejectionType).to.equal('NOT_FOUND');
    expect(error.message).to.match(/^Expected to complete job with key '\d+', but no such job was found$/);
    expect(engine.records().job().rejections().withIntent('COMPLETE').count()).to.equal(1);
  });

  it('refuses a variables document that is not a JSON object', async () => {
    await engine.deployment().withXml(process('p', start('s'), end('e'), chain('s', 'e'))).deploy();
    const error = await engine.engine.createProcessInstance({ bpmnProcessId: 'p', variables: [1, 2] as never }).catch((e) => e);
    expect(error.rejectionType).to.equal('INVALID_ARGUMENT');
    expect(error.message).to.equal("Expected document to be a root level object, but was 'ARRAY'");
  });

  it('rejects creating an instance of an unknown process id', async () => {
    const error = await engine.engine.createProcessInstance({ bpmnProcessId: 'nope' }).catch((e) => e);
    expect(error.rejectionType).to.equal('NOT_FOUND');
    expect(error.message).to.equal("Expected to find process definition with process ID 'nope', but none found");
  });

  it('answers createWithResult with the variables once the instance completes', async () => {
    await engine.deployment().withXml(process('p', start('s'), serviceTask('t', 'work'), end('e'), chain('s', 't', 'e'))).deploy();
    const result = engine.processInstance().ofBpmnProcessId('p').withVariables({ x: 1 }).createWithResult();
    await new Promise((r) => setTimeout(r, 10));
    await engine.job().ofType('work').complete({ y: 2 });
    const answer = await result;
    expect(answer.variables).to.deep.equal({ x: 1, y: 2 });
    expect(answer.bpmnProcessId).to.equal('p');
  });

  it('cancels an instance: the job is canceled and the process terminated', async () => {
    await engine.deployment().withXml(process('p', start('s'), serviceTask('t', 'work'), end('e'), chain('s', 't', 'e'))).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').create();
    await engine.processInstance().cancel(key);
    expect(engine.isTerminated(key)).to.equal(true);
    expect(engine.records().job().withIntent('CANCELED').exists()).to.equal(true);
    expect(await engine.job().ofType('work').activate()).to.deep.equal([]);
  });
});
