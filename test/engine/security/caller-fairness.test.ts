import { expect } from 'chai';
import { ZBClient } from 'zeebe-node';
import { ADMIN, WORKER, ZHANG_SAN, startRestTestBed, type RestTestBed } from '../gateway/rest/rest-test-bed';

/**
 * Issue 13: one caller must not take the engine from the others. Zeebe's backpressure (Camunda docs,
 * "Backpressure": an "inflight count" per partition, requests above the "limit" rejected with RESOURCE_EXHAUSTED,
 * CompleteJob and FailJob always accepted) limits requests in flight per partition; OneGo limits them per caller
 * (ONEGO_MAX_IN_FLIGHT_PER_CALLER), lets a few more wait unread (ONEGO_MAX_WAITING_PER_CALLER) and refuses the
 * rest at the front door: REST 429 with Retry-After, gRPC RESOURCE_EXHAUSTED, both naming the settings.
 */
const PARKED_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="parked" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
    <bpmn:serviceTask id="wait"><bpmn:extensionElements><zeebe:taskDefinition type="never-worked" /></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

describe("a caller over its share of requests in flight (Zeebe's backpressure, per caller; issue 13)", function () {
  this.timeout(60_000);
  let bed: RestTestBed;
  const saved = { ...process.env };

  before(async () => {
    // Read once when the gateways start: two in flight and two waiting per caller.
    process.env.ONEGO_MAX_IN_FLIGHT_PER_CALLER = '2';
    process.env.ONEGO_MAX_WAITING_PER_CALLER = '2';
    try {
      bed = await startRestTestBed({ auth: 'basic' });
    } finally {
      delete process.env.ONEGO_MAX_IN_FLIGHT_PER_CALLER;
      delete process.env.ONEGO_MAX_WAITING_PER_CALLER;
      Object.assign(process.env, saved);
    }
    const form = new FormData();
    form.append('resources', new Blob([PARKED_BPMN]), 'parked.bpmn');
    const deployed = await fetch(`${bed.url}/v2/deployments`, { method: 'POST', body: form, headers: { authorization: `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}` } });
    expect(deployed.status).to.equal(200);
  });
  after(async () => {
    await bed?.close();
  });

  /** An instance creation that waits for a result that never comes, for `ms`: a request that stays in flight. */
  const parkedCreation = (ms: number) => bed.call('POST', '/process-instances', { caller: ADMIN, body: { processDefinitionId: 'parked', awaitCompletion: true, requestTimeout: ms } });

  it('lets two requests run and two wait, refuses the fifth at once with 429, Retry-After and the settings named, and answers another caller meanwhile', async () => {
    // given a clerk whose password was checked once (the first check is a deliberately slow scrypt)
    expect((await bed.call('GET', '/topology', { caller: ZHANG_SAN })).status).to.equal(200);
    // and the admin with five requests that each stay in flight 1.5 s
    const began = performance.now();
    const pending = Array.from({ length: 5 }, () => parkedCreation(1_500).then(async (response) => ({ response, at: performance.now() - began, body: await response.text() })));
    // when another caller asks for the topology meanwhile
    await new Promise((resolve) => setTimeout(resolve, 200));
    const clerkStarted = performance.now();
    const topology = await bed.call('GET', '/topology', { caller: ZHANG_SAN });
    const clerkMs = performance.now() - clerkStarted;
    const answers = await Promise.all(pending);

    // then the other caller was answered without waiting for the admin's share
    expect(topology.status).to.equal(200);
    expect(clerkMs).to.be.below(1_000);
    // and exactly one of the admin's five was refused at once, before any of the others ended
    const refused = answers.filter(({ response }) => response.status === 429);
    expect(refused).to.have.length(1);
    expect(refused[0].at).to.be.below(1_000);
    expect(refused[0].response.headers.get('retry-after')).to.equal('1');
    const problem = JSON.parse(refused[0].body) as { title: string; status: number; detail: string };
    expect(problem).to.include({ title: 'TOO_MANY_REQUESTS', status: 429 });
    expect(problem.detail).to.match(/请求过多.*ONEGO_MAX_IN_FLIGHT_PER_CALLER.*Expected at most 2 requests in flight and 2 waiting per caller/);
    // and the two that waited ran after the first two: each answered (the engine's timeout) about 1.5 s later
    const timedOut = answers.filter(({ response }) => response.status !== 429).map(({ at }) => at).sort((a, b) => a - b);
    expect(timedOut).to.have.length(4);
    expect(timedOut[2] - timedOut[0]).to.be.above(1_000);
  });

  it('keeps job completions and failures outside the limit, as Zeebe accepts them under backpressure', async () => {
    // given the worker's share taken by parked job activations … which are outside the limit too
    const polls = Array.from({ length: 4 }, () =>
      bed.call('POST', '/jobs/activation', { caller: WORKER, body: { type: 'nobody-creates-these', maxJobsToActivate: 1, timeout: 1_000, requestTimeout: 1_000 } }),
    );
    // when the worker completes and fails (unknown) jobs meanwhile
    const answers = await Promise.all([
      ...Array.from({ length: 6 }, () => bed.call('POST', '/jobs/2251799813685249/completion', { caller: WORKER, body: {} })),
      ...Array.from({ length: 6 }, () => bed.call('POST', '/jobs/2251799813685249/failure', { caller: WORKER, body: { retries: 0 } })),
    ]);
    // then none is refused for load: each reaches the engine (which does not know the job)
    expect(answers.map((response) => response.status)).to.not.include(429);
    expect(new Set(answers.map((response) => response.status))).to.deep.equal(new Set([404]));
    expect((await Promise.all(polls)).map((response) => response.status)).to.deep.equal([200, 200, 200, 200]);
  });

  it('refuses a gRPC caller over its share with RESOURCE_EXHAUSTED naming the settings', async () => {
    const zeebe = new ZBClient(bed.server.grpcAddress, { basicAuth: { username: ADMIN.username, password: ADMIN.password }, retry: false, loglevel: 'NONE' } as never);
    try {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 5 }, () => zeebe.createProcessInstanceWithResult({ bpmnProcessId: 'parked', variables: {}, requestTimeout: 1_500 })),
      );
      const exhausted = outcomes.filter((outcome) => outcome.status === 'rejected' && /RESOURCE_EXHAUSTED|8 /.test(String((outcome.reason as Error).message)) && /ONEGO_MAX_IN_FLIGHT_PER_CALLER/.test(String((outcome.reason as Error).message)));
      expect(exhausted, outcomes.map((outcome) => (outcome.status === 'rejected' ? (outcome.reason as Error).message : 'ok')).join('\n')).to.have.length(1);
    } finally {
      await zeebe.close();
    }
  });
});
