import { expect } from 'chai';
import { TestEngine, bpmn } from '../../support';

const { process, start, end, serviceTask, chain, boundary, errorRef, error } = bpmn;

const oneTask = (type = 'work', retries?: string) =>
  process('p', start('s'), serviceTask('t', type, { retries }), end('e'), chain('s', 't', 'e'));

describe('the job lifecycle', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.start();
  });
  afterEach(async () => {
    await engine.close();
  });

  it('locks an activated job until its deadline, then times it out so it can be activated again', async () => {
    await engine.deployment().withXml(oneTask()).deploy();
    await engine.processInstance().ofBpmnProcessId('p').create();
    const [first] = await engine.job().ofType('work').withTimeout(10_000).activate();
    expect(first.deadline).to.equal(engine.clock.now() + 10_000);
    expect(await engine.job().ofType('work').activate()).to.deep.equal([]);
    await engine.clock.advance(10_001);
    expect(engine.records().job().withIntent('TIMED_OUT').withKey(first.key).exists()).to.equal(true);
    const [again] = await engine.job().ofType('work').activate();
    expect(again.key).to.equal(first.key);
  });

  it('makes a failed job with retries left activatable again at once', async () => {
    await engine.deployment().withXml(oneTask()).deploy();
    await engine.processInstance().ofBpmnProcessId('p').create();
    const failed = await engine.job().ofType('work').fail(2, 'flaky');
    const [again] = await engine.job().ofType('work').activate();
    expect(again.key).to.equal(failed.key);
    expect(again.retries).to.equal(2);
  });

  it('waits for the retry back-off before a failed job is activatable again', async () => {
    await engine.deployment().withXml(oneTask()).deploy();
    await engine.processInstance().ofBpmnProcessId('p').create();
    const failed = await engine.job().ofType('work').fail(2, 'flaky', 60_000);
    expect(await engine.job().ofType('work').activate()).to.deep.equal([]);
    await engine.clock.advance(60_000);
    expect(engine.records().job().withIntent('RECURRED_AFTER_BACKOFF').withKey(failed.key).exists()).to.equal(true);
    const [again] = await engine.job().ofType('work').activate();
    expect(again.key).to.equal(failed.key);
  });

  it('raises a JOB_NO_RETRIES incident when retries reach 0; updating retries and resolving resumes the job', async () => {
    await engine.deployment().withXml(oneTask()).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').create();
    const job = await engine.job().ofType('work').fail(0, 'service down');
    const [incident] = engine.incident().open(key);
    expect(incident.value).to.include({ errorType: 'JOB_NO_RETRIES', errorMessage: 'service down', jobKey: job.key, elementId: 't' });
    await engine.engine.updateJobRetries(job.key, 1);
    await engine.incident().resolve(incident.key);
    expect(engine.incident().open(key)).to.have.length(0);
    await engine.job().ofType('work').complete();
    expect(engine.isCompleted(key)).to.equal(true);
  });

  it('catches a thrown error with a matching error boundary event and leaves through it', async () => {
    const xml = process(
      'p', error('err', 'NOT_FOUND'), start('s'), serviceTask('t', 'work'), end('e'),
      boundary('b', 't', errorRef('err')), end('handled'), chain('s', 't', 'e'), chain('b', 'handled'),
    );
    await engine.deployment().withXml(xml).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').create();
    await engine.job().ofType('work').throwError('NOT_FOUND', 'missing', { reason: 'gone' });
    expect(engine.records().processInstance().withIntent('ELEMENT_TERMINATED').withElementId('t').exists()).to.equal(true);
    expect(engine.records().processInstance().withIntent('ELEMENT_COMPLETED').withElementId('handled').exists()).to.equal(true);
    expect(engine.isCompleted(key)).to.equal(true);
    expect(engine.records().variable().withName('reason').first().value.scopeKey).to.equal(key);
  });

  it('raises UNHANDLED_ERROR_EVENT when no catch event matches the error code', async () => {
    await engine.deployment().withXml(oneTask()).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').create();
    await engine.job().ofType('work').throwError('UNKNOWN_CODE', 'boom');
    const [incident] = engine.incident().open(key);
    expect(incident.value.errorType).to.equal('UNHANDLED_ERROR_EVENT');
    expect(incident.value.errorMessage).to.contain("'UNKNOWN_CODE'");
  });

  it('evaluates FEEL retries and moves an activated job deadline with UpdateJobTimeout', async () => {
    await engine.deployment().withXml(oneTask('work', '=1 + 4')).deploy();
    await engine.processInstance().ofBpmnProcessId('p').create();
    const [job] = await engine.job().ofType('work').withTimeout(1_000).activate();
    expect(job.retries).to.equal(5);
    await engine.engine.updateJobTimeout(job.key, 50_000);
    await engine.clock.advance(2_000);
    expect(engine.records().job().withIntent('TIMED_OUT').exists()).to.equal(false);
    expect(engine.records().job().withIntent('TIMEOUT_UPDATED').first().value.deadline).to.be.greaterThan(job.deadline);
  });

  it('raises an EXTRACT_VALUE_ERROR incident when the job type expression fails, and retries on resolve', async () => {
    await engine.deployment().withXml(oneTask('=taskType')).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').create();
    const [incident] = engine.incident().open(key);
    expect(incident.value.errorType).to.equal('EXTRACT_VALUE_ERROR');
    await engine.engine.setVariables({ elementInstanceKey: key, variables: { taskType: 'late' }, local: false });
    await engine.incident().resolve(incident.key);
    await engine.job().ofType('late').complete();
    expect(engine.isCompleted(key)).to.equal(true);
  });
});
