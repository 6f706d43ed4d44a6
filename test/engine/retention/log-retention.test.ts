import { expect } from 'chai';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../../engine';
import { History } from '../../../engine/history';
import { listArchives } from '../../../engine/log/log-archive';
import { LogRetention } from '../../../engine/retention';
import { startEngineServer } from '../../../engine/server';
import { parseEngineArgs } from '../../../scripts/commands/engine';
import { serviceTaskProcess, straightThroughProcess } from '../gateway/support/bpmn';

/** Run `node scripts/onego.mjs …` to its end. */
function onego(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/onego.mjs', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('exit', (status) => resolve({ status, stderr }));
  });
}

/** Live batches and records left in `records.sqlite`. */
function liveLog(dataDir: string): { batches: number; first: number } {
  const db = new Database(join(dataDir, 'records.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT COUNT(*) AS batches, MIN(first_position) AS first FROM batches').get() as { batches: number; first: number };
  } finally {
    db.close();
  }
}

/** Every history row but the exporter's bookkeeping, table by table, in key order. */
function historyRows(dataDir: string): Record<string, unknown[]> {
  const db = new Database(join(dataDir, 'history.sqlite'), { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'exporter_position' ORDER BY name").all() as { name: string }[]).map((row) => row.name);
    return Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all()]));
  } finally {
    db.close();
  }
}

describe('log retention: archiving what snapshots and history cover', function () {
  this.timeout(120_000);
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'onego-retention-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  async function handleCases(engine: Engine, count: number): Promise<void> {
    for (let index = 0; index < count; index += 1) {
      await engine.createProcessInstance({ bpmnProcessId: 'straight' }, { actor: 'qin.yue' });
      await engine.createProcessInstance({ bpmnProcessId: 'waits' }, { actor: 'qin.yue' });
    }
  }

  it('keeps every record by default: keep mode archives nothing', async () => {
    // given
    const engine = await createEngine({ dataDir });
    const history = await History.start({ dataDir, engine });
    await engine.deployResources([{ name: 'straight.bpmn', content: Buffer.from(straightThroughProcess('straight')) }], undefined, { actor: 'guan.li' });
    await engine.createProcessInstance({ bpmnProcessId: 'straight' }, { actor: 'qin.yue' });
    await history.caughtUp();
    await engine.takeSnapshot();
    const retention = new LogRetention(dataDir, { snapshotPosition: () => engine.snapshotStatus()?.position, exportedPosition: () => history.exporter.position }, { mode: 'keep', minRecords: 1 });
    // when
    const step = retention.archiveNow();
    retention.close();
    await history.close();
    await engine.close();
    // then
    expect(step).to.equal(undefined);
    expect(listArchives(dataDir)).to.deep.equal([]);
    expect(liveLog(dataDir).first).to.equal(1);
  });

  it('moves covered batches to archive/, and restart, full replay and history rebuild still give the same state and history', async () => {
    // given an engine that handled cases, snapshotted and exported them
    let engine = await createEngine({ dataDir });
    let history = await History.start({ dataDir, engine });
    await engine.deployResources(
      [
        { name: 'straight.bpmn', content: Buffer.from(straightThroughProcess('straight')) },
        { name: 'waits.bpmn', content: Buffer.from(serviceTaskProcess('waits', 'check-documents')) },
      ],
      undefined,
      { actor: 'guan.li' },
    );
    await handleCases(engine, 15);
    await history.caughtUp();
    const snapshotPosition = (await engine.takeSnapshot())!.position;
    await handleCases(engine, 3);
    await history.caughtUp();
    const before = liveLog(dataDir);
    const retention = new LogRetention(dataDir, { snapshotPosition: () => engine.snapshotStatus()?.position, exportedPosition: () => history.exporter.position }, { mode: 'archive', minRecords: 1 });

    // when
    const step = retention.archiveNow();

    // then the live log lost the covered batches and an archive holds them
    expect(step, 'an archive step').to.not.equal(undefined);
    expect(step!.from).to.equal(1);
    expect(step!.to).to.be.at.most(snapshotPosition);
    const after = liveLog(dataDir);
    expect(after.batches).to.be.below(before.batches);
    expect(after.first).to.equal(step!.to + 1);
    expect(listArchives(dataDir).map((archive) => [archive.from, archive.to])).to.deep.equal([[step!.from, step!.to]]);
    expect(retention.archiveNow(), 'nothing more is covered').to.equal(undefined);
    // reading the log from position 1 still yields every record, in order
    const positions = engine.readRecords(1).map((record) => record.position);
    expect(positions[0]).to.equal(1);
    expect(positions.every((position, index) => position === index + 1)).to.equal(true);
    const state = engine.snapshot();
    const rowsBefore = historyRows(dataDir);
    retention.close();
    await history.close();
    await engine.close();

    // when restarted (snapshot + live tail) and fully replayed (archives + live log)
    engine = await createEngine({ dataDir });
    const restarted = engine.snapshot();
    await engine.close();
    engine = await createEngine({ dataDir, replayAll: true });
    const replayed = engine.snapshot();
    await engine.close();
    // then both give the same state
    expect(restarted).to.deep.equal(state);
    expect(replayed).to.deep.equal(state);

    // when history is rebuilt from the archives and the live log
    const rebuilt = await onego(['history', 'rebuild', '--data', dataDir]);
    // then it holds the same rows
    expect(rebuilt.status, rebuilt.stderr).to.equal(0);
    expect(historyRows(dataDir)).to.deep.equal(rowsBefore);
    expect(existsSync(join(dataDir, 'archive'))).to.equal(true);
  });

  it('archives nothing that history has not exported yet', async () => {
    // given
    const engine = await createEngine({ dataDir });
    await engine.deployResources([{ name: 'straight.bpmn', content: Buffer.from(straightThroughProcess('straight')) }], undefined, { actor: 'guan.li' });
    await engine.createProcessInstance({ bpmnProcessId: 'straight' }, { actor: 'qin.yue' });
    await engine.takeSnapshot();
    const retention = new LogRetention(dataDir, { snapshotPosition: () => engine.snapshotStatus()?.position, exportedPosition: () => undefined }, { mode: 'archive', minRecords: 1 });
    // when
    const step = retention.archiveNow();
    retention.close();
    await engine.close();
    // then
    expect(step).to.equal(undefined);
    expect(liveLog(dataDir).first).to.equal(1);
  });

  it('is chosen with onego engine --log-retention keep|archive (keep by default, anything else refused in both languages)', async () => {
    expect(parseEngineArgs([]).logRetention).to.equal('keep');
    expect(parseEngineArgs(['--log-retention', 'archive']).logRetention).to.equal('archive');
    expect(() => parseEngineArgs(['--log-retention', 'delete'])).to.throw(/须为 keep 或 archive.*Expected --log-retention to be 'keep' or 'archive', but was 'delete'/);
    // and the engine server runs retention only in archive mode
    const archiving = await startEngineServer({ grpcPort: 0, restPort: 0, dataDir, logRetention: { mode: 'archive' } });
    const archivingRetention = archiving.retention;
    await archiving.close();
    const keeping = await startEngineServer({ grpcPort: 0, restPort: 0, dataDir });
    const keepingRetention = keeping.retention;
    await keeping.close();
    expect(archivingRetention).to.be.instanceOf(LogRetention);
    expect(keepingRetention).to.equal(undefined);
  });
});
