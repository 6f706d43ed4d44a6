import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { ZBClient } from 'zeebe-node';
import type { EngineRecord } from '../../../engine/api';
import { startEngineServer, type EngineServer } from '../../../engine/server';
import { fuzzAttempt, within } from './fuzz-refusals';
import { randomSource } from './fuzz-random';
import { HOSTILE_FEEL, hostileBpmn, hostileVariables, processWithFeel } from './hostile-content';
import { SEARCH_ROUTES, hostileSearchBody } from './hostile-search-filters';

/** `ONEGO_FUZZ_SEED` repeats a run; `ONEGO_FUZZ_VERBOSE=1` prints each refusal the engine answered. */
const SEED = Number(process.env.ONEGO_FUZZ_SEED ?? 20261205);
const PER_CLIENT = 8;

/** The three official clients, with retries off so refusals surface. */
interface Clients {
  zeebeNode: ZBClient;
  sdkGrpc: ReturnType<Camunda8['getZeebeGrpcApiClient']>;
  sdkRest: ReturnType<Camunda8['getCamundaRestClient']>;
}

function clientsFor(server: EngineServer): Clients {
  const camunda = new Camunda8({
    ZEEBE_GRPC_ADDRESS: `grpc://${server.grpcAddress}`,
    ZEEBE_REST_ADDRESS: server.restUrl,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    CAMUNDA_LOG_LEVEL: 'none',
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_RETRY: false },
  } as never);
  return {
    zeebeNode: new ZBClient(server.grpcAddress, { useTLS: false, loglevel: 'NONE', retry: false }),
    sdkGrpc: camunda.getZeebeGrpcApiClient(),
    sdkRest: camunda.getCamundaRestClient(),
  };
}

/** The next committed record that matches (only records committed from now on). */
function nextRecord(engine: EngineServer['engine'], predicate: (record: EngineRecord) => boolean): Promise<EngineRecord> {
  return new Promise((resolve) => {
    const unsubscribe = engine.onCommitted((records) => {
      const found = records.find(predicate);
      if (!found) return;
      unsubscribe();
      resolve(found);
    });
  });
}

