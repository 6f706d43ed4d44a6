import { expect } from 'chai';
import { serviceTaskProcess } from '../support/bpmn';
import { processInstanceCompleted, startGatewayTestBed, type GatewayTestBed } from '../support/test-bed';

describe('the gRPC gateway: StreamActivatedJobs (SDK streaming workers)', () => {
  let bed: GatewayTestBed;
  before(async () => {
    bed = await startGatewayTestBed();
    const sdk = bed.sdk();
    await sdk.deployResource({ process: Buffer.from(serviceTaskProcess('streamed', 'stream-work', { kind: 'push' })), name: 'streamed.bpmn' });
    await sdk.deployResource({ process: Buffer.from(serviceTaskProcess('backlog', 'backlog-work')), name: 'backlog.bpmn' });
    await sdk.deployResource({ process: Buffer.from(serviceTaskProcess('handover', 'handover-work')), name: 'handover.bpmn' });
  });
  after(async () => {
    await bed?.close();
  });

  it('pushes jobs created after the stream opened and lets the worker complete them', async () => {
    // given
    const sdk = bed.sdk();
    const seen: unknown[] = [];
    const worker = sdk.streamJobs({
      type: 'stream-work',
      worker: 'streamer',
      timeout: 60_000,
      tenantIds: ['<default>'],
      taskHandler: (job) => {
        seen.push({ variables: job.variables, headers: job.customHeaders });
        return job.complete({ streamed: true });
      },
    });
    // when
    const instances = await Promise.all(
      [1, 2, 3].map((n) => sdk.createProcessInstance({ bpmnProcessId: 'streamed', variables: { n } })),
    );
    // then
    await Promise.all(instances.map((i) => bed.record(processInstanceCompleted(i.processInstanceKey))));
    expect(seen).to.have.deep.members([1, 2, 3].map((n) => ({ variables: { n }, headers: { kind: 'push' } })));
    (await worker).close();
  });

  it('picks up jobs that existed before the stream opened (the backfill poll)', async () => {
    // given a job waiting before any worker exists
    const sdk = bed.sdk();
    const { processInstanceKey } = await sdk.createProcessInstance({ bpmnProcessId: 'backlog', variables: {} });
    await bed.record((r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === processInstanceKey);
    // when
    const worker = sdk.streamJobs({ type: 'backlog-work', worker: 'late-streamer', timeout: 60_000, tenantIds: ['<default>'], taskHandler: (job) => job.complete() });
    // then
    await bed.record(processInstanceCompleted(processInstanceKey));
    (await worker).close();
  });

  it('stops pushing to a closed stream, closing twice is harmless, and the job goes to the next worker', async () => {
    // given a stream that is closed (the SDK cancels the call) — twice
    const first = bed.sdk();
    const taken: string[] = [];
    const stream = await first.streamJobs({
      type: 'handover-work',
      worker: 'closed-streamer',
      timeout: 60_000,
      tenantIds: ['<default>'],
      taskHandler: (job) => {
        taken.push(job.key);
        return job.complete();
      },
    });
    stream.close();
    stream.close();
    await first.close();
    // when a job is created and a polling worker asks for it
    const second = bed.sdk();
    const { processInstanceKey } = await second.createProcessInstance({ bpmnProcessId: 'handover', variables: {} });
    second.createWorker({ taskType: 'handover-work', id: 'poller', taskHandler: (job) => job.complete() });
    // then the poller, not the closed stream, completed it
    await bed.record(processInstanceCompleted(processInstanceKey));
    expect(taken).to.deep.equal([]);
    const activated = bed.records((r) => r.valueType === 'JOB' && r.intent === 'COMPLETED' && r.value.processInstanceKey === processInstanceKey);
    expect(activated).to.have.length(1);
  });
});
