import { expect } from 'chai';
import * as grpc from '@grpc/grpc-js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OFF_THREAD_FROM_BYTES } from '../../../engine/gateway/off-thread-json';
import { loadGatewayService } from '../../../engine/gateway/grpc/proto';
import type { Engine } from '../../../engine/engine';
import { startEngineServer, type EngineServer } from '../../../engine/server';
import { bpmn } from '../../support';

const { process: bpmnProcess, start, end, serviceTask, catchEvent, message, messageRef, chain } = bpmn;

/** start → service task "task" (type `read-rows`) whose input mapping reads the big variable → end. */
const READING_PROCESS = bpmnProcess(
  'reads-rows',
  start('start'),
  serviceTask('task', 'read-rows', { inputs: { rowCount: '=count(rows)', lastRow: '=rows[count(rows)].row' } }),
  end('end'),
  chain('start', 'task', 'end'),
);

/** start → message catch (`form-arrived`, correlation key `=caseNumber`) → service task "after" (`after-form`) → end. */
const WAITING_PROCESS = bpmnProcess(
  'waits-for-form',
  message('msg', 'form-arrived', '=caseNumber'),
  start('start'),
  catchEvent('wait', messageRef('msg')),
  serviceTask('after', 'after-form'),
  end('end'),
  chain('start', 'wait', 'after', 'end'),
);

/** Rows enough to make a document of about `bytes` bytes. */
function rows(bytes: number, seed = 'r'): { row: number; text: string }[] {
  return Array.from({ length: Math.ceil(bytes / 100) }, (_, index) => ({ row: index, text: `${seed}-${'文'.repeat(10)}-${'x'.repeat(60)}` }));
}

