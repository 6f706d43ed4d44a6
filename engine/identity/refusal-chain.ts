/**
 * The hash chain over the `security_refusal` rows of the history store's audit log (issue 13): each row's
 * hash covers the previous row's hash and the row's own content, like the exporter's `audit_log` chain, and
 * the newest row's id and hash are also kept beside the security log (`refusal-chain-head.json`), so
 * `onego verify-history` finds an edited row, a row deleted in the middle (a broken link) and a row deleted at
 * the end (the head names a row that is gone). Refusal rows have their own chain because they are written
 * over their own connection, outside the exporter's transactions.
 */
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENESIS_HASH } from '../history/audit-log';

/** The chain's newest row, as kept beside the security log. */
export interface RefusalChainHead {
  id: number;
  hash: string;
}

/** The file in the security log folder that names the newest chained refusal row. */
export const REFUSAL_CHAIN_HEAD_FILE = 'refusal-chain-head.json';

/**
 * The columns a row's hash covers, each read as text (or null) so writer and verifier hash the same bytes
 * whatever type SQLite hands back.
 */
const CONTENT_COLUMNS = [
  'id', 'entity_key', 'entity_type', 'operation_type', 'category', 'actor_id', 'actor_type', 'timestamp', 'first_at', 'count', 'kind',
  'process_instance_key', 'user_task_key', 'incident_key', 'annotation',
];
const CONTENT_SELECT = CONTENT_COLUMNS.map((column) => `CAST(${column} AS TEXT) AS ${column}`).join(', ');

/** sha256(previous hash + the row's content as JSON), hex. */
export function refusalRowHash(previousHash: string, row: Record<string, unknown>): string {
  const content = JSON.stringify(CONTENT_COLUMNS.map((column) => row[column] ?? null));
  return createHash('sha256').update(previousHash).update('\n').update(content).digest('hex');
}

/** The row with this id as its hash reads it, or undefined. */
export function refusalRowContent(db: Database.Database, id: number): Record<string, unknown> | undefined {
  return db.prepare(`SELECT ${CONTENT_SELECT} FROM security_refusal WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
}

/**
 * Adds the chain's columns to a table made before they existed and chains its rows in id order, so an
 * upgraded store verifies from its first refusal on. Returns the chain's newest row (or none).
 */
export function ensureRefusalChain(db: Database.Database): RefusalChainHead | undefined {
  const columns = (db.prepare('PRAGMA table_info(security_refusal)').all() as { name: string }[]).map((column) => column.name);
  if (!columns.includes('hash')) {
    db.transaction(() => {
      db.exec('ALTER TABLE security_refusal ADD COLUMN previous_hash TEXT');
      db.exec('ALTER TABLE security_refusal ADD COLUMN hash TEXT');
      let previous = GENESIS_HASH;
      const update = db.prepare('UPDATE security_refusal SET previous_hash = ?, hash = ? WHERE id = ?');
      for (const row of db.prepare(`SELECT ${CONTENT_SELECT} FROM security_refusal ORDER BY id`).all() as Record<string, unknown>[]) {
        const hash = refusalRowHash(previous, row);
        update.run(previous, hash, Number(row.id));
        previous = hash;
      }
    })();
  }
  const last = db.prepare('SELECT id, hash FROM security_refusal ORDER BY id DESC LIMIT 1').get() as RefusalChainHead | undefined;
  return last ? { id: Number(last.id), hash: String(last.hash) } : undefined;
}

/** Reads the head file in `securityDir`, or undefined when there is none (no refusal chained yet). */
export function readRefusalChainHead(securityDir: string): RefusalChainHead | undefined {
  const file = join(securityDir, REFUSAL_CHAIN_HEAD_FILE);
  if (!existsSync(file)) return undefined;
  const head = JSON.parse(readFileSync(file, 'utf8')) as RefusalChainHead;
  if (!Number.isInteger(head.id) || typeof head.hash !== 'string') throw new Error(`Expected ${file} to hold {id, hash}, but it does not / 链头文件损坏`);
  return head;
}

/** Replaces the head file in `securityDir` (written aside and renamed, so a crash leaves the old or the new one). */
export function writeRefusalChainHead(securityDir: string, head: RefusalChainHead | undefined): void {
  const file = join(securityDir, REFUSAL_CHAIN_HEAD_FILE);
  writeFileSync(`${file}.tmp`, JSON.stringify(head ?? { id: 0, hash: GENESIS_HASH }));
  renameSync(`${file}.tmp`, file);
}

/** What {@link verifyRefusalChain} found. */
export interface RefusalChainReport {
  ok: boolean;
  rows: number;
  /** The first refusal row (its audit-log id) whose hash or link does not match, or the missing head row, and why. */
  firstBroken?: { id: number; reason: string };
}

/**
 * Recomputes the chain over every refusal row in id order; with the head kept beside the security log it
 * also finds rows deleted at the end. Rows after the head are accepted while they chain on (a crash can
 * fall between committing rows and writing the head).
 */
export function verifyRefusalChain(db: Database.Database, head?: RefusalChainHead): RefusalChainReport {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'security_refusal'").get();
  if (!table) return head && head.id > 0 ? { ok: false, rows: 0, firstBroken: { id: head.id, reason: 'the refusal table is gone, but the security log names its newest row' } } : { ok: true, rows: 0 };
  const columns = (db.prepare('PRAGMA table_info(security_refusal)').all() as { name: string }[]).map((column) => column.name);
  if (!columns.includes('hash')) return { ok: true, rows: 0 };
  let previous = GENESIS_HASH;
  let rows = 0;
  let headSeen = !head || head.id === 0;
  const statement = db.prepare(`SELECT ${CONTENT_SELECT}, previous_hash AS previousHash, hash FROM security_refusal ORDER BY id`);
  for (const stored of statement.iterate() as Iterable<Record<string, unknown>>) {
    rows += 1;
    const id = Number(stored.id);
    if (stored.previousHash !== previous) return { ok: false, rows, firstBroken: { id, reason: 'it does not link to the row before it (a refusal row was deleted or inserted)' } };
    if (refusalRowHash(previous, stored) !== stored.hash) return { ok: false, rows, firstBroken: { id, reason: 'its content does not match its hash (the refusal row was edited)' } };
    if (head && id === head.id) {
      if (stored.hash !== head.hash) return { ok: false, rows, firstBroken: { id, reason: 'its hash differs from the one kept beside the security log (the chain was rewritten)' } };
      headSeen = true;
    }
    previous = String(stored.hash);
  }
  if (!headSeen) return { ok: false, rows, firstBroken: { id: head!.id, reason: 'the security log names it as the newest refusal row, but it is gone (rows were deleted at the end)' } };
  return { ok: true, rows };
}
