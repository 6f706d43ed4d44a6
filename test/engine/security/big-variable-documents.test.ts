import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import type { EngineRecord } from '../../../engine/api';
import { startEngineServer, type EngineServer } from '../../../engine/server';
import { serviceTaskProcess } from '../gateway/support/bpmn';

/**
 * A form the size citizens' applications reach with many attachment rows: about 3.5 MB as UTF-8, with Chinese
 * text (three bytes a character), numbers with fractions, booleans, nulls, nested lists and an empty object.
 */
function bigForm(seed: string): Record<string, unknown> {
  const rows = Array.from({ length: 17_500 }, (_, index) => ({
    row: index,
    seed,
    name: `申请材料第${index}项 ${'x'.repeat(40)}`,
    amount: index / 8,
    checked: index % 3 === 0,
    note: index % 5 === 0 ? null : `备注 "quoted" \\ slash ${index}`,
    tags: [index % 7, { k: 'v' }, []],
    extra: {},
  }));
  return { caseNumber: `SD-${seed}`, rows };
}

/** `probe`'s first defined answer, asked every 100 ms for at most 60 s (the history store fills off the engine thread). */
async function waitFor<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('still not there after 60 s');
}

const utf8Bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('valid variable documents near the 4 MB limit', function () {
  this.timeout(180_000);
  let dataDir: string;
  let server: EngineServer;
  let camunda: Camunda8;

  async function start(): Promise<void> {
    server = await startEngineServer({ grpcPort: 0, restPort: 0, dataDir, clock: 'system' });
    const [host, port] = server.grpcAddress.split(':');
    camunda = new Camunda8({
      ZEEBE_GRPC_ADDRESS: `grpc://${host}:${port}`,
      ZEEBE_REST_ADDRESS: server.restUrl,
      CAMUNDA_REST_ADDRESS: server.restUrl,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_LOG_LEVEL: 'none',
      zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE' },
    } as never);
  }

  async function stop(): Promise<void> {
    await camunda?.getZeebeGrpcApiClient().close();
    await server?.close();
  }

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'onego-big-variables-'));
    await start();
    await camunda.getZeebeGrpcApiClient().deployResource({ process: Buffer.from(serviceTaskProcess('big-form', 'check-form')), name: 'big-form.bpmn' });
  });
  after(async () => {
    await stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** The one job of `processInstanceKey`, activated over gRPC with `fetchVariable` (default: every variable). */
  async function activateOver(processInstanceKey: string, fetchVariable?: string[]): Promise<{ key: string; variables: Record<string, unknown> }> {
    const zeebe = camunda.getZeebeGrpcApiClient();
    for (let attempt = 0; attempt < 50; attempt++) {
      const jobs = await zeebe.activateJobs({ type: 'check-form', worker: 'checker', maxJobsToActivate: 10, timeout: 60_000, requestTimeout: 1000, fetchVariable } as never);
      const mine = jobs.find((job) => job.processInstanceKey === processInstanceKey);
      for (const other of jobs.filter((job) => job !== mine)) await zeebe.failJob({ jobKey: other.key, retries: 3, errorMessage: 'not this test step', retryBackOff: 0 });
      if (mine) return { key: mine.key, variables: mine.variables as Record<string, unknown> };
    }
    throw new Error(`no job of instance ${processInstanceKey} was activated`);
  }

  function variableRecords(processInstanceKey: string, name: string): EngineRecord[] {
    return server.engine.readRecords(0).filter((record) => record.valueType === 'VARIABLE' && record.value.processInstanceKey === processInstanceKey && record.value.name === name);
  }

  it('round-trips a 3.5 MB document sent over gRPC through the log, job activation and a restart unchanged', async () => {
    // given
    const form = bigForm('grpc');
    expect(utf8Bytes(form)).to.be.within(3_000_000, 3_900_000);
    const zeebe = camunda.getZeebeGrpcApiClient();

    // when
    const created = await zeebe.createProcessInstance({ bpmnProcessId: 'big-form', variables: { form, small: 1 } as never });
    const job = await activateOver(created.processInstanceKey);

    // then: the worker gets it as sent, and the log holds exactly its JSON text once for the variable
    expect(job.variables.form).to.deep.equal(form);
    expect(job.variables.small).to.equal(1);
    const [record] = variableRecords(created.processInstanceKey, 'form');
    expect(record.intent).to.equal('CREATED');
    expect(record.value.value).to.equal(JSON.stringify(form));
    const command = server.engine.readRecords(0).find((r) => r.valueType === 'PROCESS_INSTANCE_CREATION' && r.intent === 'CREATED' && r.value.processInstanceKey === created.processInstanceKey);
    expect(command?.value.variables).to.deep.equal({ form, small: 1 });

    // when: a worker answers with another big document, and the engine restarts
    const answer = bigForm('answer');
    await zeebe.failJob({ jobKey: job.key, retries: 2, errorMessage: 'look again', retryBackOff: 0, variables: { answer } } as never);
    await stop();
    await start();
    const again = await activateOver(created.processInstanceKey, ['form']);
    await camunda.getZeebeGrpcApiClient().failJob({ jobKey: again.key, retries: 1, errorMessage: 'and once more', retryBackOff: 0 });
    const answered = await activateOver(created.processInstanceKey, ['answer']);

    // then: replay rebuilt both from the log (each alone, since together they exceed the 4 MB job message limit)
    expect(again.variables.form).to.deep.equal(form);
    expect(answered.variables.answer).to.deep.equal(answer);
  });

  it('round-trips a 3.5 MB document sent over REST (create, set variables, complete) and reads it back with GET /v2/variables', async () => {
    // given
    const rest = camunda.getCamundaRestClient();
    const form = bigForm('rest');

    // when: created over REST, then replaced by a set-variables call with another big document
    const created = await rest.createProcessInstance({ processDefinitionId: 'big-form', variables: { form } });
    const key = String(created.processInstanceKey);
    const revised = bigForm('revised');
    const update = await fetch(`${server.restUrl}/v2/element-instances/${key}/variables`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ variables: { form: revised } }),
    });
    expect(update.status, await update.clone().text()).to.equal(204);
    const job = await activateOver(key);

    // then
    expect(job.variables.form).to.deep.equal(revised);
    const records = variableRecords(key, 'form');
    expect(records.map((record) => record.intent)).to.deep.equal(['CREATED', 'UPDATED']);
    expect(records.map((record) => JSON.parse(record.value.value as string))).to.deep.equal([form, revised]);

    // when: the worker completes the job over REST with a big result
    const result = bigForm('result');
    const completed = await fetch(`${server.restUrl}/v2/jobs/${job.key}/completion`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ variables: { result } }),
    });
    expect(completed.status, await completed.clone().text()).to.equal(204);

    // then: the history store serves the value as the same JSON
    const variableKey = await waitFor(async () => {
      const found = await rest.searchVariables({ filter: { processInstanceKey: key, name: 'result' } } as never);
      return found.items[0]?.variableKey;
    });
    const response = await fetch(`${server.restUrl}/v2/variables/${variableKey}`);
    const variable = (await response.json()) as { value: string; isTruncated?: boolean };
    expect(JSON.parse(variable.value)).to.deep.equal(result);
  });

  it('keeps a document whose values are not plain JSON (set in-process) as JSON makes them', async () => {
    // given: an in-process caller's value with a Date and an undefined entry, big enough to take the reuse path
    const rows = Array.from({ length: 300 }, (_, index) => ({ index, when: new Date(Date.UTC(2026, 0, 1, 0, 0, index)), gone: undefined }));
    // when
    const created = await server.engine.createProcessInstance({ bpmnProcessId: 'big-form', variables: { rows } });
    // then: state holds what the log holds, as before
    const job = await activateOver(created.processInstanceKey);
    expect(job.variables.rows).to.deep.equal(JSON.parse(JSON.stringify(rows)));
  });
});
