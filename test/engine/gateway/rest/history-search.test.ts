import { expect } from 'chai';
import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngineServer, type EngineServer } from '../../../../engine/server';
import { straightThroughProcess } from '../support/bpmn';

async function post(server: EngineServer, path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${server.restUrl}/v2${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function deploy(server: EngineServer, processId: string): Promise<void> {
  const form = new FormData();
  form.append('resources', new Blob([straightThroughProcess(processId)]), `${processId}.bpmn`);
  expect((await fetch(`${server.restUrl}/v2/deployments`, { method: 'POST', body: form })).status).to.equal(200);
}

type Page = { totalItems: number; startCursor?: string; endCursor?: string };

describe('the REST gateway: searches read the history store', function () {
  this.timeout(60_000);
  let dataDir: string;
  let server: EngineServer | undefined;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'onego-history-rest-'));
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  it('finds instances finished before a restart, from history.sqlite, and answers what it holds', async () => {
    // given three finished instances, then a restart
    server = await startEngineServer({ grpcPort: 0, restPort: 0, dataDir });
    await deploy(server, 'straight');
    const keys: string[] = [];
    for (let index = 0; index < 3; index += 1) keys.push(String((await post(server, '/process-instances', { processDefinitionId: 'straight' })).json.processInstanceKey));
    await server.close();
    server = await startEngineServer({ grpcPort: 0, restPort: 0, dataDir });
    // when
    const found = await post(server, '/process-instances/search', { filter: { processDefinitionId: 'straight', state: 'COMPLETED' }, sort: [{ field: 'processInstanceKey' }] });
    // then the answer is what history.sqlite holds
    const db = new Database(join(dataDir, 'history.sqlite'), { readonly: true });
    const stored = (db.prepare("SELECT CAST(process_instance_key AS TEXT) AS k FROM process_instances WHERE state = 'COMPLETED' ORDER BY process_instance_key").all() as { k: string }[]).map((row) => row.k);
    db.close();
    expect(found.status).to.equal(200);
    expect((found.json.items as { processInstanceKey: string }[]).map((item) => item.processInstanceKey)).to.deep.equal(keys).and.deep.equal(stored);
    expect((found.json.page as Page).totalItems).to.equal(3);
  });

  it('pages with from, after and before cursors in SQL, and matches $like without regular expressions', async () => {
    // given
    server = await startEngineServer({ grpcPort: 0, restPort: 0, dataDir });
    for (const id of ['permit-a', 'permit-b', 'perm.t', 'other']) await deploy(server, id);
    for (const id of ['permit-a', 'permit-b', 'perm.t', 'other', 'permit-a']) await post(server, '/process-instances', { processDefinitionId: id });
    // when
    const like = await post(server, '/process-instances/search', { filter: { processDefinitionId: { $like: 'permit-*' } } });
    const literal = await post(server, '/process-instances/search', { filter: { processDefinitionId: { $like: 'perm.?' } } });
    const first = await post(server, '/process-instances/search', { sort: [{ field: 'processDefinitionId', order: 'DESC' }], page: { limit: 2 } });
    const next = await post(server, '/process-instances/search', { sort: [{ field: 'processDefinitionId', order: 'DESC' }], page: { limit: 2, after: (first.json.page as Page).endCursor } });
    const back = await post(server, '/process-instances/search', { sort: [{ field: 'processDefinitionId', order: 'DESC' }], page: { limit: 2, before: (next.json.page as Page).startCursor } });
    const offset = await post(server, '/process-instances/search', { sort: [{ field: 'processDefinitionId', order: 'DESC' }], page: { from: 2, limit: 2 } });
    // then
    const ids = (answer: { json: Record<string, unknown> }) => (answer.json.items as { processDefinitionId: string }[]).map((item) => item.processDefinitionId);
    expect(ids(like)).to.have.members(['permit-a', 'permit-b', 'permit-a']);
    expect(ids(literal)).to.deep.equal(['perm.t']);
    expect(ids(first)).to.deep.equal(['permit-b', 'permit-a']);
    expect(ids(next)).to.deep.equal(['permit-a', 'perm.t']);
    expect(ids(back)).to.deep.equal(ids(first));
    expect(ids(offset)).to.deep.equal(ids(next));
    expect((first.json.page as Page).totalItems).to.equal(5);
  });

  it('reports the log, exporter and snapshot on GET /v2/onego/status', async () => {
    // given
    server = await startEngineServer({ grpcPort: 0, restPort: 0, dataDir });
    await deploy(server, 'straight');
    await post(server, '/process-instances/search', {});
    // when
    const status = (await (await fetch(`${server.restUrl}/v2/onego/status`)).json()) as {
      log: { position: number; bytes: number };
      exporter: { position: number; lagRecords: number; lagMs: number };
      snapshot: unknown;
    };
    // then
    expect(status.log.position).to.be.greaterThan(0);
    expect(status.log.bytes).to.be.greaterThan(0);
    expect(status.exporter).to.deep.equal({ position: status.log.position, lagRecords: 0, lagMs: 0 });
    expect(status).to.have.property('snapshot');
  });

  it('answers searches with 503 and a reason when the engine runs with --no-history', async () => {
    // given
    server = await startEngineServer({ grpcPort: 0, restPort: 0, dataDir, history: false });
    // when
    const answer = await post(server, '/user-tasks/search', {});
    // then
    expect(answer.status).to.equal(503);
    expect(String(answer.json.detail)).to.match(/--no-history/);
  });
});
