/**
 * `onego calendar`: the working-day calendar's years. `import <year> <notice.txt>` reads the State Council
 * notice, shows the year as month grids for a person to confirm and writes `calendars/<year>.json` for
 * review like code; `years` lists what is covered. See calendars/README.md ("Each November").
 */
import { Camunda8 } from '@camunda8/sdk';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { calendarFromEnv, importCalendarYear, repositoryCalendarFolder } from '../../workers/calendar';
import { CALENDAR_UPDATED_SIGNAL } from '../../workers/calendar/calendar-signal';

/** What the command prints for `--help` and after a usage error. */
export function usage(): string {
  return [
    'usage: onego calendar import <year> <notice.txt> [--out DIR] [--dry-run | --yes] [--broadcast] [--by NAME]',
    '       onego calendar years',
    '  import     reads the State Council notice text, prints the year as month grids and, once confirmed',
    '             (a prompt, or --yes), writes DIR/<year>.json (DIR: the repository\'s calendars/)',
    '  --dry-run  check and print only',
    '  --broadcast  then broadcast the calendar-updated signal (gateway from the SDK environment, e.g.',
    '             ZEEBE_GRPC_ADDRESS) so open cases recompute their deadlines; --by names who imported',
    '  years      lists the years with holiday data and the next years without',
  ].join('\n');
}

/** The command's options. */
export interface CalendarCommand {
  action: 'import' | 'years' | 'help';
  year?: number;
  noticeFile?: string;
  out: string;
  dryRun: boolean;
  yes: boolean;
  broadcast: boolean;
  by: string;
}

/** Reads the arguments; throws a message fit for the user on anything unexpected. */
export function parseCalendarArguments(argv: string[]): CalendarCommand {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string', default: repositoryCalendarFolder },
      'dry-run': { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
      broadcast: { type: 'boolean', default: false },
      by: { type: 'string', default: process.env.USER ?? 'onego calendar' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  const base = { out: path.resolve(values.out), dryRun: values['dry-run'], yes: values.yes, broadcast: values.broadcast, by: values.by };
  const [action, ...rest] = positionals;
  if (values.help || action === undefined || action === 'help') return { action: 'help', ...base };
  if (action === 'years') return { action, ...base };
  if (action !== 'import') throw new Error(`Expected 'import' or 'years', but got '${action}'`);
  if (rest.length !== 2 || !/^\d{4}$/.test(rest[0]!)) throw new Error(`Expected 'import <year> <notice.txt>', but got '${rest.join(' ')}'`);
  if (base.dryRun && base.yes) throw new Error('Expected either --dry-run or --yes, not both');
  return { action, year: Number(rest[0]), noticeFile: rest[1], ...base };
}

async function confirmed(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^(y|yes|是)$/i.test((await prompt.question(question)).trim());
  } finally {
    prompt.close();
  }
}

/** Runs the command; the exit code says whether the year was written (0), refused (1) or misused (2). */
export async function run(argv: string[], print: (line: string) => void = console.log): Promise<void> {
  let command: CalendarCommand;
  try {
    command = parseCalendarArguments(argv);
  } catch (error) {
    console.error(`onego calendar: ${(error as Error).message}`);
    console.error(usage());
    process.exitCode = 2;
    return;
  }
  if (command.action === 'help') return print(usage());
  if (command.action === 'years') {
    const covered = calendarFromEnv(process.env).coveredYears();
    print(`covered: ${covered[0]}–${covered[covered.length - 1]} (${covered.length} years)`);
    const thisYear = new Date().getUTCFullYear();
    const missing = [thisYear, thisYear + 1].filter((year) => !covered.includes(year));
    print(missing.length ? `missing: ${missing.join(', ')} — deadlines there are provisional (期限暂定)` : 'missing: none this year or next');
    return;
  }
  let text: string;
  try {
    text = readFileSync(command.noticeFile!, 'utf8');
  } catch (error) {
    console.error(`onego calendar: 无法读取通知文件（cannot read the notice file）${command.noticeFile}: ${(error as Error).message}`);
    process.exitCode = 2;
    return;
  }
  const check = importCalendarYear({ year: command.year!, text, folder: command.out, dryRun: true });
  if (!check.ok) {
    for (const error of check.errors) print(`${command.noticeFile}:${error.line}: ${error.reason}\n    ${error.text}`);
    print(`未写入（nothing written）: ${check.errors.length} 处错误`);
    process.exitCode = 1;
    return;
  }
  print(check.grid);
  print(`${check.file.days.filter((day) => day.isOffDay).length} 天放假，${check.file.days.filter((day) => !day.isOffDay).length} 天调休上班；未识别为安排而略过的行：${check.ignoredLines.join(', ') || '无'}`);
  if (command.dryRun) return print(`dry run: ${check.path} not written`);
  if (!command.yes && !(await confirmed(`与通知核对无误后写入 ${check.path}？(y/N) `))) {
    print(`未写入（not written）: confirm with a terminal prompt or pass --yes`);
    process.exitCode = 1;
    return;
  }
  const written = importCalendarYear({ year: command.year!, text, folder: command.out });
  if (!written.ok) throw new Error('Expected the checked notice to import, but it did not');
  print(`wrote ${written.path}`);
  if (command.broadcast) {
    const zeebe = new Camunda8().getZeebeGrpcApiClient();
    try {
      await zeebe.broadcastSignal({ signalName: CALENDAR_UPDATED_SIGNAL, variables: { calendarUpdate: { year: command.year!, importedBy: command.by } } });
      print(`broadcast ${CALENDAR_UPDATED_SIGNAL} for ${command.year}`);
    } finally {
      await zeebe.close();
    }
  }
}
