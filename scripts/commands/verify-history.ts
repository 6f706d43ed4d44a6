import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = 'usage: onego verify-history [--data DIR]';

/** What `onego verify-history --help` prints: the options, their defaults and the exit codes. */
export function usage(): string {
  return [
    USAGE,
    '',
    'Recomputes the audit log\'s hash chains in DIR/history.sqlite (operations, and refused requests against',
    'the head kept in DIR/security/refusal-chain-head.json); safe while the engine runs.',
    '校验审计日志哈希链（全程留痕防篡改），引擎运行时亦可执行。',
    '',
    '  --data DIR     the data folder (default ./.onego/data)',
    '',
    'exit 0: intact; exit 1: a row was edited, inserted or deleted (the first broken row is named), or no store.',
  ].join('\n');
}

/**
 * `onego verify-history`: recompute the audit log's hash chain in `history.sqlite` and say whether any row
 * was edited, inserted or deleted (exit 0 when intact, 1 when not). Safe while the engine runs.
 */
export async function run(argv: string[]): Promise<void> {
  let file: string;
  let dataDir: string;
  try {
    const { values } = parseArgs({ args: argv, options: { data: { type: 'string', default: './.onego/data' } }, strict: true });
    dataDir = resolve(values.data);
    file = join(dataDir, 'history.sqlite');
    if (!existsSync(file)) throw new Error(`Expected a history store at ${file}, but there is none / 没有历史库`);
  } catch (error) {
    console.error(`onego verify-history: ${error instanceof Error ? error.message : String(error)}`);
    console.error(USAGE);
    process.exit(1);
  }
  const { verifyAuditChain } = await import('../../engine/history/audit-log');
  const { readRefusalChainHead, verifyRefusalChain } = await import('../../engine/identity/refusal-chain');
  const { REFUSAL_KEY_BASE } = await import('../../engine/identity/refusal-audit');
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const report = verifyAuditChain(db);
  let refusals;
  try {
    refusals = verifyRefusalChain(db, readRefusalChainHead(join(dataDir, 'security')));
  } catch (error) {
    refusals = { ok: false, rows: 0, firstBroken: { id: 0, reason: (error as Error).message } };
  } finally {
    db.close();
  }
  if (report.ok && refusals.ok) {
    console.log(`audit log intact: ${report.rows} rows and ${refusals.rows} refusal rows, hash chains verified / 审计日志完整`);
    return;
  }
  if (!report.ok) console.log(`audit log BROKEN at row ${report.firstBroken!.auditLogKey}: ${report.firstBroken!.reason} / 审计日志被篡改`);
  if (!refusals.ok) {
    const { id, reason } = refusals.firstBroken!;
    console.log(`audit log BROKEN at refusal row ${REFUSAL_KEY_BASE + id} (security_refusal id ${id}): ${reason} / 拒绝记录被篡改`);
  }
  process.exit(1);
}
