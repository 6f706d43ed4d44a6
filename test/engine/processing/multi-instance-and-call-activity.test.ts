import { expect } from 'chai';
import { TestEngine, bpmn } from '../../support';

const { process, start, end, serviceTask, chain, callActivity, subProcess } = bpmn;

describe('multi-instance activities and call activities', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.start();
  });
  afterEach(async () => {
    await engine.close();
  });

  const reviews = (sequential: boolean, completionCondition?: string) =>
    process(
      'p', start('s'),
      serviceTask('review', 'review', {
        multiInstance: { sequential, inputCollection: '=departments', inputElement: 'department', outputCollection: 'opinions', outputElement: '=opinion', completionCondition },
      }),
      end('e'), chain('s', 'review', 'e'),
    );

  it('runs a parallel multi-instance task once per item and collects the output collection in order', async () => {
    await engine.deployment().withXml(reviews(false)).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').withVariables({ departments: ['住建局', '消防', '人防'] }).create();
    const jobs = await engine.job().ofType('review').activate();
    expect(jobs.map((j) => j.variables.department)).to.deep.equal(['住建局', '消防', '人防']);
    expect(jobs.map((j) => j.variables.loopCounter)).to.deep.equal([1, 2, 3]);
    for (const job of [...jobs].reverse()) await engine.engine.completeJob(job.key, { opinion: `ok:${job.variables.department}` });
    expect(engine.isCompleted(key)).to.equal(true);
    const opinions = engine.records().variable().withName('opinions').withValue('scopeKey', key).last();
    expect(JSON.parse(String(opinions.value.value))).to.deep.equal(['ok:住建局', 'ok:消防', 'ok:人防']);
    // The output element variable stays in each inner instance (Zeebe creates it there), not in the process.
    expect(engine.records().variable().withName('opinion').withValue('scopeKey', key).exists()).to.equal(false);
  });

  it('runs a sequential multi-instance task one item after another', async () => {
    await engine.deployment().withXml(reviews(true)).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').withVariables({ departments: ['a', 'b'] }).create();
    const first = await engine.job().ofType('review').activate();
    expect(first).to.have.length(1);
    await engine.engine.completeJob(first[0].key, { opinion: 1 });
    const second = await engine.job().ofType('review').complete({ opinion: 2 });
    expect(second.variables.department).to.equal('b');
    expect(engine.isCompleted(key)).to.equal(true);
  });

  it('stops early when the completion condition holds, terminating the other instances', async () => {
    await engine.deployment().withXml(reviews(false, '=opinion = "reject"')).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').withVariables({ departments: ['a', 'b', 'c'] }).create();
    await engine.job().ofType('review').complete({ opinion: 'reject' });
    expect(engine.records().job().withIntent('CANCELED').count()).to.equal(2);
    expect(engine.isCompleted(key)).to.equal(true);
  });

  it('offers numberOfCompletedInstances and the other built-in counters to the completion condition', async () => {
    await engine.deployment().withXml(reviews(false, '=numberOfCompletedInstances >= 2 and numberOfInstances = 3')).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').withVariables({ departments: ['a', 'b', 'c'] }).create();
    await engine.job().ofType('review').complete({ opinion: 1 });
    expect(engine.isCompleted(key)).to.equal(false);
    await engine.job().ofType('review').complete({ opinion: 2 });
    expect(engine.records().job().withIntent('CANCELED').count()).to.equal(1);
    expect(engine.isCompleted(key)).to.equal(true);
  });

  it('completes a multi-instance body over an empty collection at once', async () => {
    await engine.deployment().withXml(reviews(false)).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').withVariables({ departments: [] }).create();
    expect(engine.isCompleted(key)).to.equal(true);
  });

  it('runs a multi-instance embedded subprocess', async () => {
    const xml = process(
      'p', start('s'),
      subProcess('each', [start('ss'), serviceTask('t', 'work'), end('se'), chain('ss', 't', 'se')], { multiInstance: { inputCollection: '=items', inputElement: 'item' } }),
      end('e'), chain('s', 'each', 'e'),
    );
    await engine.deployment().withXml(xml).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').withVariables({ items: [1, 2] }).create();
    const jobs = await engine.job().ofType('work').activate();
    expect(jobs.map((j) => j.variables.item)).to.deep.equal([1, 2]);
    for (const job of jobs) await engine.engine.completeJob(job.key);
    expect(engine.isCompleted(key)).to.equal(true);
  });

  it('raises an incident when the input collection is not a list', async () => {
    await engine.deployment().withXml(reviews(false)).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').withVariables({ departments: 'all' }).create();
    const [incident] = engine.incident().open(key);
    expect(incident.value.errorType).to.equal('EXTRACT_VALUE_ERROR');
    expect(incident.value.errorMessage).to.contain("'ARRAY'");
  });

  it('calls a child process with all variables and propagates the child variables back (propagateAllChildVariables)', async () => {
    await engine.deployment().withXml(process('child', start('s'), serviceTask('t', 'child-work'), end('e'), chain('s', 't', 'e'))).deploy();
    await engine.deployment().withXml(process('parent', start('s'), callActivity('call', 'child'), end('e'), chain('s', 'call', 'e'))).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('parent').withVariables({ applicant: 'x' }).create();
    const job = await engine.job().ofType('child-work').complete({ fromChild: 42 });
    expect(job.variables).to.deep.equal({ applicant: 'x' });
    expect(job.bpmnProcessId).to.equal('child');
    expect(engine.isCompleted(key)).to.equal(true);
    expect(engine.records().variable().withName('fromChild').withValue('scopeKey', key).exists()).to.equal(true);
  });

  it('passes only mapped variables with propagateAllParentVariables=false and only outputs back with output mappings', async () => {
    await engine.deployment().withXml(process('child', start('s'), serviceTask('t', 'child-work'), end('e'), chain('s', 't', 'e'))).deploy();
    const parent = process(
      'parent', start('s'),
      callActivity('call', 'child', { propagateAllParentVariables: false, inputs: { id: '=caseId' }, outputs: { outcome: '=result' } }),
      end('e'), chain('s', 'call', 'e'),
    );
    await engine.deployment().withXml(parent).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('parent').withVariables({ caseId: 1, secret: 's' }).create();
    const job = await engine.job().ofType('child-work').complete({ result: 'done', noise: true });
    expect(job.variables).to.deep.equal({ id: 1 });
    expect(engine.isCompleted(key)).to.equal(true);
    const rootNames = engine.records().variable().withValue('scopeKey', key).values().map((v) => v.name);
    expect(rootNames).to.include('outcome');
    expect(rootNames).to.not.include('noise');
  });

  it('raises CALLED_ELEMENT_ERROR when the called process is not deployed, and cancels the child with the parent', async () => {
    await engine.deployment().withXml(process('parent', start('s'), callActivity('call', 'missing'), end('e'), chain('s', 'call', 'e'))).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('parent').create();
    expect(engine.incident().open(key)[0].value.errorType).to.equal('CALLED_ELEMENT_ERROR');

    await engine.deployment().withXml(process('child', start('s'), serviceTask('t', 'w'), end('e'), chain('s', 't', 'e'))).deploy();
    await engine.deployment().withXml(process('parent2', start('s'), callActivity('call', 'child'), end('e'), chain('s', 'call', 'e'))).deploy();
    const second = await engine.processInstance().ofBpmnProcessId('parent2').create();
    await engine.processInstance().cancel(second);
    expect(engine.records().processInstance().withBpmnProcessId('child').withElementType('PROCESS').withIntent('ELEMENT_TERMINATED').exists()).to.equal(true);
    expect(engine.isTerminated(second)).to.equal(true);
  });
});

describe('errors across call activities', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.start();
  });
  afterEach(async () => {
    await engine.close();
  });

  it('catches an error thrown in the called process with a boundary event on the call activity', async () => {
    await engine.deployment().withXml(process('child', start('s'), serviceTask('t', 'child-work'), end('e'), chain('s', 't', 'e'))).deploy();
    const parent = process(
      'parent', bpmn.error('err', 'REJECTED'), start('s'), callActivity('call', 'child'), end('e'),
      bpmn.boundary('caught', 'call', bpmn.errorRef('err')), end('rejected'), chain('s', 'call', 'e'), chain('caught', 'rejected'),
    );
    await engine.deployment().withXml(parent).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('parent').create();
    await engine.job().ofType('child-work').throwError('REJECTED');
    expect(engine.records().processInstance().withBpmnProcessId('child').withElementType('PROCESS').withIntent('ELEMENT_TERMINATED').exists()).to.equal(true);
    expect(engine.records().processInstance().withIntent('ELEMENT_COMPLETED').withElementId('rejected').exists()).to.equal(true);
    expect(engine.isCompleted(key)).to.equal(true);
  });
});
