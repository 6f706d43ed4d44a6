/** `onego restore BACKUP`: bring a backup back into a data folder no engine holds. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { restoreDataFolder } from '../data-folder-backup';

/** What `onego restore --help` prints. */
export function usage(): string {
  return [
    'usage: onego restore BACKUP [--data DIR] [--replace]',
    '  checks every file of BACKUP against its manifest and copies it into the data folder (stop the engine first)',
    '  --data DIR   the data folder (default ./.onego/data)',
    '  --replace    overwrite a data folder that already holds a record log',
  ].join('\n');
}

/** Entry point of `onego restore`. */
export async function run(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage());
    return;
  }
  let options: { data: string; backup: string; replace: boolean };
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { data: { type: 'string', default: './.onego/data' }, replace: { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1) throw new Error(`Expected one BACKUP folder, but got ${positionals.length}`);
    options = { data: values.data, backup: positionals[0], replace: values.replace };
  } catch (error) {
    console.error(`onego restore: ${(error as Error).message}`);
    console.error(usage());
    process.exit(2);
  }
  try {
    const manifest = restoreDataFolder(options.backup, options.data, { replace: options.replace });
    console.log(
      `onego restore: 已恢复到 ${resolve(options.data)}（日志位置 ${manifest.logPosition}，备份于 ${manifest.takenAt}） / restored into ${resolve(options.data)} (log position ${manifest.logPosition}, taken ${manifest.takenAt})`,
    );
  } catch (error) {
    console.error(`onego restore: ${(error as Error).message}`);
    process.exit(1);
  }
}
