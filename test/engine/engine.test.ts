import { expect } from 'chai';
import type { ActivatedJob } from '../../engine/api';
import { TestEngine, bpmn } from '../support';

const { process, start, end, serviceTask, chain, subProcess } = bpmn;

const twoTasks = process('p', start('s'), serviceTask('first', 'first'), serviceTask('second', 'second'), end('e'), chain('s', 'first', 'second', 'e'));

/** Resolves after the engine has processed everything queued (push streams work after commits). */
async function settle(engine: TestEngine): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    await engine.engine.whenIdle();
  }
}

describe('job streams (StreamActivatedJobs)', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.start();
    await engine.deployment().withXml(twoTasks).deploy();
  });
  afterEach(async () => {
    await engine.close();
  });

  it('pushes a job to an open stream as soon as it is created, activated for the stream worker', async () => {
    const pushed: ActivatedJob[] = [];
    const stream = engine.engine.openJobStream({ type: 'first', worker: 'streamer', timeoutMs: 30_000 }, (job) => {
      pushed.push(job);
      return true;
    });
    const key = await engine.processInstance().ofBpmnProcessId('p').withVariables({ x: 1 }).create();
    await settle(engine);
    expect(pushed).to.have.length(1);
    expect(pushed[0]).to.include({ worker: 'streamer', processInstanceKey: key, elementId: 'first' });
    expect(pushed[0].variables).to.deep.equal({ x: 1 });
    stream.close();
    stream.close();
  });

  it('activates a job for an open stream while creating it, with no ActivateJobs command (Zeebe job push)', async () => {
    const stream = engine.engine.openJobStream({ type: 'first', worker: 'streamer', timeoutMs: 30_000 }, () => true);
    await settle(engine);
    await engine.processInstance().ofBpmnProcessId('p').create();
    await settle(engine);
    const created = engine.records().job().withIntent('CREATED').first();
    const activated = engine.engine.readRecords(1).filter((r) => r.valueType === 'JOB_BATCH');
    // one ACTIVATED event, written by the same command that created the job, and no JOB_BATCH ACTIVATE command
    expect(activated.map((r) => `${r.recordType} ${r.intent}`)).to.deep.equal(['EVENT ACTIVATED']);
    expect(activated[0].sourceRecordPosition).to.equal(created.sourceRecordPosition);
    expect(activated[0].value).to.include({ worker: 'streamer', type: 'first' });
    expect((activated[0].value as { jobKeys: string[] }).jobKeys).to.deep.equal([created.key]);
    stream.close();
  });

  it('yields a job back when the stream cannot take it, so a poller can activate it', async () => {
    engine.engine.openJobStream({ type: 'first', worker: 'broken', timeoutMs: 30_000 }, () => false);
    await engine.processInstance().ofBpmnProcessId('p').create();
    await settle(engine);
    expect(engine.records().job().withIntent('YIELDED').exists()).to.equal(true);
    const [job] = await engine.job().ofType('first').activate();
    expect(job.elementId).to.equal('first');
  });

  it('tells long-polling listeners which job type became available', async () => {
    const types: string[] = [];
    const unsubscribe = engine.engine.onJobsAvailable((type) => types.push(type));
    await engine.processInstance().ofBpmnProcessId('p').create();
    await engine.job().ofType('first').complete();
    unsubscribe();
    expect(types).to.deep.equal(['first', 'second']);
  });
});

