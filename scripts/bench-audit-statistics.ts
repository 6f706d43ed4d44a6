/**
 * Benchmark of `GET /v2/apps/audit/statistics`'s computation on a large history store: fills a fresh
 * history.sqlite with N finished cases (each with a case deadline and a user task of one of 19
 * departments) spread over 12 weeks plus open ones, then prints how long the statistics take.
 *
 *   node --import tsx scripts/bench-audit-statistics.ts [--finished 200000] [--open 20000] [--rounds 3]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { auditStatistics } from '../apps/api/audit-statistics';
import { openHistoryDatabase } from '../engine/history';
import { DEPARTMENTS } from '../engine/identity/departments';
import { calendarFromEnv, formatInstant } from '../workers/calendar';

const { values } = parseArgs({ options: { finished: { type: 'string', default: '200000' }, open: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '3' } } });
const finished = Number(values.finished);
const open = Number(values.open);
const rounds = Number(values.rounds);
const calendar = calendarFromEnv({ ONEGO_HOLIDAY_UNCOVERED: 'weekends-only' });
const dir = mkdtempSync(join(tmpdir(), 'onego-bench-statistics-'));
const db = openHistoryDatabase(join(dir, 'history.sqlite'));
const now = Date.parse('2025-12-31T10:00:00+08:00');
const DAY = 86_400_000;

const fillStart = performance.now();
const instance = db.prepare(
  `INSERT INTO process_instances (process_instance_key, process_definition_key, process_definition_id, process_definition_name, process_definition_version, state, start_date, end_date, tenant_id)
   VALUES (?, 1, ?, ?, 1, ?, ?, ?, '<default>')`,
);
const variable = db.prepare(`INSERT INTO variables (variable_key, name, value, scope_key, process_instance_key, tenant_id) VALUES (?, 'deadline_case', ?, ?, ?, '<default>')`);
const task = db.prepare(
  `INSERT INTO user_tasks (user_task_key, state, element_id, element_instance_key, candidate_groups, candidate_users, process_definition_id, process_definition_key,
     process_definition_version, process_instance_key, creation_date, tenant_id, custom_headers, priority) VALUES (?, ?, 'review', ?, ?, '[]', ?, 1, 1, ?, ?, '<default>', '{}', 50)`,
);
db.transaction(() => {
  for (let index = 0; index < finished + open; index += 1) {
    const key = 1_000_000 + index;
    const isOpen = index >= finished;
    const start = now - (isOpen ? 20 : 84) * DAY + (index % 997) * 3_600_000 * 1.9;
    const limitDays = 5 + (index % 16);
    const startedAt = formatInstant(new Date(start));
    const dueAt = formatInstant(calendar.addWorkingMinutes(startedAt, limitDays * 420));
    const end = isOpen ? null : start + ((index % 7) + 1) * 2 * DAY;
    const processId = `process-${index % 12}`;
    instance.run(key, processId, `事项 ${index % 12}`, isOpen ? 'ACTIVE' : 'COMPLETED', start, end);
    variable.run(key, JSON.stringify({ name: 'case', limitWorkingMinutes: limitDays * 420, consumedWorkingMinutes: 0, startedAt, warnAt: dueAt, dueAt, pausedAt: null }), key, key);
    task.run(key, isOpen ? 'CREATED' : 'COMPLETED', key, JSON.stringify([DEPARTMENTS[index % DEPARTMENTS.length].id]), processId, key, start);
  }
})();
console.log(`filled ${finished} finished and ${open} open cases in ${((performance.now() - fillStart) / 1000).toFixed(1)} s`);

for (const [label, query] of [
  ['12 weeks, every process', { from: '2025-10-09', to: '2025-12-31' }],
  ['12 weeks, one process', { from: '2025-10-09', to: '2025-12-31', bpmnProcessId: 'process-3' }],
] as const) {
  const times: number[] = [];
  let result;
  for (let round = 0; round < rounds; round += 1) {
    const begin = performance.now();
    result = auditStatistics(db, calendar, query, now, (id) => id);
    times.push(performance.now() - begin);
  }
  console.log(`${label}: ${result!.totals.finished} finished, ${result!.totals.openOverdue} open overdue — ${times.map((time) => `${time.toFixed(0)} ms`).join(', ')}`);
}
db.close();
rmSync(dir, { recursive: true, force: true });
