import { expect } from 'chai';
import { ZBClient } from 'zeebe-node';
import { ADMIN, WORKER, ZHANG_SAN, startRestTestBed, type RestTestBed } from '../gateway/rest/rest-test-bed';
import { basicAuthorization, rawPost, type RawAnswer } from '../../support/raw-http';

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

/** Starts a test bed with these caller limits (read once, when the gateways start) and the parked process deployed. */
async function bedWithLimits(inFlight: string, waiting: string): Promise<RestTestBed> {
  const saved = { ...process.env };
  process.env.ONEGO_MAX_IN_FLIGHT_PER_CALLER = inFlight;
  process.env.ONEGO_MAX_WAITING_PER_CALLER = waiting;
  let bed: RestTestBed;
  try {
    bed = await startRestTestBed({ auth: 'basic' });
  } finally {
    delete process.env.ONEGO_MAX_IN_FLIGHT_PER_CALLER;
    delete process.env.ONEGO_MAX_WAITING_PER_CALLER;
    Object.assign(process.env, saved);
  }
  const form = new FormData();
  form.append('resources', new Blob([PARKED_BPMN]), 'parked.bpmn');
  const deployed = await fetch(`${bed.url}/v2/deployments`, { method: 'POST', body: form, headers: { authorization: basicAuthorization(ADMIN) } });
  expect(deployed.status).to.equal(200);
  return bed;
}

/**
 * A creation whose body arrives slowly (a slow client, or a slow-loris attack): all but its last byte is sent, so
 * it stays in flight until `finish` sends that byte.
 */
function slowCreation(url: string): { answer: Promise<RawAnswer>; finish(): void } {
  const body = JSON.stringify({ processDefinitionId: 'parked' });
  const { client, answer } = rawPost(`${url}/v2/process-instances`, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    authorization: basicAuthorization(ADMIN),
  });
  client.write(body.slice(0, -1));
  return { answer, finish: () => client.end(body.slice(-1)) };
}

describe("a caller over its share of requests in flight (Zeebe's backpressure, per caller; issue 13)", function () {
  this.timeout(60_000);
  let bed: RestTestBed;

  before(async () => {
    // two in flight and two waiting per caller
    bed = await bedWithLimits('2', '2');
  });
  after(async () => {
    await bed?.close();
  });

  it('lets two requests run and two wait, refuses the fifth at once with 429, Retry-After and the settings named, and answers another caller meanwhile', async () => {
    // given a clerk whose password was checked once (the first check is a deliberately slow scrypt)
    expect((await bed.call('GET', '/topology', { caller: ZHANG_SAN })).status).to.equal(200);
    // and the admin with five creations whose bodies are still arriving
    const slow = Array.from({ length: 5 }, () => slowCreation(bed.url));
    const refused = await Promise.race(slow.map(({ answer }) => answer));

    // then the fifth is refused at once, naming the settings
    expect(refused.status).to.equal(429);
    expect(refused.headers['retry-after']).to.equal('1');
    const problem = JSON.parse(refused.body) as { title: string; status: number; detail: string };
    expect(problem).to.include({ title: 'TOO_MANY_REQUESTS', status: 429 });
    expect(problem.detail).to.match(/请求过多.*ONEGO_MAX_IN_FLIGHT_PER_CALLER.*Expected at most 2 requests in flight and 2 waiting per caller/);
    // and another caller is answered meanwhile, not held by the admin's share
    const clerkStarted = performance.now();
    expect((await bed.call('GET', '/topology', { caller: ZHANG_SAN })).status).to.equal(200);
    expect(performance.now() - clerkStarted).to.be.below(1_000);

    // when the bodies arrive, the four that ran or waited are created
    for (const { finish } of slow) finish();
    const statuses = (await Promise.all(slow.map(({ answer }) => answer))).map(({ status }) => status).sort();
    expect(statuses).to.deep.equal([200, 200, 200, 200, 429]);
  });

  it('does not count a creation waiting for its result, so the caller can still send what would end it', async () => {
    // given the admin with four creations parked until their (never coming) result, 3 s
    const parked = Array.from({ length: 4 }, () => bed.call('POST', '/process-instances', { caller: ADMIN, body: { processDefinitionId: 'parked', awaitCompletion: true, requestTimeout: 3_000 } }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // when the admin sends one more request
    const began = performance.now();
    const next = await bed.call('POST', '/process-instances', { caller: ADMIN, body: { processDefinitionId: 'parked' } });
    // then it is answered at once: the parked ones hold none of the admin's two slots
    expect(next.status).to.equal(200);
    expect(performance.now() - began).to.be.below(2_000);
    expect((await Promise.all(parked)).map((response) => response.status)).to.not.include(429);
  });

  it('keeps job completions and failures outside the limit, as Zeebe accepts them under backpressure', async () => {
    // given the worker with parked job activations (outside the limit too)
    const polls = Array.from({ length: 4 }, () =>
      bed.call('POST', '/jobs/activation', { caller: WORKER, body: { type: 'nobody-creates-these', maxJobsToActivate: 1, timeout: 1_000, requestTimeout: 1_000 } }),
    );
    // when the worker completes and fails (unknown) jobs meanwhile, twelve at once
    const answers = await Promise.all([
      ...Array.from({ length: 6 }, () => bed.call('POST', '/jobs/2251799813685249/completion', { caller: WORKER, body: {} })),
      ...Array.from({ length: 6 }, () => bed.call('POST', '/jobs/2251799813685249/failure', { caller: WORKER, body: { retries: 0 } })),
    ]);
    // then none is refused for load: each reaches the engine (which does not know the job)
    expect(new Set(answers.map((response) => response.status))).to.deep.equal(new Set([404]));
    expect((await Promise.all(polls)).map((response) => response.status)).to.deep.equal([200, 200, 200, 200]);
  });
});

describe('a gRPC caller over its share of calls in flight (issue 13)', function () {
  this.timeout(60_000);
  let bed: RestTestBed;

  before(async () => {
    // one call in flight per caller and one waiting (0 would mean no limit)
    bed = await bedWithLimits('1', '1');
  });
  after(async () => {
    await bed?.close();
  });

  it('is refused with RESOURCE_EXHAUSTED naming the settings, while its calls in turn go through', async () => {
    const zeebe = new ZBClient(bed.server.grpcAddress, { basicAuth: { username: ADMIN.username, password: ADMIN.password }, retry: false, loglevel: 'NONE' } as never);
    try {
      // in turn: each call finds the slot free
      for (let index = 0; index < 3; index++) await zeebe.createProcessInstance({ bpmnProcessId: 'parked', variables: { index } });
      // ten at once: beyond the one running and the one waiting, they find no place
      const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => zeebe.createProcessInstance({ bpmnProcessId: 'parked', variables: {} })));
      const messages = outcomes.map((outcome) => (outcome.status === 'rejected' ? String((outcome.reason as Error).message) : 'created'));
      const exhausted = messages.filter((message) => /RESOURCE_EXHAUSTED|^8 /.test(message) && /ONEGO_MAX_IN_FLIGHT_PER_CALLER/.test(message));
      expect(exhausted.length, messages.join('\n')).to.be.at.least(1);
      expect(messages.filter((message) => message !== 'created' && !exhausted.includes(message))).to.deep.equal([]);
    } finally {
      await zeebe.close();
    }
  });
});