describe('big JSON bodies and gRPC documents are parsed off the engine thread, with the answers smaller ones get', function () {
  this.timeout(120_000);
  let dataDir: string;
  let server: EngineServer;
  let client: grpc.Client;

  const post = (path: string, body: string | object) =>
    fetch(`${server.restUrl}/v2${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  function grpcCall<T>(rpc: string, request: object): Promise<T> {
    const method = (client as unknown as Record<string, (...args: unknown[]) => unknown>)[rpc].bind(client);
    return new Promise((resolve, reject) => method(request, new grpc.Metadata(), { deadline: Date.now() + 30_000 }, (error: grpc.ServiceError | null, answer: T) => (error ? reject(error) : resolve(answer))));
  }

  async function activateOne(type: string): Promise<{ key: string; processInstanceKey: string; variables: Record<string, unknown> }> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const jobs = await new Promise<{ key: string; processInstanceKey: string; variables: string }[]>((resolve, reject) => {
        const found: { key: string; processInstanceKey: string; variables: string }[] = [];
        const call = (client as unknown as { ActivateJobs: (request: object) => grpc.ClientReadableStream<{ jobs: typeof found }> }).ActivateJobs({ type, worker: 'test', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: 500 });
        call.on('data', (batch) => found.push(...batch.jobs));
        call.on('error', reject);
        call.on('end', () => resolve(found));
      });
      if (jobs.length > 0) return { ...jobs[0], variables: JSON.parse(jobs[0].variables) as Record<string, unknown> };
    }
    throw new Error(`no ${type} job after 100 activations`);
  }

  async function start(): Promise<void> {
    server = await startEngineServer({ grpcPort: 0, restPort: 0, dataDir, clock: 'system' });
    const Gateway = grpc.makeGenericClientConstructor(loadGatewayService(), 'Gateway');
    client = new Gateway(server.grpcAddress, grpc.credentials.createInsecure(), { 'grpc.max_receive_message_length': -1 });
  }

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'onego-off-thread-json-'));
    await start();
    await server.engine.deployResources([
      { name: 'reads-rows.bpmn', content: Buffer.from(READING_PROCESS) },
      { name: 'waits-for-form.bpmn', content: Buffer.from(WAITING_PROCESS) },
    ]);
  });
  after(async () => {
    client?.close();
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers a big malformed body with the 400 a small one gets', async () => {
    const small = await post('/process-instances', '{"processDefinitionId": "reads-rows", "variables": {"a": 1},}');
    const big = await post('/process-instances', `{"processDefinitionId": "reads-rows", "variables": {"a": "${'x'.repeat(OFF_THREAD_FROM_BYTES)}"},}`);
    expect(small.status).to.equal(400);
    expect(big.status).to.equal(400);
    expect(big.headers.get('content-type')).to.contain('application/problem+json');
    const [smallProblem, bigProblem] = [(await small.json()) as { title: string; detail: string }, (await big.json()) as { title: string; detail: string }];
    expect(bigProblem.title).to.equal(smallProblem.title);
    expect(bigProblem.detail).to.match(/^Expected a valid JSON request body, but /);
  });

  it('answers big variables that are not an object, or nest too deep, exactly as small ones', async () => {
    const padding = 'x'.repeat(OFF_THREAD_FROM_BYTES);
    for (const variables of [[1, 2, padding], `${padding}`]) {
      const small = await post('/process-instances', { processDefinitionId: 'reads-rows', variables: Array.isArray(variables) ? [1, 2] : 'text' });
      const big = await post('/process-instances', { processDefinitionId: 'reads-rows', variables });
      expect(big.status).to.equal(400);
      const [smallProblem, bigProblem] = [(await small.json()) as { title: string; detail: string }, (await big.json()) as { title: string; detail: string }];
      expect(bigProblem).to.deep.include({ title: 'INVALID_ARGUMENT' });
      // the same words (the detail quotes the value, which differs)
      expect(bigProblem.detail.split(' but was')[0]).to.equal(smallProblem.detail.split(' but was')[0]);
      expect(smallProblem.detail).to.contain(' but was');
    }
    let deep: unknown = { padding };
    for (let level = 0; level < 150; level++) deep = { level: deep };
    const tooDeep = await post('/process-instances', { processDefinitionId: 'reads-rows', variables: { deep } });
    expect(tooDeep.status).to.equal(400);
    expect(((await tooDeep.json()) as { detail: string }).detail).to.contain('nested at most');
    const grpcDeep = await grpcCall('CreateProcessInstance', { bpmnProcessId: 'reads-rows', version: -1, variables: JSON.stringify({ deep }) }).catch((error: grpc.ServiceError) => error);
    expect((grpcDeep as grpc.ServiceError).code).to.equal(grpc.status.INVALID_ARGUMENT);
    expect((grpcDeep as grpc.ServiceError).details).to.contain('nested at most 100 levels');
    const grpcArray = await grpcCall('CreateProcessInstance', { bpmnProcessId: 'reads-rows', version: -1, variables: JSON.stringify([padding]) }).catch((error: grpc.ServiceError) => error);
    expect((grpcArray as grpc.ServiceError).code).to.equal(grpc.status.INVALID_ARGUMENT);
    expect((grpcArray as grpc.ServiceError).details).to.contain("Expected document to be a root level object, but was 'ARRAY'");
  });

  it('lets an input mapping read a big variable held as text, and delivers it to the worker unchanged', async () => {
    // given an instance created over REST with 300 KB of rows (kept as text on the engine thread) and a small variable;
    // the rows stay within the engine thread's FEEL budget, which charges the lists a mapping names (README, Security)
    const sent = rows(300_000);
    const created = await post('/process-instances', { processDefinitionId: 'reads-rows', variables: { rows: sent, applicant: '张三' } });
    expect(created.status, await created.clone().text()).to.equal(200);
    const { processInstanceKey } = (await created.json()) as { processInstanceKey: string };

    // then the job's input mapping read the rows, and the worker gets them as sent
    const job = await activateOne('read-rows');
    expect(job.processInstanceKey).to.equal(processInstanceKey);
    expect(job.variables.rowCount).to.equal(sent.length);
    expect(job.variables.lastRow).to.equal(sent.length - 1);
    expect(job.variables.applicant).to.equal('张三');
    expect(job.variables.rows).to.deep.equal(sent);
  });

  it('correlates a big message document over gRPC and completes a job with a big document over REST, losing nothing', async () => {
    // given an instance waiting for its form
    const waiting = await post('/process-instances', { processDefinitionId: 'waits-for-form', variables: { caseNumber: 'SD-1' } });
    expect(waiting.status, await waiting.clone().text()).to.equal(200);

    // when the form arrives as a 600 KB message over gRPC
    const form = rows(600_000, 'message');
    await grpcCall('PublishMessage', { name: 'form-arrived', correlationKey: 'SD-1', timeToLive: 60_000, variables: JSON.stringify({ form }) });

    // then the next job sees it, and completing that job with 600 KB more over REST sets it too
    const job = await activateOne('after-form');
    expect(job.variables.form).to.deep.equal(form);
    const review = rows(600_000, 'review');
    const completed = await post(`/jobs/${job.key}/completion`, { variables: { review } });
    expect(completed.status, await completed.clone().text()).to.equal(204);
    // and the log holds both as the JSON they were sent as, and the instance went on to its end
    const written = (name: string) =>
      server.engine
        .readRecords(0)
        .filter((record) => record.valueType === 'VARIABLE' && record.value.processInstanceKey === job.processInstanceKey && record.value.name === name)
        .map((record) => JSON.parse(record.value.value as string) as unknown);
    expect(written('form')).to.deep.equal([form]);
    expect(written('review')).to.deep.equal([review]);
    const ended = server.engine.readRecords(0).some((record) => record.valueType === 'PROCESS_INSTANCE' && record.intent === 'ELEMENT_COMPLETED' && record.key === job.processInstanceKey);
    expect(ended).to.equal(true);
  });

  it('keeps a big variable held as text through a snapshot and a restart', async () => {
    // given an instance waiting for its form, and the form arriving over REST as 800 KB (held as text)
    const created = await post('/process-instances', { processDefinitionId: 'waits-for-form', variables: { caseNumber: 'SD-2' } });
    expect(created.status, await created.clone().text()).to.equal(200);
    const form = rows(800_000, 'snapshot');
    const published = await post('/messages/publication', { name: 'form-arrived', correlationKey: 'SD-2', timeToLive: 0, variables: { form } });
    expect(published.status, await published.clone().text()).to.equal(200);

    // when a snapshot is taken (it serializes state, reading the value) and the engine restarts from it
    const taken = await (server.engine as Engine).takeSnapshot();
    expect(taken, 'a snapshot was written').to.not.equal(undefined);
    client.close();
    await server.close();
    await start();

    // then the worker gets the form as sent
    const job = await activateOne('after-form');
    expect(job.variables.caseNumber).to.equal('SD-2');
    expect(job.variables.form).to.deep.equal(form);
  });
});
