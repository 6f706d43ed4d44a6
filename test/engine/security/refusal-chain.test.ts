import { expect } from 'chai';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { basicAuthorization, DEMO_IDENTITY_PATH, loadEngineAuth } from '../../../engine/identity';
import { startEngineServer, type EngineServer } from '../../../engine/server';
import { AUDITOR, XU_MING, ZHANG_SAN, type Caller } from '../gateway/rest/rest-test-bed';

/** Run `node scripts/onego.mjs …` to its end. */
function onego(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/onego.mjs', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('refused requests in the history audit log are hash-chained and survive a history rebuild', function () {
  this.timeout(120_000);
  let dataDir: string;

  async function start(): Promise<EngineServer> {
    const auth = await loadEngineAuth({ mode: 'basic', identityFile: DEMO_IDENTITY_PATH });
    return startEngineServer({ grpcPort: 0, restPort: 0, dataDir, authenticateGrpc: auth.grpc, restAuth: auth });
  }

  function call(server: EngineServer, path: string, caller?: Caller): Promise<Response> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (caller) headers.authorization = basicAuthorization(caller.username, caller.password);
    return fetch(`${server.restUrl}/v2${path}`, { method: 'POST', headers, body: '{}' });
  }

  /** The FAIL rows of the audit log (the search first flushes the security log into the table). */
  async function refusalRows(server: EngineServer): Promise<{ actorId?: string; annotation: string }[]> {
    const found = await fetch(`${server.restUrl}/v2/audit-logs/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: basicAuthorization(AUDITOR.username, AUDITOR.password) },
      body: JSON.stringify({ filter: { result: 'FAIL' }, sort: [{ field: 'timestamp' }] }),
    });
    expect(found.status).to.equal(200);
    return ((await found.json()) as { items: { actorId?: string; annotation: string }[] }).items;
  }

  function historyDb(): Database.Database {
    return new Database(join(dataDir, 'history.sqlite'));
  }

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'onego-refusal-chain-'));
    const server = await start();
    try {
      // An anonymous caller, two clerks outside their rights: three aggregated refusal rows.
      expect((await call(server, '/process-instances')).status).to.equal(401);
      expect((await call(server, '/process-instances/search', XU_MING)).status).to.equal(403);
      expect((await call(server, '/audit-logs/search', ZHANG_SAN)).status).to.equal(403);
      expect(await refusalRows(server)).to.have.length(3);
    } finally {
      await server.close();
    }
  });
  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('verifies the refusal rows with the operations', async () => {
    const result = await onego(['verify-history', '--data', dataDir]);

    expect(result.status, result.stdout + result.stderr).to.equal(0);
    expect(result.stdout).to.match(/and 3 refusal rows, hash chains verified/);
  });

  it('keeps every refusal across `onego history rebuild`, chained again', async () => {
    // when
    const rebuilt = await onego(['history', 'rebuild', '--data', dataDir]);
    expect(rebuilt.status, rebuilt.stderr).to.equal(0);
    const server = await start();
    let rows: { actorId?: string; annotation: string }[];
    try {
      rows = await refusalRows(server);
    } finally {
      await server.close();
    }
    // then
    expect(rows.map((row) => row.actorId ?? '(anonymous)').sort()).to.deep.equal(['(anonymous)', 'xu.ming', 'zhang.san']);
    const verified = await onego(['verify-history', '--data', dataDir]);
    expect(verified.status, verified.stdout).to.equal(0);
    expect(verified.stdout).to.match(/and 3 refusal rows/);
  });

  it('names an edited refusal row and exits 1', async () => {
    // given
    const db = historyDb();
    const saved = db.prepare('SELECT actor_id FROM security_refusal WHERE id = 2').get() as { actor_id: string | null };
    db.prepare("UPDATE security_refusal SET actor_id = 'mallory' WHERE id = 2").run();
    db.close();
    // when
    const result = await onego(['verify-history', '--data', dataDir]);
    // then
    expect(result.status).to.equal(1);
    expect(result.stdout).to.match(/BROKEN at refusal row 4503599627370498 \(security_refusal id 2\): its content does not match its hash/);
    const restore = historyDb();
    restore.prepare('UPDATE security_refusal SET actor_id = ? WHERE id = 2').run(saved.actor_id);
    restore.close();
    expect((await onego(['verify-history', '--data', dataDir])).status).to.equal(0);
  });

  it('names a refusal row deleted in the middle, and one deleted at the end', async () => {
    // given: a copy of the store with the middle row deleted
    const db = historyDb();
    const rows = db.prepare('SELECT * FROM security_refusal ORDER BY id').all() as Record<string, unknown>[];
    db.prepare('DELETE FROM security_refusal WHERE id = 2').run();
    db.close();
    const middle = await onego(['verify-history', '--data', dataDir]);
    // and: the middle row back, the last one deleted
    const again = historyDb();
    const columns = Object.keys(rows[1]);
    again.prepare(`INSERT INTO security_refusal (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...columns.map((column) => rows[1][column]));
    again.prepare('DELETE FROM security_refusal WHERE id = 3').run();
    again.close();
    const tail = await onego(['verify-history', '--data', dataDir]);
    // then
    expect(middle.status).to.equal(1);
    expect(middle.stdout).to.match(/security_refusal id 3\): it does not link to the row before it/);
    expect(tail.status).to.equal(1);
    expect(tail.stdout).to.match(/security_refusal id 3\): the security log names it as the newest refusal row, but it is gone/);
  });
});
