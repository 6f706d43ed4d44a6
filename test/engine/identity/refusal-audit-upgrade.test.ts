import { expect } from 'chai';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RefusalAuditTable } from '../../../engine/identity/refusal-audit';
import { readRefusalChainHead, verifyRefusalChain } from '../../../engine/identity/refusal-chain';

/** The refusal table as stores made before the hash chain have it: no previous_hash, no hash. */
const PRE_CHAIN_TABLE = `CREATE TABLE security_refusal (
  id INTEGER PRIMARY KEY AUTOINCREMENT, entity_key TEXT, entity_type TEXT NOT NULL, operation_type TEXT NOT NULL,
  category TEXT NOT NULL, actor_id TEXT, actor_type TEXT NOT NULL, timestamp INTEGER NOT NULL, first_at INTEGER NOT NULL,
  count INTEGER NOT NULL, kind TEXT NOT NULL, process_instance_key INTEGER, user_task_key INTEGER, incident_key INTEGER,
  annotation TEXT NOT NULL)`;

describe('the refusal audit table opens a store made before the hash chain', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'onego-refusal-upgrade-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('adds the chain columns before it prepares its statements, chains the old rows, and chains new refusals on', () => {
    const old = new Database(join(dataDir, 'history.sqlite'));
    old.exec(PRE_CHAIN_TABLE);
    old.prepare(
      `INSERT INTO security_refusal (entity_type, operation_type, category, actor_id, actor_type, timestamp, first_at, count, kind, annotation)
       VALUES ('PROCESS_INSTANCE', 'CREATE', 'DEPLOYED_RESOURCES', 'xu.ming', 'USER', 1, 1, 1, 'forbidden', '403 无权限 forbidden: POST /v2/process-instances')`,
    ).run();
    old.close();

    const table = RefusalAuditTable.open(dataDir);
    table.append([{ actor: '(anonymous)', attempted: 'GET /v2/topology', reason: 'no credentials', kind: 'unauthenticated', count: 1, firstAt: '2026-12-05T05:00:00.000Z', lastAt: '2026-12-05T05:00:00.000Z' } as never]);
    table.close();

    const db = new Database(join(dataDir, 'history.sqlite'), { readonly: true });
    const report = verifyRefusalChain(db, readRefusalChainHead(join(dataDir, 'security')));
    db.close();
    expect(report).to.deep.equal({ ok: true, rows: 2 });
  });
});
