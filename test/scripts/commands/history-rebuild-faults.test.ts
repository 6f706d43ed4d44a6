import { expect } from 'chai';
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../../engine';
import { straightThroughProcess } from '../../engine/gateway/support/bpmn';
import { spawnEngine } from './engine-process';

const CASES = 5000;

/** `node scripts/onego.mjs …` as a child process whose output is collected. */
function onego(args: string[]): { child: ChildProcess; done: Promise<{ status: number | string; stderr: string }> } {
  const child = spawn(process.execPath, ['scripts/onego.mjs', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<{ status: number | string; stderr: string }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ status: code ?? signal ?? -1, stderr })),
  );
  return { child, done };
}

/** Where the exporter stands in a history store, read through a second connection as an operator would. */
function exportedPosition(dataDir: string): number {
  const file = join(dataDir, 'history.sqlite');
  if (!existsSync(file)) return 0;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT position FROM exporter_position WHERE id = 1').get() as { position: number } | undefined)?.position ?? 0;
    } finally {
      db.close();
    }
  } catch {
    // The schema is not there yet in the first instants of a rebuild.
    return 0;
  }
}

/**
 * Every history table's rows, sorted by all columns (some tables have no rowid), except what is not exported
 * from the log: the exporter's own bookkeeping and the refused requests a running engine server records.
 */
function historyContents(dataDir: string): Record<string, unknown[]> {
  const db = new Database(join(dataDir, 'history.sqlite'), { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('exporter_position', 'security_refusal') ORDER BY name")
      .all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => {
        const columns = db.prepare(`SELECT COUNT(*) AS n FROM pragma_table_info('${name}')`).get() as { n: number };
        const order = Array.from({ length: columns.n }, (_, index) => index + 1).join(', ');
        return [name, db.prepare(`SELECT * FROM "${name}" ORDER BY ${order}`).raw().all()];
      }),
    );
  } finally {
    db.close();
  }
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('onego history rebuild under faults', function () {
  this.timeout(300_000);
  let root: string;
  let reference: string;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'onego-rebuild-faults-'));
    reference = join(root, 'reference');
    const engine = await createEngine({ dataDir: reference });
    await engine.deployResources([{ name: 'straight.bpmn', content: Buffer.from(straightThroughProcess('straight')) }], undefined, { actor: 'guan.li' });
    for (let index = 0; index < CASES; index += 1) await engine.createProcessInstance({ bpmnProcessId: 'straight', variables: { index } }, { actor: 'qin.yue' });
    await engine.close();
    const rebuilt = await onego(['history', 'rebuild', '--data', reference]).done;
    expect(rebuilt.status, rebuilt.stderr).to.equal(0);
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('refuses to drop history.sqlite while an engine holds the data folder, naming the engine, and leaves the store alone', async () => {
    // given
    const folder = join(root, 'held');
    await cp(reference, folder, { recursive: true });
    const engine = spawnEngine(['--grpc-port', '0', '--rest-port', '0', '--data', folder]);
    try {
      await engine.ready;
      // when
      const result = await onego(['history', 'rebuild', '--data', folder]).done;
      // then
      expect(result.status).to.equal(5);
      expect(result.stderr).to.contain(`pid ${engine.child.pid}`);
      expect(result.stderr).to.match(/正被另一个引擎进程/);
      expect(existsSync(join(folder, 'history.sqlite'))).to.equal(true);
    } finally {
      engine.child.kill('SIGTERM');
      await engine.exited;
    }
  });

  it('resumes where a rebuild killed with -9 stopped: the engine catches up to the same rows as an uninterrupted rebuild', async () => {
    // given a rebuild killed after it committed some, but not all, of the log
    const folder = join(root, 'killed');
    await cp(reference, folder, { recursive: true });
    // Without the copied store, so the first position seen is the rebuild's own.
    for (const suffix of ['', '-wal', '-shm']) await rm(join(folder, `history.sqlite${suffix}`), { force: true });
    const rebuild = onego(['history', 'rebuild', '--data', folder]);
    const target = exportedPosition(reference);
    let reached = 0;
    while (reached === 0 && rebuild.child.exitCode === null) {
      await pause(5);
      reached = exportedPosition(folder);
    }
    rebuild.child.kill('SIGKILL');
    const killed = await rebuild.done;
    const left = exportedPosition(folder);
    expect(killed.status, `the rebuild finished before it could be killed: ${killed.stderr}`).to.equal('SIGKILL');
    expect(left).to.be.above(0).and.below(target);
    // when the engine starts on the folder
    const engine = spawnEngine(['--grpc-port', '0', '--rest-port', '0', '--data', folder]);
    try {
      const { rest } = await engine.ready;
      let position = 0;
      while (position < target) {
        const status = (await (await fetch(`${rest}/v2/onego/status`)).json()) as { exporter: { position: number } };
        position = status.exporter.position;
        if (position < target) await pause(100);
      }
    } finally {
      engine.child.kill('SIGTERM');
      await engine.exited;
    }
    // then nothing is missing and nothing is there twice
    expect(historyContents(folder)).to.deep.equal(historyContents(reference));
  });
});
