/**
 * Benchmark of the audit app's reads on a large history store: the 电子监察 statistics
 * (`GET /v2/apps/audit/statistics`), the case search (`/v2/apps/audit/process-instances`) with each of
 * its filters, and the 亮灯 board (`/v2/apps/audit/lights`), timed as the routes compute them.
 *
 * The store is synthetic: rows are inserted directly (no engine runs), one finished or open top-level case
 * per row in `process_instances`, with a case deadline and an `applicant` variable, one user task of one
 * of the 19 departments, and — for finished cases — the process's completion in `instance_events`, which
 * is what the statistics counters fold from. Real cases carry ~300 history records each; the reads timed
 * here touch only the tables above, through their indexes.
 *
 *   node --import tsx scripts/bench-audit-statistics.ts [--finished 1000000] [--open 50000] [--rounds 2] [--keep DIR]
 *
 * `--keep DIR` fills DIR/history.sqlite once and reuses it (and its counters; `--refold` rebuilds them) on
 * later runs. Each line prints wall-clock times and this process's CPU time: on a shared machine the wall
 * clock includes waiting for a core, the CPU time is what the read itself costs.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { lightBoardPage } from '../apps/api/audit-light-board';
import { auditStatistics } from '../apps/api/audit-statistics';
import { CaseIndex } from '../apps/api/case-index/case-index';
import { instancePage } from '../apps/api/instance-records';
import { openHistoryDatabase } from '../engine/history';
import { DEPARTMENTS } from '../engine/identity/departments';
import { calendarFromEnv, formatInstant } from '../workers/calendar';

const { values } = parseArgs({
  options: {
    finished: { type: 'string', default: '1000000' },
    open: { type: 'string', default: '50000' },
    rounds: { type: 'string', default: '2' },
    keep: { type: 'string' },
    refold: { type: 'boolean', default: false },
  },
});
const finished = Number(values.finished);
const open = Number(values.open);
const rounds = Number(values.rounds);
const calendar = calendarFromEnv({ ONEGO_HOLIDAY_UNCOVERED: 'weekends-only' });
const dir = values.keep ?? mkdtempSync(join(tmpdir(), 'onego-bench-statistics-'));
mkdirSync(dir, { recursive: true });
const file = join(dir, 'history.sqlite');
const filled = existsSync(file);
const now = Date.parse('2025-12-31T10:00:00+08:00');
const DAY = 86_400_000;
const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴'];

/** Writes the synthetic cases. */
function fill(db: Database.Database): void {
  const instance = db.prepare(
    `INSERT INTO process_instances (process_instance_key, process_definition_key, process_definition_id, process_definition_name, process_definition_version, state, start_date, end_date, tenant_id, case_id, case_title)
     VALUES (?, 1, ?, ?, 1, ?, ?, ?, '<default>', ?, ?)`,
  );
  const variable = db.prepare(`INSERT INTO variables (variable_key, name, value, scope_key, process_instance_key, tenant_id) VALUES (?, ?, ?, ?, ?, '<default>')`);
  const task = db.prepare(
    `INSERT INTO user_tasks (user_task_key, state, element_id, element_instance_key, candidate_groups, candidate_users, process_definition_id, process_definition_key,
       process_definition_version, process_instance_key, creation_date, tenant_id, custom_headers, priority, assignee) VALUES (?, ?, 'review', ?, ?, '[]', ?, 1, 1, ?, ?, '<default>', '{}', 50, ?)`,
  );
  const candidate = db.prepare(`INSERT INTO user_task_candidates (user_task_key, kind, candidate) VALUES (?, 'group', ?)`);
  const element = db.prepare(
    `INSERT INTO element_instances (element_instance_key, process_instance_key, process_definition_key, process_definition_id, element_id, element_name, type, state, start_date, tenant_id, flow_scope_key)
     VALUES (?, ?, 1, ?, 'review', '审查材料', 'USER_TASK', 'ACTIVE', ?, '<default>', ?)`,
  );
  const event = db.prepare(
    `INSERT INTO instance_events (position, process_instance_key, at, record_type, value_type, intent, record_key, element_id, detail)
     VALUES (?, ?, ?, 'EVENT', 'PROCESS_INSTANCE', 'ELEMENT_COMPLETED', ?, ?, 'PROCESS')`,
  );
  const begin = performance.now();
  const write = db.transaction((from: number, to: number) => {
    for (let index = from; index < to; index += 1) {
      const key = 1_000_000 + index * 10;
      const isOpen = index >= finished;
      // Finished cases spread over twelve weeks before `now`; open ones started in the last four.
      const start = isOpen ? now - 28 * DAY + (index % 2_000) * 1_200_000 : now - 84 * DAY + ((index * 7_919) % (70 * 24)) * 3_600_000;
      const limitDays = 5 + (index % 16);
      const startedAt = formatInstant(new Date(start));
      const dueAt = formatInstant(calendar.addWorkingMinutes(startedAt, limitDays * 420));
      const warnAt = formatInstant(calendar.addWorkingMinutes(startedAt, Math.max(1, limitDays - 2) * 420));
      const end = isOpen ? null : start + ((index % 9) + 1) * 2 * DAY;
      const processId = `process-${index % 12}`;
      const department = DEPARTMENTS[index % DEPARTMENTS.length].id;
      instance.run(key, processId, `事项 ${index % 12}`, isOpen ? 'ACTIVE' : 'COMPLETED', start, end, `SD-${2025_000_000 + index}`, `案件 ${index}`);
      const paused = isOpen && index % 50 === 0 ? JSON.stringify(startedAt) : 'null';
      variable.run(key + 1, 'deadline_case', `{"name":"case","limitWorkingMinutes":${limitDays * 420},"consumedWorkingMinutes":0,"startedAt":"${startedAt}","warnAt":"${warnAt}","dueAt":"${dueAt}","pausedAt":${paused}}`, key, key);
      variable.run(key + 2, 'applicant', JSON.stringify({ name: `${SURNAMES[index % 10]}某${index}`, idNumber: `37010219900101${String(index % 10_000).padStart(4, '0')}` }), key, key);
      task.run(key + 3, isOpen ? 'CREATED' : 'COMPLETED', key + 4, JSON.stringify([department]), processId, key, start, isOpen && index % 3 === 0 ? 'zhang.san' : null);
      candidate.run(key + 3, department);
      if (isOpen) element.run(key + 4, key, processId, start, key);
      else event.run(index + 1, key, end, key, processId);
    }
  });
  for (let from = 0; from < finished + open; from += 50_000) write(from, Math.min(finished + open, from + 50_000));
  console.log(`filled ${finished} finished and ${open} open cases in ${((performance.now() - begin) / 1000).toFixed(1)} s`);
}

