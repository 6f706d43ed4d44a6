/**
 * `onego <command>`: the one entry point for running OneGo.
 * Each command lives in `scripts/commands/<name>.ts` and exports `run(argv)`.
 */
const commands = {
  engine: () => import('./commands/engine'),
  start: () => import('./commands/start'),
  workers: () => import('./commands/workers'),
  deploy: () => import('./commands/deploy'),
  lint: () => import('./commands/lint'),
  bench: () => import('./commands/bench'),
  calendar: () => import('./commands/calendar'),
} as const;

type CommandName = keyof typeof commands;

function usage(): string {
  return `usage: onego <${Object.keys(commands).join('|')}> [options]`;
}

const [name, ...argv] = process.argv.slice(2);
if (!name || !(name in commands)) {
  console.error(usage());
  process.exit(2);
}
const command = await commands[name as CommandName]();
await command.run(argv);

export {};
