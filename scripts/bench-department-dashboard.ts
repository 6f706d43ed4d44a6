/**
 * Benchmark of the supervisor's department dashboard (`GET /v2/apps/tasklist/dashboard`, computed by
 * `departmentDashboard`) on a large history store: fills a fresh history.sqlite with N finished cases spread
 * over 12 weeks and M open ones (each with a case deadline and a user task of one of the demo departments,
 * the deadline a history variable, as the exporter writes it), then prints how long one
 * department's dashboard takes. Not a test.
 *
 *   node --import tsx scripts/bench-department-dashboard.ts [--finished 1000000] [--open 50000] [--rounds 3]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { CaseIndex } from '../apps/api/case-index/case-index';
import { departmentDashboard } from '../apps/api/department-dashboard';
import { openHistoryDatabase } from '../engine/history';
import { DEPARTMENTS } from '../engine/identity/departments';
import { calendarFromEnv, formatInstant } from '../workers/calendar';

const { values } = parseArgs({ options: { finished: { type: 'string', default: '1000000' }, open: { type: 'string', default: '50000' }, rounds: { type: 'string', default: '3' } } });
const finished = Number(values.finished);
const open = Number(values.open);
const rounds = Number(values.rounds);
const calendar = calendarFromEnv({ ONEGO_HOLIDAY_UNCOVERED: 'weekends-only' });
const dir = mkdtempSync(join(tmpdir(), 'onego-bench-dashboard-'));
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
  `INSERT INTO user_tasks (user_task_key, name, state, element_id, element_instance_key, candidate_groups, candidate_users, process_definition_id, process_definition_key,
     process_definition_version, process_instance_key, creation_date, tenant_id, custom_headers, priority) VALUES (?, '审查材料', ?, 'review', ?, ?, '[]', ?, 1, 1, ?, ?, '<default>', '{}', 50)`,
);
db.transaction(() => {
  for (let index = 0; index < finished + open; index += 1) {
    const key = 1_000_000 + index;
    const isOpen = index >= finished;
    // Finished cases over the last ~3 years (12 weeks of them in the dashboard's period), open ones in the last 20 days.
    const start = isOpen ? now - 20 * DAY + (index % 997) * 3_600_000 * 0.4 : now - 1100 * DAY + (index / finished) * 1090 * DAY;
    const limitDays = 5 + (index % 16);
    const startedAt = formatInstant(new Date(start));
    const dueAt = formatInstant(calendar.addWorkingMinutes(startedAt, limitDays * 420));
    const end = isOpen ? null : start + ((index % 7) + 1) * 2 * DAY;
    const processId = `process-${index % 12}`;
    const deadline = { name: 'case', limitWorkingMinutes: limitDays * 420, consumedWorkingMinutes: 0, startedAt, warnAt: dueAt, dueAt, pausedAt: null };
    instance.run(key, processId, `事项 ${index % 12}`, isOpen ? 'ACTIVE' : 'COMPLETED', start, end);
    variable.run(key, JSON.stringify(deadline), key, key);
    task.run(key, isOpen ? 'CREATED' : 'COMPLETED', key, JSON.stringify([DEPARTMENTS[index % DEPARTMENTS.length].id]), processId, key, start);
  }
})();
console.log(`filled ${finished} finished and ${open} open cases in ${((performance.now() - fillStart) / 1000).toFixed(1)} s (${DEPARTMENTS.length} departments)`);

const index = new CaseIndex(db, calendar);
const indexStart = performance.now();
await index.catchUp();
console.log(`case index built in ${((performance.now() - indexStart) / 1000).toFixed(1)} s`);
const department = DEPARTMENTS[3];
const times: number[] = [];
let result;
for (let round = 0; round < rounds; round += 1) {
  const begin = performance.now();
  result = departmentDashboard(index, calendar, [{ id: department.id, name: department.name }], now);
  times.push(performance.now() - begin);
}
const openCases = Object.values(result!.byLight).reduce((sum, count) => sum + count, 0);
const finishedInPeriod = result!.handling.reduce((sum, row) => sum + row.finished, 0);
console.log(
  `dashboard of ${department.name}: ${openCases} open (${result!.overdue.length} overdue), ${finishedInPeriod} finished in 12 weeks — ${times.map((time) => `${time.toFixed(0)} ms`).join(', ')}`,
);
index.close();
db.close();
rmSync(dir, { recursive: true, force: true });
