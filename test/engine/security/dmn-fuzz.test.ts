import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { ZBClient } from 'zeebe-node';
import { startEngineServer, type EngineServer } from '../../../engine/server';
import { fuzzAttempt, within } from './fuzz-refusals';
import { randomSource } from './fuzz-random';
import { hostileVariables } from './hostile-content';
import { hostileDmn, hostileExpression } from './hostile-dmn';

/** `ONEGO_FUZZ_SEED` repeats a run; `ONEGO_FUZZ_MS` bounds each part (default 15 s). */
const SEED = Number(process.env.ONEGO_FUZZ_SEED ?? 20261205);
const BUDGET_MS = Number(process.env.ONEGO_FUZZ_MS ?? 15_000);

describe(`fuzzing hostile DMN models, decision evaluations and POST /v2/expression/evaluation for a bounded time (seed ${SEED})`, function () {
  this.timeout(BUDGET_MS * 3 + 180_000);
  let dataDir: string;
  let server: EngineServer;
  let zeebeNode: ZBClient;
  let sdkGrpc: ReturnType<Camunda8['getZeebeGrpcApiClient']>;
  let sdkRest: ReturnType<Camunda8['getCamundaRestClient']>;
  const acknowledgedDeployments: string[] = [];
  const acknowledgedEvaluations: string[] = [];
  const unclear: string[] = [];

  function connect(): void {
    const camunda = new Camunda8({
      ZEEBE_GRPC_ADDRESS: `grpc://${server.grpcAddress}`,
      ZEEBE_REST_ADDRESS: server.restUrl,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_LOG_LEVEL: 'none',
      zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_RETRY: false },
    } as never);
    zeebeNode = new ZBClient(server.grpcAddress, { useTLS: false, loglevel: 'NONE', retry: false });
    sdkGrpc = camunda.getZeebeGrpcApiClient();
    sdkRest = camunda.getCamundaRestClient();
  }

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'onego-dmn-fuzz-'));
    server = await startEngineServer({ grpcPort: 0, restPort: 0, dataDir });
    connect();
  });
  after(async () => {
    await Promise.allSettled([zeebeNode?.close(), sdkGrpc?.close()]);
    await server?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const attempt = fuzzAttempt(() => server, unclear);

  it('answers every hostile DMN deployment and every evaluation of what was accepted, with hostile variables, clearly', async () => {
    const random = randomSource(SEED + 7);
    const deadline = Date.now() + BUDGET_MS;
    const clients = ['zeebeNode', 'sdkGrpc', 'sdkRest'] as const;
    let rounds = 0;
    for (let index = 0; Date.now() < deadline; index++, rounds++) {
      const client = clients[index % 3];
      const { name, content, decisionId } = hostileDmn(random, `fuzz_dmn_${index}`);
      const deployed = (await attempt(`deploy ${name} (${content.length} chars) via ${client}`, () =>
        client === 'sdkRest'
          ? sdkRest.deployResources([{ name, content }] as never)
          : (client === 'zeebeNode' ? zeebeNode : sdkGrpc).deployResource({ decision: Buffer.from(content), name } as never),
      )) as { key?: string; deploymentKey?: string } | undefined;
      const key = deployed?.key ?? deployed?.deploymentKey;
      if (key === undefined) continue;
      acknowledgedDeployments.push(String(key));
      for (const evaluator of clients) {
        const variables = random.next() < 0.5 ? { input: random.pick(['a', 'b', 'v1999', random.string()]) } : hostileVariables(random);
        const evaluated = (await attempt(`evaluate ${decisionId} with ${JSON.stringify(variables)?.slice(0, 60)} via ${evaluator}`, () =>
          evaluator === 'sdkRest'
            ? sdkRest.evaluateDecision({ decisionDefinitionId: decisionId, variables } as never)
            : (evaluator === 'zeebeNode' ? zeebeNode : sdkGrpc).evaluateDecision({ decisionId, variables } as never),
        )) as { decisionInstanceKey?: string; decisionEvaluationKey?: string; failedDecisionId?: string; failureMessage?: string } | undefined;
        if (evaluated && evaluated.failedDecisionId) expect(evaluated.failureMessage, `${decisionId} failed without saying why`).to.not.equal('');
        const evaluationKey = evaluated?.decisionInstanceKey ?? evaluated?.decisionEvaluationKey;
        if (evaluationKey) acknowledgedEvaluations.push(String(evaluationKey));
      }
    }
    expect(unclear).to.deep.equal([]);
    expect(rounds, 'rounds run within the budget').to.be.greaterThan(5);
    expect(acknowledgedDeployments.length, 'some hostile models are acceptable').to.be.greaterThan(0);
  });

  it('answers every hostile POST /v2/expression/evaluation with a result or a 400 naming the problem', async () => {
    const random = randomSource(SEED + 8);
    const deadline = Date.now() + BUDGET_MS;
    const statuses = new Map<number, number>();
    while (Date.now() < deadline) {
      const expression = hostileExpression(random);
      const body = random.next() < 0.9 ? JSON.stringify({ expression }) : random.pick(['', '{', 'null', '[]', JSON.stringify({ expression, tenantId: random.json() })]);
      const label = `evaluate ${String(body).slice(0, 80)}`;
      const response = await within(fetch(`${server.restUrl}/v2/expression/evaluation`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }), 60_000, label);
      const answer = (await response.json()) as { result?: unknown; detail?: string };
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status >= 500) unclear.push(`${label}: HTTP ${response.status} ${answer.detail}`);
      else if (response.status !== 200 && !answer.detail) unclear.push(`${label}: HTTP ${response.status} without a detail`);
      if (!server.engine.health().up) unclear.push(`${label}: the engine reported itself down afterwards`);
    }
    expect(unclear).to.deep.equal([]);
    expect([...statuses.keys()].sort()).to.include.members([200, 400]);
    // and an ordinary client is still answered
    const topology = await within(zeebeNode.topology(), 5_000, 'topology after the fuzz');
    expect(topology.brokers).to.have.length(1);
  });

  it('keeps every acknowledged deployment and decision evaluation across a restart', async () => {
    await Promise.allSettled([zeebeNode.close(), sdkGrpc.close()]);
    await server.close();
    server = await startEngineServer({ grpcPort: 0, restPort: 0, dataDir });
    connect();
    const records = server.engine.readRecords(0);
    const deployments = new Set(records.filter((record) => record.valueType === 'DEPLOYMENT' && record.intent === 'CREATED').map((record) => record.key));
    const evaluations = new Set(records.filter((record) => record.valueType === 'DECISION_EVALUATION').map((record) => record.key));
    expect(acknowledgedDeployments.filter((key) => !deployments.has(key)), 'acknowledged deployments missing after the restart').to.deep.equal([]);
    expect(acknowledgedEvaluations.filter((key) => !evaluations.has(key)), 'acknowledged evaluations missing after the restart').to.deep.equal([]);
  });
});
