import { expect } from 'chai';
import { errorBoundaryProcess, serviceTaskProcess } from '../support/bpmn';
import { elementActivated, processInstanceCompleted, startGatewayTestBed, type GatewayTestBed, type SdkZeebeClient } from '../support/test-bed';

type GrpcFailure = { code: number; details: string };
const failure = (e: GrpcFailure) => e;

describe('the gRPC gateway: CompleteJob, FailJob, ThrowError, UpdateJobRetries and UpdateJobTimeout', () => {
  let bed: GatewayTestBed;
  let sdk: SdkZeebeClient;

  /** Start an instance of `processId` and activate its one job through the SDK. */
  async function activatedJob(processId: string, type: string, variables: Record<string, unknown> = {}) {
    const { processInstanceKey } = await sdk.createProcessInstance({ bpmnProcessId: processId, variables: variables as never });
    await bed.record((r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === processInstanceKey);
    const jobs = await sdk.activateJobs({ type, worker: 'test', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: -1 });
    expect(jobs).to.have.length(1);
    return { processInstanceKey, job: jobs[0] };
  }

  before(async () => {
    bed = await startGatewayTestBed();
    sdk = bed.sdk();
    await sdk.deployResource({ process: Buffer.from(serviceTaskProcess('jobs', 'job-work')), name: 'jobs.bpmn' });
    await sdk.deployResource({ process: Buffer.from(errorBoundaryProcess('catches', 'risky-work', 'REJECTED')), name: 'catches.bpmn' });
  });
  after(async () => {
    await bed?.close();
  });

  it('completes a job with variables and the instance moves on', async () => {
    const { processInstanceKey, job } = await activatedJob('jobs', 'job-work');
    await sdk.completeJob({ jobKey: job.key, variables: { result: 'ok' } });
    await bed.record(processInstanceCompleted(processInstanceKey));
  });

  it('answers NOT_FOUND when a job is completed twice', async () => {
    // given
    const { job } = await activatedJob('jobs', 'job-work');
    await sdk.completeJob({ jobKey: job.key, variables: {} });
    // when
    const error = await sdk.completeJob({ jobKey: job.key, variables: {} }).then(() => undefined, failure);
    // then
    expect(error?.code).to.equal(5);
    expect(error?.details).to.match(/^Command 'COMPLETE' rejected with code 'NOT_FOUND': Expected to complete job with key '\d+', but/);
  });

  it('answers INVALID_ARGUMENT when zeebe-node completes with a document that is not an object', async () => {
    const { job } = await activatedJob('jobs', 'job-work');
    const error = await bed
      .zeebeNode()
      .completeJob({ jobKey: job.key, variables: '"just a string"' as never })
      .then(() => undefined, failure);
    expect(error?.code).to.equal(3);
    expect(error?.details).to.contain("Expected document to be a root level object, but was 'STRING'");
  });

  it('makes a failed job with retries left activatable again, with the retries it was given', async () => {
    // given
    const { job } = await activatedJob('jobs', 'job-work');
    // when
    await sdk.failJob({ jobKey: job.key, retries: 2, errorMessage: 'backend down', retryBackOff: 0 });
    // then
    const again = await sdk.activateJobs({ type: 'job-work', worker: 'test', maxJobsToActivate: 10, timeout: 60_000, requestTimeout: -1 });
    const same = again.find((j) => j.key === job.key);
    expect(same?.retries).to.equal(2);
    await Promise.all(again.map((j) => sdk.completeJob({ jobKey: j.key, variables: {} })));
  });

  it('raises an incident when a job fails with no retries left, and UpdateJobRetries + ResolveIncident bring it back', async () => {
    // given
    const { processInstanceKey, job } = await activatedJob('jobs', 'job-work');
    await sdk.failJob({ jobKey: job.key, retries: 0, errorMessage: 'gave up', retryBackOff: 0 });
    const incident = await bed.record(
      (r) => r.valueType === 'INCIDENT' && r.intent === 'CREATED' && r.value.processInstanceKey === processInstanceKey,
    );
    expect(incident.value.errorType).to.equal('JOB_NO_RETRIES');
    expect(incident.value.errorMessage).to.equal('gave up');
    // when
    await sdk.updateJobRetries({ jobKey: job.key, retries: 1 });
    await sdk.resolveIncident({ incidentKey: incident.key });
    // then
    const again = await sdk.activateJobs({ type: 'job-work', worker: 'test', maxJobsToActivate: 10, timeout: 60_000, requestTimeout: -1 });
    expect(again.map((j) => j.key)).to.include(job.key);
    await Promise.all(again.map((j) => sdk.completeJob({ jobKey: j.key, variables: {} })));
    await bed.record(processInstanceCompleted(processInstanceKey));
  });

  it('answers NOT_FOUND when failing a job that does not exist', async () => {
    const error = await sdk.failJob({ jobKey: '2251799813999999', retries: 1, errorMessage: 'x', retryBackOff: 0 }).then(() => undefined, failure);
    expect(error?.code).to.equal(5);
  });

  it('lets a thrown BPMN error be caught by the boundary event', async () => {
    // given
    const { processInstanceKey, job } = await activatedJob('catches', 'risky-work');
    // when
    await sdk.throwError({ jobKey: job.key, errorCode: 'REJECTED', errorMessage: 'not eligible' });
    // then
    await bed.record(elementActivated(processInstanceKey, 'handled'));
    await bed.record(processInstanceCompleted(processInstanceKey));
  });

  it('raises an incident for a thrown error no catch event handles', async () => {
    const { processInstanceKey, job } = await activatedJob('catches', 'risky-work');
    await bed.zeebeNode().throwError({ jobKey: job.key, errorCode: 'UNKNOWN_CODE', errorMessage: 'nobody catches this' });
    const incident = await bed.record(
      (r) => r.valueType === 'INCIDENT' && r.intent === 'CREATED' && r.value.processInstanceKey === processInstanceKey,
    );
    expect(incident.value.errorType).to.equal('UNHANDLED_ERROR_EVENT');
  });

  it('changes the deadline of an activated job', async () => {
    // given
    const { job } = await activatedJob('jobs', 'job-work');
    // when
    await sdk.updateJobTimeout({ jobKey: job.key, timeout: 5 * 60_000 });
    // then
    const updated = await bed.record((r) => r.valueType === 'JOB' && r.intent === 'TIMEOUT_UPDATED' && r.key === job.key);
    expect(Number(updated.value.deadline)).to.be.greaterThan(Number(job.deadline));
    await sdk.completeJob({ jobKey: job.key, variables: {} });
  });

  it('answers NOT_FOUND when updating the retries of a job that does not exist', async () => {
    const error = await sdk.updateJobRetries({ jobKey: '2251799813999999', retries: 3 }).then(() => undefined, failure);
    expect(error?.code).to.equal(5);
  });
});
