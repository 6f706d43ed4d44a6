import { expect } from 'chai';
import { serviceTaskProcess } from '../support/bpmn';
import { processInstanceCompleted, startGatewayTestBed, type GatewayTestBed } from '../support/test-bed';

type GrpcFailure = { code: number; details: string };
const failure = (e: GrpcFailure) => e;

describe('the gRPC gateway: ResolveIncident', () => {
  let bed: GatewayTestBed;
  before(async () => {
    bed = await startGatewayTestBed();
    await bed.sdk().deployResource({ process: Buffer.from(serviceTaskProcess('fragile', 'fragile-work')), name: 'fragile.bpmn' });
  });
  after(async () => {
    await bed?.close();
  });

  it('resolves an incident for zeebe-node after the retries were raised, and a worker finishes the instance', async () => {
    // given an incident: a zeebe-node worker fails the job with no retries left
    const zbc = bed.zeebeNode();
    const { processInstanceKey } = await zbc.createProcessInstance({ bpmnProcessId: 'fragile', variables: {} });
    const jobs = await zbc.activateJobs({ type: 'fragile-work', worker: 'w', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: 10_000 });
    await zbc.failJob({ jobKey: jobs[0].key, retries: 0, errorMessage: 'registry unreachable', retryBackOff: 0 });
    const incident = await bed.record((r) => r.valueType === 'INCIDENT' && r.intent === 'CREATED' && r.value.processInstanceKey === processInstanceKey);
    // when
    await zbc.updateJobRetries({ jobKey: jobs[0].key, retries: 1 });
    await zbc.resolveIncident({ incidentKey: incident.key });
    // then
    await bed.record((r) => r.valueType === 'INCIDENT' && r.intent === 'RESOLVED' && r.key === incident.key);
    zbc.createWorker({ taskType: 'fragile-work', taskHandler: (job) => job.complete() });
    await bed.record(processInstanceCompleted(processInstanceKey));
  });

  it('answers NOT_FOUND for an incident that does not exist', async () => {
    const error = await bed.sdk().resolveIncident({ incidentKey: '2251799813999999' }).then(() => undefined, failure);
    expect(error?.code).to.equal(5);
    expect(error?.details).to.match(/^Command 'RESOLVE' rejected with code 'NOT_FOUND': Expected .*but/);
  });
});
