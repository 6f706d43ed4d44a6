/**
 * `onego <command>`: the one entry point for running OneGo.
 * Each command lives in `scripts/commands/<name>.ts` and exports `run(argv)` (and `usage()` for `--help`).
 */
import { readFileSync } from 'node:fs';

interface CommandModule {
  run(argv: string[]): Promise<void>;
  usage?(): string;
}

/** Every command, what it is for, and how to load it. */
const commands: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  start: { summary: 'engine + workers + apps, models deployed, demo cases (npm start)', load: () => import('./commands/start') },
  engine: { summary: 'the embedded engine alone (Zeebe gRPC + Camunda REST API v2)', load: () => import('./commands/engine') },
  workers: { summary: 'every job worker against ZEEBE_GRPC_ADDRESS (our engine or a Camunda 8 cluster)', load: () => import('./commands/workers') },
  deploy: { summary: 'deploy bpmn/ and forms/ through the SDK', load: () => import('./commands/deploy') },
  lint: { summary: 'bpmnlint (Camunda 8.8 compatibility) over the models', load: () => import('./commands/lint') },
  calendar: { summary: 'import a year\'s State Council holiday notice; list covered years', load: () => import('./commands/calendar') },
  backup: { summary: 'a consistent copy of the data folder while the engine runs', load: () => import('./commands/backup') },
  restore: { summary: 'bring a backup back into a data folder (engine stopped)', load: () => import('./commands/restore') },
  history: { summary: 'history rebuild: re-export the log into a new history store (engine stopped)', load: () => import('./commands/history') },
  'test-cases': { summary: "run Camunda Process Test's JSON test cases on a fresh embedded engine each", load: () => import('./commands/test-cases') },
  'verify-history': { summary: 'check the audit log\'s hash chain (exit 1 naming the first broken row)', load: () => import('./commands/verify-history') },
  bench: { summary: 'the throughput benchmark (prints numbers; not a test)', load: () => import('./commands/bench') },
  'bench-scale': { summary: 'the scale benchmark of issue 9: RSS, restart, search p99, exporter lag (npm run bench:scale)', load: () => import('./commands/bench-scale') },
  'bench-statistics': { summary: 'statistics endpoints’ SQL over a large synthetic history store (prints numbers)', load: () => import('./commands/bench-statistics') },
  'bench-snapshot': { summary: 'restart time and capture pause with and without snapshots (prints numbers)', load: () => import('./commands/bench-snapshot') },
};

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

/** What `onego --help` prints. */
function overview(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  return [
    'usage: onego <command> [options]        (from a checkout: npx onego …)',
    '',
    ...Object.entries(commands).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`),
    '',
    'onego <command> --help prints the command\'s options and defaults; onego --version its version.',
  ].join('\n');
}

const [name, ...argv] = process.argv.slice(2);
if (name === '--version' || name === '-v') {
  console.log(`onego ${version()}`);
} else if (name === '--help' || name === '-h' || name === 'help') {
  console.log(overview());
} else if (!name || !(name in commands)) {
  if (name) console.error(`onego: 未知命令 '${name}' / unknown command '${name}'`);
  console.error(overview());
  process.exit(2);
} else {
  const command = await commands[name].load();
  // Every command answers --help the same way, before its own parsing can mistake it for a file or an error.
  if (command.usage && argv.some((argument) => argument === '--help' || argument === '-h')) console.log(command.usage());
  else await command.run(argv);
}