/** Times `run` `rounds` times; prints the label, what it found and each time. */
async function time(label: string, run: () => unknown | Promise<unknown>, found: (result: never) => string): Promise<void> {
  const times: string[] = [];
  let result: unknown;
  for (let round = 0; round < rounds; round += 1) {
    const begin = performance.now();
    const cpu = process.cpuUsage();
    result = await run();
    const used = process.cpuUsage(cpu);
    times.push(`${(performance.now() - begin).toFixed(0)} ms (cpu ${((used.user + used.system) / 1000).toFixed(0)})`);
  }
  console.log(`${label.padEnd(40)} ${found(result as never).padEnd(26)} ${times.join(', ')}`);
}

if (!filled) {
  const writer = openHistoryDatabase(file);
  fill(writer);
  writer.close();
} else {
  // Opening it writable applies the current schema (indexes added since it was filled).
  openHistoryDatabase(file).close();
  console.log(`reusing ${file}`);
}
const db = openHistoryDatabase(file, { readonly: true });
if (!values.keep || values.refold) for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `apps-cases.sqlite${suffix}`), { force: true });
const store = new CaseIndex(db, calendar);
const foldStart = performance.now();
await store.catchUp();
console.log(`case index: catching up took ${((performance.now() - foldStart) / 1000).toFixed(1)} s (the first catch-up reads every case once; later ones read only what history added)`);

const names = { department: (id: string) => DEPARTMENTS.find((entry) => entry.id === id)?.name ?? id, person: (username: string) => username };
const period = { from: '2025-10-09', to: '2025-12-31' };
const total = (result: { page: { totalItems: number } }) => `${result.page.totalItems} match`;

console.log(`\n${finished} finished + ${open} open cases, ${rounds} rounds each:`);
await time('statistics, 12 weeks, every process', () => auditStatistics(store, period, now, (id) => id), (r: Awaited<ReturnType<typeof auditStatistics>>) => `${r.totals.finished} fin, ${r.totals.openOverdue} late`);
await time('statistics, 12 weeks, one process', () => auditStatistics(store, { ...period, bpmnProcessId: 'process-3' }, now, (id) => id), (r: Awaited<ReturnType<typeof auditStatistics>>) => `${r.totals.finished} fin, ${r.totals.openOverdue} late`);
await time('statistics, 3 years', () => auditStatistics(store, { from: '2023-01-02', to: '2025-12-31' }, now, (id) => id), (r: Awaited<ReturnType<typeof auditStatistics>>) => `${r.totals.finished} fin`);
for (const [label, query] of [
  ['cases, first page (50)', {}],
  ['cases, page 100 by cursor-free offset', { from: '4950' }],
  ['cases, one department', { department: DEPARTMENTS[4].id }],
  ['cases, one process, finished', { bpmnProcessId: 'process-5', state: 'COMPLETED' }],
  ['cases, started in one week', { startedFrom: '2025-11-03', startedTo: '2025-11-09' }],
  ['cases, light red (open)', { light: 'red' }],
  ['cases, light paused (open)', { light: 'paused' }],
  ['cases, 超期办结 (finished)', { light: 'overdue' }],
  ['cases, applicant 张某12', { applicant: '张某12' }],
  ['cases, case number SD-2025000777', { caseId: 'SD-2025000777' }],
  ['cases, case number starting SD-20250007', { caseId: 'SD-20250007' }],
  ['cases, free text 案件 4242', { text: '案件 4242' }],
] as const) {
  await time(label, () => instancePage(store, { limit: '50', ...query }, now), total);
}
for (const [label, query] of [
  ['light board, first page (50)', {}],
  ['light board, red only', { colour: 'red' }],
  ['light board, one department', { department: DEPARTMENTS[4].id }],
] as const) {
  await time(label, () => lightBoardPage(store, calendar, now, { limit: '50', ...query }, names), (r: ReturnType<typeof lightBoardPage>) => `${r.counts.all} open, ${r.counts.red} red`);
}
store.close();
db.close();
if (!values.keep) rmSync(dir, { recursive: true, force: true });
