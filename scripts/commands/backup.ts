/** `onego backup TARGET`: a consistent copy of the data folder while the engine runs. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { backupDataFolder } from '../data-folder-backup';

/** What `onego backup --help` prints. */
export function usage(): string {
  return [
    'usage: onego backup TARGET [--data DIR]',
    '  copies the data folder (record log, history, snapshots) into the empty folder TARGET while the engine runs',
    '  --data DIR   the data folder (default ./.onego/data)',
    '  bring it back with: onego restore TARGET --data DIR (engine stopped)',
  ].join('\n');
}

/** Entry point of `onego backup`. */
export async function run(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage());
    return;
  }
  let data: string;
  let target: string;
  try {
    const { values, positionals } = parseArgs({ args: argv, options: { data: { type: 'string', default: './.onego/data' } }, allowPositionals: true, strict: true });
    if (positionals.length !== 1) throw new Error(`Expected one TARGET folder, but got ${positionals.length}`);
    [data, target] = [values.data, positionals[0]];
  } catch (error) {
    console.error(`onego backup: ${(error as Error).message}`);
    console.error(usage());
    process.exit(2);
  }
  try {
    const manifest = await backupDataFolder(data, target, (line) => console.log(`onego ${line}`));
    console.log(`onego backup: 已备份到 ${resolve(target)}（日志位置 ${manifest.logPosition}） / backed up to ${resolve(target)} (log position ${manifest.logPosition})`);
  } catch (error) {
    console.error(`onego backup: ${(error as Error).message}`);
    process.exit(1);
  }
}
