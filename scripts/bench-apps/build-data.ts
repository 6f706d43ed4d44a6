/**
 * Builds the data folder `npm run bench:apps` reads: open cases through the real engine and exporter, and
 * finished cases written straight into the history store in the rows the exporter writes.
 *
 * - Open cases (default 50,000): one small model per demo process (same process id and name, one user task
 *   of a department, `candidateGroups = department`) is deployed, and each case is created in-process through
 *   the engine API with the variables the demo models carry — `caseId`, `caseTitle`, `applicant`, and the case
 *   deadline `deadline_case` as the `deadline-start` worker writes it (`workers/lights`; one case in fifty
 *   paused for 补正). The engine holds their live variables, as it does for real cases, and the exporter writes
 *   their history; zhang.san claims some of 市场监管局's.
 * - Finished cases (default 1,000,000) over the 12 weeks before the clock: running a million demo cases
 *   through the engine takes hours on this machine, so their rows are inserted directly: the instance, its
 *   case variables (final deadline included), two completed user tasks of two departments with their
 *   candidate groups (every other case's second department is a place's, `<department>-<code>`, for the 地区
 *   filter), and the process's completion event — the rows the list pages read. A real case also
 *   carries ~300 history records (element instances, events, variable changes), which no list page reads.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_WARN_RULE, startDeadline, pauseDeadline } from '../../workers/lights';
import type { BusinessCalendar } from '../../workers/calendar';
import { formatInstant } from '../../workers/calendar';
import { openHistoryDatabase } from '../../engine/history';
import { DEPARTMENTS } from '../../engine/identity/departments';
import type { EngineServer } from '../../engine/server';
import { drive } from '../bench/drive';

/** The demo processes the cases belong to (ids and names as in `bpmn/`), with a statutory limit in working days. */
export const BENCH_PROCESSES = [
  { id: 'enterprise-opening', name: '企业开办', limitDays: 3, title: (who: string) => `企业开办：${who}商贸有限公司` },
  { id: 'engineering-approval', name: '工程建设项目审批', limitDays: 20, title: (who: string) => `工程建设项目审批：${who}建设有限公司厂房项目` },
  { id: 'talent-card', name: '山东惠才卡核发', limitDays: 5, title: (who: string) => `山东惠才卡核发：${who}` },
  { id: 'medical-insurance-transfer', name: '医保关系转移接续', limitDays: 10, title: (who: string) => `医保关系转移接续：${who}（青岛→济南）` },
] as const;

/** The engine's first key (Zeebe's partition 1 starts at 2^51); the finished rows' keys lie below it. */
const FIRST_ENGINE_KEY = 2 ** 51;
/** The demo's places (`engine/identity/demo-jurisdictions.ts`): a finished case's place department is in one of them. */
export const BENCH_PLACES = ['370102', '370202', '370100', '370200'] as const;
const SURNAMES = '张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗';
const DAY = 86_400_000;

/** What the builder wrote, kept as `bench-apps.json` in the folder. */
export interface BenchData {
  now: number;
  finished: number;
  open: number;
}

/** A person's name for case `index` (applicants repeat surnames, as real ones do). */
export function applicantName(index: number): string {
  return `${SURNAMES[index % SURNAMES.length]}${SURNAMES[(index * 7) % SURNAMES.length]}${index}`;
}

