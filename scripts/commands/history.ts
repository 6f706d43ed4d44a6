import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DataFolderHeldError, lockDataFolder, type DataFolderLock } from '../../engine/data-folder-lock';
import { EXIT_CODES } from './startup-failure';

const USAGE = 'usage: onego history rebuild [--data DIR]   (run it while the engine is stopped)';

/** What `onego history --help` prints: the sub-command, its options and defaults. */
export function usage(): string {
  return [
    USAGE,
    '',
    'Drops DIR/history.sqlite and exports the whole record log into a new one, printing progress every second.',
    '删除历史库并从记录日志重新导出（需先停止引擎），每秒打印进度。',
    '',
    '  --data DIR     the data folder (default ./.onego/data)',
  ].join('\n');
}

/**
 * `onego history rebuild`: drop `history.sqlite` and export the whole record log into a new one, with a
 * progress line every second. The engine must be stopped (it would export into the same file); an engine that
 * finds the file missing on start rebuilds it the same way.
 */
export async function run(argv: string[]): Promise<void> {
  let dataDir: string;
  try {
    const { values, positionals } = parseArgs({ args: argv, options: { data: { type: 'string', default: './.onego/data' } }, allowPositionals: true, strict: true });
    if (positionals.length !== 1 || positionals[0] !== 'rebuild') throw new Error(`Expected the sub-command 'rebuild', but got [${positionals.join(' ')}]`);
    dataDir = resolve(values.data);
    if (!existsSync(join(dataDir, 'records.sqlite'))) throw new Error(`Expected a record log at ${join(dataDir, 'records.sqlite')}, but there is none / 该目录下没有记录日志`);
  } catch (error) {
    console.error(`onego history: ${error instanceof Error ? error.message : String(error)}`);
    console.error(USAGE);
    process.exit(1);
  }
  // The engine exports into the same file, so a running engine must not see it dropped under its feet.
  let lock: DataFolderLock;
  try {
    lock = lockDataFolder(dataDir);
  } catch (error) {
    console.error(`onego history: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(error instanceof DataFolderHeldError ? EXIT_CODES.folderHeld : EXIT_CODES.other);
  }
  for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir, `history.sqlite${suffix}`), { force: true });
  const { History } = await import('../../engine/history');
  const started = performance.now();
  // No engine runs: nothing is committed while rebuilding, so the log's end is the target.
  const history = await History.start({ dataDir, engine: { onCommitted: () => () => undefined }, consistencyWaitMs: 0 });
  const target = history.exporter.logPosition;
  while (history.exporter.position < target && !history.exporter.failed) await new Promise((done) => setTimeout(done, 100));
  const failed = history.exporter.failed;
  await history.close();
  lock.release();
  if (failed) {
    console.error(`onego history: the rebuild stopped: ${failed} / 重建失败`);
    process.exit(1);
  }
  console.error(`history: rebuilt ${target} records in ${((performance.now() - started) / 1000).toFixed(1)} s / 历史库重建完成`);
}