describe('process instance modification and variables', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.start();
  });
  afterEach(async () => {
    await engine.close();
  });

  it('terminates an active element and activates another with variables (ModifyProcessInstance)', async () => {
    await engine.deployment().withXml(twoTasks).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').create();
    const first = engine.records().processInstance().withElementId('first').withIntent('ELEMENT_ACTIVATED').first();
    await engine.engine.modifyProcessInstance({
      processInstanceKey: key,
      activateInstructions: [{ elementId: 'second', variableInstructions: [{ variables: { skipped: true } }] }],
      terminateInstructions: [{ elementInstanceKey: first.key }],
    });
    expect(engine.records().processInstance().withElementId('first').withIntent('ELEMENT_TERMINATED').exists()).to.equal(true);
    const job = await engine.job().ofType('second').complete();
    expect(job.variables).to.deep.equal({ skipped: true });
    expect(engine.isCompleted(key)).to.equal(true);
  });

  it('rejects a modification naming an unknown element and changes nothing', async () => {
    await engine.deployment().withXml(twoTasks).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').create();
    const error = await engine.engine.modifyProcessInstance({ processInstanceKey: key, activateInstructions: [{ elementId: 'nope' }] }).catch((e) => e);
    expect(error.rejectionType).to.equal('INVALID_ARGUMENT');
    expect(error.message).to.contain("'nope'");
    expect(engine.records().processInstance().withElementId('second').exists()).to.equal(false);
  });

  it('sets variables locally on an element scope, or propagates them to the scope that has them', async () => {
    const xml = process('p', start('s'), subProcess('sub', [start('ss'), serviceTask('t', 'work'), end('se'), chain('ss', 't', 'se')], { inputs: { inner: '=0' } }), end('e'), chain('s', 'sub', 'e'));
    await engine.deployment().withXml(xml).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').create();
    const sub = engine.records().processInstance().withElementId('sub').withIntent('ELEMENT_ACTIVATED').first();
    await engine.engine.setVariables({ elementInstanceKey: sub.key, variables: { inner: 5, fresh: 'root' }, local: false });
    await engine.engine.setVariables({ elementInstanceKey: sub.key, variables: { onlyHere: 1 }, local: true });
    const created = engine.records().variable().withIntent('CREATED');
    expect(created.withName('fresh').first().value.scopeKey).to.equal(key);
    expect(created.withName('onlyHere').first().value.scopeKey).to.equal(sub.key);
    expect(engine.records().variable().withIntent('UPDATED').withName('inner').first().value.scopeKey).to.equal(sub.key);
  });

  it('starts an instance at the given elements (start instructions)', async () => {
    await engine.deployment().withXml(twoTasks).deploy();
    await engine.processInstance().ofBpmnProcessId('p').withStartInstructions('second').create();
    expect(engine.records().processInstance().withElementId('s').exists()).to.equal(false);
    expect((await engine.job().ofType('second').activate()).length).to.equal(1);
  });

  it('records who moved the clock and resumes a controlled clock where it was pinned after a restart', async () => {
    const target = Date.now() + 400 * 86_400_000;
    await engine.clock.pin(target);
    expect(engine.records().ofValueType('CLOCK').withIntent('PINNED').last().value.time).to.equal(target);
    await engine.restart();
    expect(engine.clock.now()).to.equal(target);
  });
});

describe('modification into a subprocess that is not active', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.start();
  });
  afterEach(async () => {
    await engine.close();
  });

  it('creates the missing subprocess instance and starts inside it, not at its start event', async () => {
    const xml = process(
      'p', start('s'), serviceTask('first', 'first'),
      subProcess('sub', [start('ss'), serviceTask('a', 'a'), serviceTask('b', 'b'), end('se'), chain('ss', 'a', 'b', 'se')]),
      end('e'), chain('s', 'first', 'sub', 'e'),
    );
    await engine.deployment().withXml(xml).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').create();
    const first = engine.records().processInstance().withElementId('first').withIntent('ELEMENT_ACTIVATED').first();
    await engine.engine.modifyProcessInstance({ processInstanceKey: key, activateInstructions: [{ elementId: 'b' }], terminateInstructions: [{ elementInstanceKey: first.key }] });
    expect(engine.records().processInstance().withElementId('sub').withIntent('ELEMENT_ACTIVATED').exists()).to.equal(true);
    expect(engine.records().processInstance().withElementId('ss').exists()).to.equal(false);
    await engine.job().ofType('b').complete();
    expect(engine.isCompleted(key)).to.equal(true);
  });
});