describe(`fuzzing hostile BPMN, FEEL and variables through zeebe-node and the SDK's gRPC and REST clients (seed ${SEED}; ONEGO_FUZZ_SEED repeats a run)`, function () {
  this.timeout(300_000);
  let dataDir: string;
  let server: EngineServer;
  let clients: Clients;
  const acknowledgedInstances: string[] = [];
  const acknowledgedDeployments: string[] = [];
  const unclear: string[] = [];

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'onego-content-fuzz-'));
    server = await startEngineServer({ grpcPort: 0, restPort: 0, dataDir });
    clients = clientsFor(server);
    const base = await clients.sdkGrpc.deployResource({ process: Buffer.from(processWithFeel('fuzz-content', '1 + 1', 'fuzz-content')), name: 'fuzz-content.bpmn' } as never);
    acknowledgedDeployments.push(String((base as { key: string }).key));
  });
  after(async () => {
    await Promise.allSettled([clients?.zeebeNode.close(), clients?.sdkGrpc.close()]);
    await server?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const attempt = fuzzAttempt(() => server, unclear);

  it('answers every malformed, huge, deep or entity-laden deployment with success or a clear refusal', async () => {
    const random = randomSource(SEED);
    for (let index = 0; index < PER_CLIENT; index++) {
      for (const client of ['zeebeNode', 'sdkGrpc', 'sdkRest'] as const) {
        const { name, content } = hostileBpmn(random, `fuzz-bpmn-${client}-${index}`);
        const deployed = (await attempt(`deploy ${name} (${content.length} chars) via ${client}`, () =>
          client === 'sdkRest'
            ? clients.sdkRest.deployResources([{ name, content }] as never)
            : clients[client].deployResource({ process: Buffer.from(content), name } as never),
        )) as { key?: string; deploymentKey?: string } | undefined;
        const key = deployed?.key ?? deployed?.deploymentKey;
        if (key === undefined) continue;
        acknowledgedDeployments.push(String(key));
        // what was accepted must also run: deep nesting included
        const processId = name.replace(/\.bpmn$/, '');
        const created = (await attempt(`start ${processId}`, () => clients.zeebeNode.createProcessInstance({ bpmnProcessId: processId, variables: {} }))) as { processInstanceKey?: string } | undefined;
        if (created?.processInstanceKey !== undefined) acknowledgedInstances.push(String(created.processInstanceKey));
      }
    }
    expect(unclear).to.deep.equal([]);
  });

  it('answers every hostile variables document (deep, huge, odd unicode, odd names, wrong types) and starts the acceptable ones', async () => {
    const random = randomSource(SEED + 1);
    for (let index = 0; index < PER_CLIENT; index++) {
      for (const client of ['zeebeNode', 'sdkGrpc', 'sdkRest'] as const) {
        const variables = hostileVariables(random);
        const created = (await attempt(`create with ${JSON.stringify(variables)?.slice(0, 80)} via ${client}`, () =>
          client === 'sdkRest'
            ? clients.sdkRest.createProcessInstance({ processDefinitionId: 'fuzz-content', variables } as never)
            : clients[client].createProcessInstance({ bpmnProcessId: 'fuzz-content', variables } as never),
        )) as { processInstanceKey?: string } | undefined;
        if (created?.processInstanceKey !== undefined) acknowledgedInstances.push(String(created.processInstanceKey));
      }
    }
    expect(unclear).to.deep.equal([]);
    expect(acknowledgedInstances.length, 'some hostile documents are acceptable and were started').to.be.greaterThan(0);
  });

  it('turns every runaway or broken FEEL mapping into an incident or a refused deployment, never a frozen engine', async () => {
    const outcomes: string[] = [];
    for (const [index, feel] of HOSTILE_FEEL.entries()) {
      const id = `fuzz-feel-${index}`;
      const client = (['zeebeNode', 'sdkGrpc', 'sdkRest'] as const)[index % 3];
      const deployed = await attempt(`deploy FEEL ${feel.slice(0, 60)} via ${client}`, () =>
        client === 'sdkRest'
          ? clients.sdkRest.deployResources([{ name: `${id}.bpmn`, content: processWithFeel(id, feel, 'fuzz-feel') }] as never)
          : clients[client].deployResource({ process: Buffer.from(processWithFeel(id, feel, 'fuzz-feel')), name: `${id}.bpmn` } as never),
      );
      if (!deployed) {
        outcomes.push('refused');
        continue;
      }
      // Listen before starting: reading the whole log back for each expression would cost more than the fuzz.
      const outcome = nextRecord(server.engine, (record) => record.value.bpmnProcessId === id && ((record.valueType === 'INCIDENT' && record.intent === 'CREATED') || (record.valueType === 'JOB' && record.intent === 'CREATED')));
      const created = (await attempt(`start ${id}`, () => clients.zeebeNode.createProcessInstance({ bpmnProcessId: id, variables: {} }))) as { processInstanceKey: string } | undefined;
      if (!created) continue;
      acknowledgedInstances.push(String(created.processInstanceKey));
      const settled = await within(outcome, 30_000, `an incident or a job for ${id}`);
      outcomes.push(settled.valueType === 'INCIDENT' ? 'incident' : 'job');
      if (settled.valueType === 'INCIDENT') expect(String(settled.value.errorMessage), feel.slice(0, 60)).to.not.equal('');
    }
    expect(unclear).to.deep.equal([]);
    expect(outcomes).to.include('incident');
    // and the engine still answers an ordinary client at once
    const topology = await within(clients.zeebeNode.topology(), 5_000, 'topology after the FEEL fuzz');
    expect(topology.brokers).to.have.length(1);
  });

  it('answers every hostile search filter with results or a clear refusal, in bounded time, while another client is answered, and finds every acknowledged instance afterwards', async () => {
    const random = randomSource(SEED + 2);
    const searches = 48;
    for (let index = 0; index < searches; index += 4) {
      // four hostile searches at once, and an ordinary client's topology meanwhile
      const batch = Array.from({ length: 4 }, () => {
        const route = random.pick(SEARCH_ROUTES);
        const body = JSON.stringify(hostileSearchBody(random));
        const label = `POST ${route} ${body.slice(0, 100)} (${body.length} chars)`;
        return within(
          fetch(`${server.restUrl}/v2${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(async (response) => ({ status: response.status, text: await response.text() })),
          30_000,
          label,
        ).then(
          (answer) => {
            if (answer.status >= 500) unclear.push(`${label}: HTTP ${answer.status} ${answer.text.slice(0, 200)}`);
            else if (answer.status >= 400 && !/"detail"/.test(answer.text)) unclear.push(`${label}: HTTP ${answer.status} without a detail`);
          },
          (error: Error) => unclear.push(`${label}: ${error.message}`),
        );
      });
      await within(clients.zeebeNode.topology(), 10_000, 'topology while hostile searches run');
      await Promise.all(batch);
      if (!server.engine.health().up) unclear.push(`the engine reported itself down after search batch ${index / 4}`);
    }
    expect(unclear).to.deep.equal([]);
    // and history still holds every instance acknowledged so far
    const found = new Set<string>();
    for (let attempt = 0; attempt < 50 && found.size < acknowledgedInstances.length; attempt++) {
      const response = await fetch(`${server.restUrl}/v2/process-instances/search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ filter: { processInstanceKey: { $in: acknowledgedInstances } }, page: { limit: 1000 } }),
      });
      for (const item of ((await response.json()) as { items: { processInstanceKey: string }[] }).items) found.add(item.processInstanceKey);
      if (found.size < acknowledgedInstances.length) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(acknowledgedInstances.filter((key) => !found.has(key)), 'acknowledged instances missing from history').to.deep.equal([]);
  });

  it('keeps every acknowledged deployment and instance across a restart', async () => {
    await Promise.allSettled([clients.zeebeNode.close(), clients.sdkGrpc.close()]);
    await server.close();
    server = await startEngineServer({ grpcPort: 0, restPort: 0, dataDir });
    clients = clientsFor(server);
    const records = server.engine.readRecords(0);
    const instances = new Set(records.filter((record) => record.valueType === 'PROCESS_INSTANCE' && record.value.bpmnElementType === 'PROCESS').map((record) => record.key));
    const deployments = new Set(records.filter((record) => record.valueType === 'DEPLOYMENT' && record.intent === 'CREATED').map((record) => record.key));
    expect(acknowledgedInstances.filter((key) => !instances.has(key)), 'acknowledged instances missing after the restart').to.deep.equal([]);
    expect(acknowledgedDeployments.filter((key) => !deployments.has(key)), 'acknowledged deployments missing after the restart').to.deep.equal([]);
    const created = await clients.sdkRest.createProcessInstance({ processDefinitionId: 'fuzz-content', variables: { after: 'restart' } } as never);
    expect(String((created as { processInstanceKey: string }).processInstanceKey)).to.match(/^\d+$/);
  });
});
