import { expect } from 'chai';
import { serviceTaskProcess } from '../support/bpmn';
import { processInstanceCompleted, startGatewayTestBed, type GatewayTestBed } from '../support/test-bed';

type GrpcFailure = { code: number; details: string };
const failure = (e: GrpcFailure) => e;

describe('the gRPC gateway: ActivateJobs (polling workers, long polling)', () => {
  let bed: GatewayTestBed;
  before(async () => {
    bed = await startGatewayTestBed();
    const sdk = bed.sdk();
    await sdk.deployResource({
      process: Buffer.from(serviceTaskProcess('polled', 'polled-work', { department: '市场监管局', sla: '2h' })),
      name: 'polled.bpmn',
    });
    await sdk.deployResource({ process: Buffer.from(serviceTaskProcess('node-polled', 'node-work')), name: 'node-polled.bpmn' });
    await sdk.deployResource({ process: Buffer.from(serviceTaskProcess('late', 'late-work')), name: 'late.bpmn' });
    await sdk.deployResource({ process: Buffer.from(serviceTaskProcess('manual', 'manual-work')), name: 'manual.bpmn' });
  });
  after(async () => {
    await bed?.close();
  });

  it("lets an SDK polling worker complete jobs, seeing the task's variables and headers", async () => {
    // given
    const sdk = bed.sdk();
    const seen: { variables: unknown; headers: unknown }[] = [];
    sdk.createWorker({
      taskType: 'polled-work',
      taskHandler: (job) => {
        seen.push({ variables: job.variables, headers: job.customHeaders });
        return job.complete({ approved: true });
      },
    });
    // when
    const { processInstanceKey } = await sdk.createProcessInstance({ bpmnProcessId: 'polled', variables: { applicant: '张三' } });
    // then
    await bed.record(processInstanceCompleted(processInstanceKey));
    expect(seen).to.deep.equal([{ variables: { applicant: '张三' }, headers: { department: '市场监管局', sla: '2h' } }]);
    const approved = bed.records((r) => r.valueType === 'VARIABLE' && r.value.name === 'approved' && r.value.processInstanceKey === processInstanceKey);
    expect(approved).to.have.length(1);
  });

  it('lets a zeebe-node polling worker complete a job with no variables and no headers', async () => {
    // given
    const zbc = bed.zeebeNode();
    const seen: unknown[] = [];
    zbc.createWorker({
      taskType: 'node-work',
      taskHandler: (job) => {
        seen.push([job.variables, job.customHeaders]);
        return job.complete();
      },
    });
    // when
    const { processInstanceKey } = await zbc.createProcessInstance({ bpmnProcessId: 'node-polled', variables: {} });
    // then
    await bed.record(processInstanceCompleted(processInstanceKey));
    expect(seen).to.deep.equal([[{}, {}]]);
  });

  it('answers at once with no jobs when requestTimeout is -1', async () => {
    const jobs = await bed.sdk().activateJobs({
      type: 'nothing-of-this-type',
      worker: 'w',
      maxJobsToActivate: 5,
      timeout: 10_000,
      requestTimeout: -1,
    });
    expect(jobs).to.deep.equal([]);
  });

  for (const [requestTimeout, meaning] of [
    [20_000, 'its own requestTimeout'],
    [0, "the server's default long-polling timeout"],
  ] as const) {
    it(`holds a long poll open (${meaning}) and answers it when a job of its type is created`, async () => {
      // given a long poll issued before any job exists
      const sdk = bed.sdk();
      const polling = sdk.activateJobs({ type: 'late-work', worker: 'late-worker', maxJobsToActivate: 5, timeout: 60_000, requestTimeout });
      // a second, non-waiting poll on the same channel comes back empty only after the first one has arrived
      expect(await sdk.activateJobs({ type: 'late-work', worker: 'probe', maxJobsToActivate: 1, timeout: 1000, requestTimeout: -1 })).to.deep.equal([]);
      // when
      const { processInstanceKey } = await sdk.createProcessInstance({ bpmnProcessId: 'late', variables: { n: 7 } });
      // then
      const jobs = await polling;
      expect(jobs).to.have.length(1);
      expect(jobs[0]).to.include({ type: 'late-work', worker: 'late-worker', processInstanceKey, bpmnProcessId: 'late', elementId: 'task' });
      expect(jobs[0].variables).to.deep.equal({ n: 7 });
      expect(Number(jobs[0].deadline)).to.be.greaterThan(Date.now());
    });
  }

  it('activates a job only once, however many pollers ask', async () => {
    // given
    const sdk = bed.sdk();
    const { processInstanceKey } = await sdk.createProcessInstance({ bpmnProcessId: 'manual', variables: {} });
    await bed.record((r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === processInstanceKey);
    // when
    const request = { type: 'manual-work', worker: 'racer', maxJobsToActivate: 10, timeout: 60_000, requestTimeout: -1 };
    // zeebe-node's activateJobs settles only when a response message arrives, so it would wait forever if another
    // poller won the race; it asks through a second SDK client instead, a separate channel like zeebe-node's.
    const answers = await Promise.all([sdk.activateJobs(request), sdk.activateJobs(request), bed.sdk().activateJobs(request)]);
    // then
    expect(answers.flat().filter((job) => job.processInstanceKey === processInstanceKey)).to.have.length(1);
  });

  it('hands a worker only the variables it asked for', async () => {
    // given
    const sdk = bed.sdk();
    const { processInstanceKey } = await sdk.createProcessInstance({ bpmnProcessId: 'manual', variables: { wanted: 1, unwanted: 2 } });
    await bed.record((r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === processInstanceKey);
    // when
    const jobs = await sdk.activateJobs({
      type: 'manual-work',
      worker: 'picky',
      maxJobsToActivate: 10,
      timeout: 60_000,
      requestTimeout: -1,
      fetchVariable: ['wanted'],
    });
    // then
    const job = jobs.find((j) => j.processInstanceKey === processInstanceKey);
    expect(job?.variables).to.deep.equal({ wanted: 1 });
    await Promise.all(jobs.map((j) => sdk.completeJob({ jobKey: j.key, variables: {} })));
  });

  it('lets a job created after a parked worker closed go to the next worker, not to the cancelled poll', async () => {
    // given an SDK worker whose long poll is parked, then closed (the SDK cancels the call)
    const first = bed.sdk();
    const taken: string[] = [];
    const closing = first.createWorker({
      taskType: 'handover-poll',
      taskHandler: (job) => {
        taken.push(job.key);
        return job.complete();
      },
    });
    await bed.sdk().activateJobs({ type: 'handover-poll', worker: 'probe', maxJobsToActivate: 1, timeout: 1000, requestTimeout: -1 });
    await closing.close();
    // when a job is created and another worker asks
    const second = bed.zeebeNode();
    await bed.sdk().deployResource({ process: Buffer.from(serviceTaskProcess('handover-poll', 'handover-poll')), name: 'hp.bpmn' });
    const { processInstanceKey } = await second.createProcessInstance({ bpmnProcessId: 'handover-poll', variables: {} });
    second.createWorker({ taskType: 'handover-poll', taskHandler: (job) => job.complete() });
    // then the second worker completed it and the closed one never saw it
    await bed.record(processInstanceCompleted(processInstanceKey));
    expect(taken).to.deep.equal([]);
  });

  it('refuses a blank job type with INVALID_ARGUMENT', async () => {
    const error = await bed
      .sdk()
      .activateJobs({ type: '', worker: 'w', maxJobsToActivate: 1, timeout: 1000, requestTimeout: -1 })
      .then(() => undefined, failure);
    expect(error?.code).to.equal(3);
  });
});
