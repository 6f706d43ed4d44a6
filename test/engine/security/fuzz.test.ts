import { expect } from 'chai';
import * as grpc from '@grpc/grpc-js';
import { loadGatewayService } from '../../../engine/gateway/grpc/proto';
import { serviceTaskProcess } from '../gateway/support/bpmn';
import { startRestTestBed, type RestTestBed } from '../gateway/rest/rest-test-bed';
import { randomSource } from './fuzz-random';

/** Every REST route of the gateway, with `:key` for the path parameters. */
const REST_ROUTES: [string, string][] = [
  ['GET', '/topology'], ['GET', '/authentication/me'], ['GET', '/onego/status'], ['GET', '/onego/security/refusals'],
  ['POST', '/process-instances'], ['POST', '/process-instances/search'], ['GET', '/process-instances/:key'],
  ['POST', '/process-instances/:key/cancellation'], ['POST', '/process-instances/:key/modification'], ['POST', '/process-instances/:key/migration'],
  ['GET', '/process-instances/:key/statistics/element-instances'], ['POST', '/process-definitions/search'], ['GET', '/process-definitions/:key'],
  ['GET', '/process-definitions/:key/xml'], ['GET', '/process-definitions/:key/form'], ['POST', '/process-definitions/:key/statistics/element-instances'],
  ['POST', '/process-definitions/statistics/process-instances'], ['POST', '/element-instances/search'], ['GET', '/element-instances/:key'],
  ['PUT', '/element-instances/:key/variables'], ['POST', '/variables/search'], ['GET', '/variables/:key'], ['POST', '/incidents/search'],
  ['GET', '/incidents/:key'], ['POST', '/incidents/:key/resolution'], ['POST', '/jobs/activation'], ['POST', '/jobs/:key/completion'],
  ['POST', '/jobs/:key/failure'], ['POST', '/jobs/:key/error'], ['PATCH', '/jobs/:key'], ['POST', '/messages/publication'],
  ['POST', '/messages/correlation'], ['POST', '/signals/broadcast'], ['POST', '/decision-definitions/evaluation'], ['POST', '/user-tasks/search'],
  ['GET', '/user-tasks/:key'], ['POST', '/user-tasks/:key/assignment'], ['DELETE', '/user-tasks/:key/assignee'], ['POST', '/user-tasks/:key/completion'],
  ['PATCH', '/user-tasks/:key'], ['POST', '/user-tasks/:key/variables/search'], ['GET', '/user-tasks/:key/form'], ['POST', '/audit-logs/search'],
  ['POST', '/resources/:key/deletion'], ['POST', '/deployments'], ['PUT', '/clock'], ['POST', '/clock/reset'],
];

const SEED = Number(process.env.ONEGO_FUZZ_SEED ?? 20261204);
const REST_REQUESTS = 400;
const GRPC_REQUESTS = 300;

describe(`fuzzing the gateways with random and malformed requests (seed ${SEED}; ONEGO_FUZZ_SEED repeats a run)`, () => {
  let bed: RestTestBed;
  before(async () => {
    bed = await startRestTestBed({ clock: 'controlled' });
    await bed.sdk().deployResources([{ name: 'fuzz.bpmn', content: serviceTaskProcess('fuzz', 'fuzz-work') }] as never);
  });
  after(async () => {
    await bed?.close();
  });

  it(`answers each of ${REST_REQUESTS} random REST requests with a status below 500 and stays healthy`, async () => {
    const random = randomSource(SEED);
    const serverErrors: string[] = [];
    for (let i = 0; i < REST_REQUESTS; i++) {
      const [method, template] = random.pick(REST_ROUTES);
      const path = template.replace(':key', () => encodeURIComponent(random.next() < 0.7 ? String(2251799813685249 + random.int(50)) : random.string()));
      const malformed = random.next() < 0.2;
      const body = method === 'GET' ? undefined : malformed ? random.pick(['{"a":', '[1,2', 'not json', '\u0000\u0001', '{"variables":' + '['.repeat(3000)]) : JSON.stringify(random.json());
      const response = await fetch(`${bed.url}/v2${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': random.next() < 0.9 ? 'application/json' : random.pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      if (response.status >= 500 && response.status !== 501) serverErrors.push(`${response.status} ${method} ${path} ${String(body).slice(0, 200)}`);
    }
    expect(serverErrors).to.deep.equal([]);
    expect(bed.server.engine.health().up).to.equal(true);
  });

  it(`answers each of ${GRPC_REQUESTS} random or garbage gRPC calls, and a normal case still runs afterwards`, async () => {
    const random = randomSource(SEED + 1);
    const service = loadGatewayService();
    const unary = Object.entries(service).filter(([, method]) => !method.responseStream && !method.requestStream);
    const Gateway = grpc.makeGenericClientConstructor(service, 'Gateway');
    const client = new Gateway(bed.server.grpcAddress, grpc.credentials.createInsecure()) as unknown as grpc.Client &
      Record<string, (request: object, options: grpc.CallOptions, callback: (error: grpc.ServiceError | null) => void) => void>;
    const unanswered: string[] = [];
    const handlerFailures: string[] = [];
    try {
      for (let i = 0; i < GRPC_REQUESTS; i++) {
        const [name, method] = random.pick(unary);
        const garbage = random.next() < 0.3;
        const outcome = await new Promise<grpc.ServiceError | null | 'unsent'>((resolve) => {
          const deadline = Date.now() + 10_000;
          if (garbage) {
            // raw bytes on the method's path: the server must answer even what it cannot decode
            client.makeUnaryRequest(method.path, (bytes: Buffer) => bytes, (bytes: Buffer) => bytes, random.bytes(), { deadline }, (error) => resolve(error));
            return;
          }
          const request: Record<string, unknown> = {};
          for (const field of ['bpmnProcessId', 'processDefinitionKey', 'version', 'variables', 'name', 'correlationKey', 'timeToLive', 'jobKey', 'retries', 'errorCode', 'elementInstanceKey', 'processInstanceKey', 'incidentKey', 'decisionId', 'signalName', 'resourceKey', 'timeout', 'requestTimeout']) {
            if (random.next() < 0.4) request[field] = field === 'variables' ? JSON.stringify(random.json()) : random.next() < 0.5 ? random.string() : String(random.number());
          }
          try {
            client[name](request, { deadline }, (error) => resolve(error));
          } catch {
            resolve('unsent'); // the client itself refused to encode it
          }
        });
        if (outcome === 'unsent' || outcome === null) continue;
        // grpc-js refusing to encode a field locally never reached the engine
        if (outcome.details?.startsWith('Request message serialization failure')) continue;
        if (outcome.code === grpc.status.DEADLINE_EXCEEDED) unanswered.push(name);
        if (!garbage && (outcome.code === grpc.status.INTERNAL || outcome.code === grpc.status.UNKNOWN)) handlerFailures.push(`${name}: ${outcome.details}`);
      }
    } finally {
      client.close();
    }
    expect(unanswered).to.deep.equal([]);
    expect(handlerFailures).to.deep.equal([]);
    expect(bed.server.engine.health().up).to.equal(true);
    // the engine still does real work for everyone else (deployed again: the fuzz may have deleted it, keys are sequential)
    await bed.sdk().deployResources([{ name: 'fuzz-after.bpmn', content: serviceTaskProcess('fuzz', 'fuzz-work') }] as never);
    const created = await bed.sdk().createProcessInstance({ processDefinitionId: 'fuzz', variables: { after: 'fuzz' } } as never);
    expect((created as { processInstanceKey: string }).processInstanceKey).to.match(/^\d+$/);
  });
});