function modelXml(process: (typeof BENCH_PROCESSES)[number]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="bench-${process.id}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${process.id}" name="${process.name}" isExecutable="true">
    <bpmn:startEvent id="start" name="受理" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="审查材料">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:assignmentDefinition candidateGroups="=department" />
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
    <bpmn:endEvent id="end" name="办结" />
  </bpmn:process>
</bpmn:definitions>`;
}

/** Opens `count` cases through the engine (see the file comment); the clock is pinned at `now`. */
export async function openCases(server: EngineServer, calendar: BusinessCalendar, count: number, now: number): Promise<void> {
  const { engine } = server;
  await engine.deployResources(BENCH_PROCESSES.map((process) => ({ name: `${process.id}.bpmn`, content: Buffer.from(modelXml(process)) })));
  const begin = performance.now();
  let done = 0;
  const progress = setInterval(() => console.log(`  open cases: ${done} of ${count}`), 10_000);
  await drive(count, 64, async (index) => {
    const process = BENCH_PROCESSES[index % BENCH_PROCESSES.length];
    const department = DEPARTMENTS[index % DEPARTMENTS.length].id;
    // Started over the last four weeks, so the lights spread over red, yellow and green.
    const started = now - 28 * DAY + (index % 2_000) * 1_200_000;
    const startedAt = formatInstant(new Date(started));
    let deadline = startDeadline({ name: 'case', limitWorkingMinutes: process.limitDays * calendar.minutesPerWorkingDay, startedAt }, calendar, DEFAULT_WARN_RULE);
    if (index % 50 === 0) deadline = pauseDeadline(deadline, formatInstant(new Date(started + 2 * 3_600_000)), calendar);
    const who = applicantName(index);
    const created = await engine.createProcessInstance({
      bpmnProcessId: process.id,
      variables: {
        caseId: `SD-2026-O-${String(index).padStart(7, '0')}`,
        caseTitle: process.title(who),
        applicant: { name: who, idNumber: `3701021990${String(index % 100_000_000).padStart(8, '0')}` },
        department,
        acceptedAt: startedAt,
        deadline_case: deadline,
      },
    });
    done += 1;
    return created;
  });
  clearInterval(progress);
  console.log(`  ${count} open cases created in ${((performance.now() - begin) / 1000).toFixed(1)} s`);
}

/** Inserts `count` finished cases into `<dataDir>/history.sqlite` (engine stopped). */
export function insertFinishedCases(dataDir: string, calendar: BusinessCalendar, count: number, now: number): void {
  const db = openHistoryDatabase(join(dataDir, 'history.sqlite'));
  // A bulk load of a rebuildable file: a big page cache (the value-ordered indexes take rows in random order)
  // and no fsync.
  db.pragma('cache_size = -1000000');
  db.pragma('synchronous = OFF');
  // Resumes an interrupted build: transactions hold 20,000 cases each, so what is there is a whole number of them.
  const already = (db.prepare(`SELECT COUNT(*) AS n FROM process_instances WHERE process_instance_key < ${FIRST_ENGINE_KEY}`).get() as { n: number }).n;
  const definitionKeys = new Map<string, string>();
  for (const row of db.prepare('SELECT CAST(process_definition_key AS TEXT) AS key, process_definition_id AS id FROM process_definitions').all() as { key: string; id: string }[]) {
    definitionKeys.set(row.id, row.key);
  }
  const instance = db.prepare(
    `INSERT INTO process_instances (process_instance_key, process_definition_key, process_definition_id, process_definition_name, process_definition_version, state,
       start_date, end_date, tenant_id, case_id, case_title) VALUES (?, ?, ?, ?, 1, 'COMPLETED', ?, ?, '<default>', ?, ?)`,
  );
  const variable = db.prepare(`INSERT INTO variables (variable_key, name, value, scope_key, process_instance_key, tenant_id) VALUES (?, ?, ?, ?, ?, '<default>')`);
  const task = db.prepare(
    `INSERT INTO user_tasks (user_task_key, name, state, assignee, element_id, element_instance_key, candidate_groups, candidate_users, process_definition_id,
       process_definition_key, process_definition_version, process_instance_key, process_name, creation_date, completion_date, tenant_id, custom_headers, priority)
     VALUES (?, ?, 'COMPLETED', ?, ?, ?, ?, '[]', ?, ?, 1, ?, ?, ?, ?, '<default>', '{}', 50)`,
  );
  const candidate = db.prepare(`INSERT INTO user_task_candidates (user_task_key, kind, candidate) VALUES (?, 'group', ?)`);
  const event = db.prepare(
    `INSERT INTO instance_events (process_instance_key, position, at, record_type, value_type, intent, record_key, element_id, detail)
     VALUES (?, ?, ?, 'EVENT', 'PROCESS_INSTANCE', 'ELEMENT_COMPLETED', ?, ?, 'PROCESS')`,
  );
  const begin = performance.now();
  const perDay = calendar.minutesPerWorkingDay;
  // Starts repeat (one per hour of 80 days): each deadline and end instant is counted once.
  const deadlines = new Map<string, ReturnType<typeof startDeadline>>();
  const ends = new Map<string, number>();
  const write = db.transaction((from: number, to: number) => {
    for (let index = from; index < to; index += 1) {
      // Keys below the engine's (which start at 2^51), 16 apart: the case, its variables, its tasks.
      const key = 1_000_000_000_000 + index * 16;
      const process = BENCH_PROCESSES[index % BENCH_PROCESSES.length];
      const definitionKey = definitionKeys.get(process.id) ?? '1';
      const start = now - 84 * DAY + ((index * 7_919) % (80 * 24)) * 3_600_000;
      const startedAt = formatInstant(new Date(start));
      const limit = process.limitDays * perDay;
      // One case in eight takes longer than its limit (超期办结).
      const usedDays = index % 8 === 0 ? process.limitDays + 1 + (index % 3) : Math.max(1, (index % process.limitDays) + 0.5);
      const running =
        deadlines.get(`${startedAt} ${limit}`) ??
        deadlines.set(`${startedAt} ${limit}`, startDeadline({ name: 'case', limitWorkingMinutes: limit, startedAt }, calendar, DEFAULT_WARN_RULE)).get(`${startedAt} ${limit}`)!;
      const endKey = `${startedAt} ${usedDays}`;
      const end = Math.min(now - 60_000, ends.get(endKey) ?? ends.set(endKey, calendar.addWorkingMinutes(startedAt, usedDays * perDay).getTime()).get(endKey)!);
      const deadline = { ...running, consumedWorkingMinutes: 0 };
      const who = applicantName(1_000_000 + index);
      const title = process.title(who);
      const caseId = `SD-2026-${String(index).padStart(7, '0')}`;
      instance.run(key, definitionKey, process.id, process.name, start, end, caseId, title);
      variable.run(key + 1, 'caseId', JSON.stringify(caseId), key, key);
      variable.run(key + 2, 'caseTitle', JSON.stringify(title), key, key);
      variable.run(key + 3, 'applicant', JSON.stringify({ name: who, idNumber: `3701021990${String(index % 100_000_000).padStart(8, '0')}` }), key, key);
      variable.run(key + 4, 'deadline_case', JSON.stringify(deadline), key, key);
      variable.run(key + 5, 'decision', '"approve"', key, key);
      const first = DEPARTMENTS[index % DEPARTMENTS.length].id;
      // Every other case's second step went to a place's department (历下, 市南, 济南, 青岛 in turn), as 全域通办 cases do.
      const secondDepartment = DEPARTMENTS[(index + 5) % DEPARTMENTS.length].id;
      const second = index % 2 === 0 ? `${secondDepartment}-${BENCH_PLACES[(index / 2) % BENCH_PLACES.length]}` : secondDepartment;
      for (const [offset, department, name] of [
        [8, first, '受理审查'],
        [9, second, '审查材料'],
      ] as const) {
        task.run(key + offset, name, department === 'market-regulation' ? 'zhang.san' : null, `step-${offset}`, key + offset + 4, JSON.stringify([department]), process.id, definitionKey, key, process.name, start, end);
        candidate.run(key + offset, department);
      }
      event.run(key, -1 - index, end, key, process.id);
    }
  });
  if (already > 0) console.log(`  ${already} finished cases are there already; writing the rest`);
  for (let from = already; from < count; from += 20_000) {
    write(from, Math.min(count, from + 20_000));
    if ((from / 20_000) % 10 === 9) console.log(`  finished cases: ${from + 20_000} of ${count} (${((performance.now() - begin) / 1000).toFixed(0)} s)`);
  }
  db.close();
  console.log(`  ${count} finished cases written in ${((performance.now() - begin) / 1000).toFixed(1)} s`);
}

/** Records what was built. */
export function saveBenchData(dataDir: string, data: BenchData): void {
  writeFileSync(join(dataDir, 'bench-apps.json'), `${JSON.stringify(data, null, 2)}\n`);
}
