import { expect } from 'chai';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../../engine';
import { History } from '../../../engine/history';
import { straightThroughProcess } from '../../engine/gateway/support/bpmn';
import { spawnEngine } from './engine-process';

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

describe('onego history rebuild and onego verify-history', function () {
  this.timeout(120_000);
  let dataDir: string;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'onego-history-cli-'));
    const engine = await createEngine({ dataDir });
    const history = await History.start({ dataDir, engine });
    await engine.deployResources([{ name: 'straight.bpmn', content: Buffer.from(straightThroughProcess('straight')) }], undefined, { actor: 'guan.li' });
    for (let index = 0; index < 4; index += 1) await engine.createProcessInstance({ bpmnProcessId: 'straight' }, { actor: 'qin.yue' });
    await history.caughtUp();
    await history.close();
    await engine.close();
  });
  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('rebuilds history.sqlite from the log with progress and the same rows', async () => {
    // when
    const result = await onego(['history', 'rebuild', '--data', dataDir]);
    // then
    expect(result.status, result.stderr).to.equal(0);
    expect(result.stderr).to.match(/rebuilding history\.sqlite from the record log/);
    expect(result.stderr).to.match(/rebuilt \d+ records/);
    const db = new Database(join(dataDir, 'history.sqlite'), { readonly: true });
    const instances = (db.prepare("SELECT COUNT(*) AS n FROM process_instances WHERE state = 'COMPLETED'").get() as { n: number }).n;
    db.close();
    expect(instances).to.equal(4);
  });

  it('says the audit log is intact, then names the row an edit broke and exits 1', async () => {
    // given
    const intact = await onego(['verify-history', '--data', dataDir]);
    const db = new Database(join(dataDir, 'history.sqlite'));
    db.prepare("UPDATE audit_log SET actor_id = 'mallory' WHERE audit_log_key = (SELECT MAX(audit_log_key) FROM audit_log)").run();
    const edited = (db.prepare('SELECT CAST(MAX(audit_log_key) AS TEXT) AS key FROM audit_log').get() as { key: string }).key;
    db.close();
    // when
    const broken = await onego(['verify-history', '--data', dataDir]);
    // then
    expect(intact.status, intact.stderr).to.equal(0);
    expect(intact.stdout).to.match(/audit log intact: 5 rows/);
    expect(broken.status).to.equal(1);
    expect(broken.stdout).to.contain(`BROKEN at row ${edited}`);
  });

  it('refuses a folder without a record log with a clear message', async () => {
    const result = await onego(['history', 'rebuild', '--data', join(dataDir, 'nothing-here')]);

    expect(result.status).to.equal(1);
    expect(result.stderr).to.match(/Expected a record log/);
  });

  it('runs onego engine --no-history without the exporter: searches answer 503, status says so', async () => {
    // given
    const engine = spawnEngine(['--grpc-port', '0', '--rest-port', '0', '--data', join(dataDir, 'no-history'), '--no-history']);
    try {
      const { rest } = await engine.ready;
      // when
      const search = await fetch(`${rest}/v2/process-instances/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      const status = (await (await fetch(`${rest}/v2/onego/status`)).json()) as { exporter: unknown };
      // then
      expect(search.status).to.equal(503);
      expect(((await search.json()) as { detail: string }).detail).to.match(/--no-history/);
      expect(status.exporter).to.equal(null);
    } finally {
      engine.child.kill('SIGTERM');
      await engine.exited;
    }
  });
});
