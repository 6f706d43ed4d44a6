import { expect } from 'chai';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, serviceTask, chain } = bpmn;

describe('conformance: service task', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed();
  });
  after(async () => {
    await bed?.close();
  });

  it('creates a job of the task type with retries and headers, and completes the task when the worker completes the job (Zeebe: service tasks)', async () => {
    // given
    await bed.deploy(
      process('st-basic', start('s'), serviceTask('charge', 'st-charge', { retries: '5', headers: { currency: 'CNY' } }), end('e'), chain('s', 'charge', 'e')),
    );
    const seen: { headers: unknown; retries: number; elementId: string }[] = [];
    bed.work('st-charge', (job) => {
      seen.push({ headers: job.customHeaders, retries: job.retries, elementId: job.elementId });
      return job.complete();
    });
    // when
    const key = await bed.start('st-basic');
    await bed.waitForCompletion(key);
    // then
    expect(seen).to.deep.equal([{ headers: { currency: 'CNY' }, retries: 5, elementId: 'charge' }]);
    expect(bed.trail(key)).to.deep.equal([
      'st-basic:ELEMENT_ACTIVATING',
      'st-basic:ELEMENT_ACTIVATED',
      's:ELEMENT_ACTIVATING',
      's:ELEMENT_ACTIVATED',
      's:ELEMENT_COMPLETING',
      's:ELEMENT_COMPLETED',
      's_charge:SEQUENCE_FLOW_TAKEN',
      'charge:ELEMENT_ACTIVATING',
      'charge:ELEMENT_ACTIVATED',
      'charge:ELEMENT_COMPLETING',
      'charge:ELEMENT_COMPLETED',
      'charge_e:SEQUENCE_FLOW_TAKEN',
      'e:ELEMENT_ACTIVATING',
      'e:ELEMENT_ACTIVATED',
      'e:ELEMENT_COMPLETING',
      'e:ELEMENT_COMPLETED',
      'st-basic:ELEMENT_COMPLETING',
      'st-basic:ELEMENT_COMPLETED',
    ]);
    expect(bed.records.job().withProcessInstanceKey(key).intents()).to.deep.equal(['CREATED', 'COMPLETED']);
  });

  it('merges the variables of a zeebe-node worker into the root scope when the task has no output mappings (Zeebe: variable propagation)', async () => {
    // given a model deployed with zeebe-node's deprecated DeployProcess and a zeebe-node worker
    const zeebeNode = bed.gateway.zeebeNode();
    await zeebeNode.deployProcess({
      definition: Buffer.from(process('st-zeebe-node', start('s'), serviceTask('review', 'st-review'), end('e'), chain('s', 'review', 'e'))),
      name: 'st-zeebe-node.bpmn',
    });
    zeebeNode.createWorker({ taskType: 'st-review', taskHandler: (job) => job.complete({ approved: true, reviewer: job.variables.clerk }) });
    // when
    const { processInstanceKey } = await zeebeNode.createProcessInstance({ bpmnProcessId: 'st-zeebe-node', variables: { clerk: '王敏' } });
    await bed.waitForCompletion(processInstanceKey);
    // then
    expect(bed.variablesOf(processInstanceKey)).to.deep.equal({ clerk: '王敏', approved: true, reviewer: '王敏' });
  });

  it('raises a JOB_NO_RETRIES incident when a worker fails the job with no retries left; updating retries and resolving lets a worker finish it (Zeebe: incidents)', async () => {
    // given a worker that fails the first attempt for good and completes the second
    await bed.deploy(process('st-incident', start('s'), serviceTask('call', 'st-flaky'), end('e'), chain('s', 'call', 'e')));
    let attempts = 0;
    bed.work('st-flaky', (job) => {
      attempts += 1;
      return attempts === 1 ? job.fail({ errorMessage: 'registry unreachable', retries: 0 }) : job.complete({ attempts });
    });
    const key = await bed.start('st-incident');
    // when
    const incident = await bed.waitForIncident(key);
    // then
    expect(incident.value).to.include({ errorType: 'JOB_NO_RETRIES', errorMessage: 'registry unreachable', elementId: 'call' });
    // when
    await bed.sdk.updateJobRetries({ jobKey: String(incident.value.jobKey), retries: 1 });
    await bed.sdk.resolveIncident({ incidentKey: incident.key });
    await bed.waitForCompletion(key);
    // then
    expect(bed.records.incident().withKey(incident.key).intents()).to.deep.equal(['CREATED', 'RESOLVE', 'RESOLVED']);
    expect(bed.variablesOf(key)).to.deep.equal({ attempts: 2 });
  });

  it('makes a failed job with retries left activatable again and keeps the task active meanwhile (Zeebe: job retries)', async () => {
    // given
    await bed.deploy(process('st-retry', start('s'), serviceTask('call', 'st-retry-work', { retries: '3' }), end('e'), chain('s', 'call', 'e')));
    const retriesSeen: number[] = [];
    bed.work('st-retry-work', (job) => {
      retriesSeen.push(job.retries);
      // the SDK sends retries 0 when a failure configuration leaves them out, so they are counted down here
      return retriesSeen.length < 3 ? job.fail({ errorMessage: 'busy', retries: job.retries - 1 }) : job.complete();
    });
    // when
    const key = await bed.start('st-retry');
    await bed.waitForCompletion(key);
    // then
    expect(retriesSeen).to.deep.equal([3, 2, 1]);
    expect(bed.records.job().withProcessInstanceKey(key).intents()).to.deep.equal(['CREATED', 'FAILED', 'FAILED', 'COMPLETED']);
    expect(bed.records.incident().withProcessInstanceKey(key).exists()).to.equal(false);
  });

  it('pushes the job to an SDK streaming worker (StreamActivatedJobs) and completes the task (Zeebe: job push)', async () => {
    // given a streaming worker opened before the instance exists
    await bed.deploy(process('st-streamed', start('s'), serviceTask('stamp', 'st-stream'), end('e'), chain('s', 'stamp', 'e')));
    const stream = await bed.sdk.streamJobs({
      type: 'st-stream',
      worker: 'conformance-streamer',
      timeout: 60_000,
      tenantIds: ['<default>'],
      taskHandler: (job) => job.complete({ streamedBy: job.worker }),
    });
    // when
    const key = await bed.start('st-streamed');
    await bed.waitForCompletion(key);
    stream.close();
    // then
    expect(bed.variablesOf(key)).to.deep.equal({ streamedBy: 'conformance-streamer' });
  });

  it('evaluates FEEL job type and retries when the task activates (Zeebe: task definition expressions)', async () => {
    // given
    await bed.deploy(process('st-dynamic', start('s'), serviceTask('route', '="st-" + office', { retries: '=maxTries' }), end('e'), chain('s', 'route', 'e')));
    let retries = 0;
    bed.work('st-jinan', (job) => {
      retries = job.retries;
      return job.complete();
    });
    // when
    const key = await bed.start('st-dynamic', { office: 'jinan', maxTries: 7 });
    await bed.waitForCompletion(key);
    // then
    expect(bed.records.job().withProcessInstanceKey(key).withIntent('CREATED').first().value).to.include({ type: 'st-jinan', retries: 7 });
    expect(retries).to.equal(7);
  });
});
