/**
 * `onego bench-statistics`: how fast the Camunda 8.9 statistics endpoints' SQL answers over a large history
 * store. Fills a fresh `history.sqlite` with synthetic finished and active instances (five element instances
 * each, some with incidents) and times each statistics query. Prints numbers; not a test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openHistoryDatabase } from '../../engine/history';
import {
  definitionElementStatistics,
  instanceStatisticsByDefinition,
  instanceStatisticsByVersion,
  javaStringHash,
  statisticsByDefinition,
  statisticsByError,
} from '../../engine/history/statistics';

const USAGE = 'usage: onego bench-statistics [--instances N] [--active N] [--runs N]';

/** What `onego bench-statistics --help` prints: the options and their defaults. */
export function usage(): string {
  return [
    USAGE,
    '',
    'Times the Camunda 8.9 statistics queries over a synthetic history store. Prints numbers; not a test.',
    '在合成的历史库上计时统计查询，只打印数字，不是测试。',
    '',
    '  --instances N  synthetic process instances in the store (default 1000000)',
    '  --active N     of which still active (default 50000)',
    '  --runs N       timings per query (default 5)',
  ].join('\n');
}
const ELEMENTS = ['start', 'check', 'review', 'notify', 'end'];
const ERRORS = ['证照库不可用', '短信网关超时', '材料缺失'];

function fill(db: ReturnType<typeof openHistoryDatabase>, instances: number, active: number): void {
  const definition = db.prepare(
    `INSERT INTO process_definitions (process_definition_key, process_definition_id, name, version, resource_name, tenant_id, bpmn_xml) VALUES (?, 'permit', ?, ?, 'permit.bpmn', '<default>', '')`,
  );
  const instance = db.prepare(
    `INSERT INTO process_instances (process_instance_key, process_definition_key, process_definition_id, process_definition_name, process_definition_version, state, start_date, end_date, incident_count, tenant_id)
     VALUES (?, ?, 'permit', '许可', ?, ?, ?, ?, ?, '<default>')`,
  );
  const element = db.prepare(
    `INSERT INTO element_instances (element_instance_key, process_instance_key, process_definition_key, process_definition_id, element_id, type, state, start_date, incident_key, tenant_id)
     VALUES (?, ?, ?, 'permit', ?, 'SERVICE_TASK', ?, ?, ?, '<default>')`,
  );
  const incident = db.prepare(
    `INSERT INTO incidents (incident_key, process_definition_key, process_definition_id, process_instance_key, error_type, error_message, element_id, element_instance_key, creation_time, state, tenant_id)
     VALUES (?, ?, 'permit', ?, 'JOB_NO_RETRIES', ?, 'check', ?, 0, 'ACTIVE', '<default>')`,
  );
  db.transaction(() => {
    definition.run(1, '许可', 1);
    definition.run(2, '许可（第二版）', 2);
  })();
  let key = 1_000_000;
  const chunk = 50_000;
  for (let done = 0; done < instances; done += chunk) {
    db.transaction(() => {
      for (let index = done; index < Math.min(instances, done + chunk); index += 1) {
        const isActive = index >= instances - active;
        const hasIncident = isActive && index % 10 === 0;
        const definitionKey = index % 3 === 0 ? 2 : 1;
        const instanceKey = (key += 1);
        instance.run(instanceKey, definitionKey, definitionKey, isActive ? 'ACTIVE' : 'COMPLETED', index, isActive ? null : index + 1, hasIncident ? 1 : 0);
        const reached = isActive ? 3 : ELEMENTS.length;
        for (let step = 0; step < reached; step += 1) {
          const elementKey = (key += 1);
          const last = isActive && step === reached - 1;
          const incidentKey = last && hasIncident ? (key += 1) : null;
          element.run(elementKey, instanceKey, definitionKey, ELEMENTS[step], last ? 'ACTIVE' : 'COMPLETED', index, incidentKey);
          if (incidentKey !== null) incident.run(incidentKey, definitionKey, instanceKey, ERRORS[index % ERRORS.length], elementKey);
        }
      }
    })();
  }
}

function time(runs: number, query: () => unknown): { p50: number; max: number } {
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    query();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(samples.length / 2)], max: samples[samples.length - 1] };
}

export async function run(argv: string[]): Promise<void> {
  let instances: number;
  let active: number;
  let runs: number;
  try {
    const { values } = parseArgs({ args: argv, options: { instances: { type: 'string', default: '1000000' }, active: { type: 'string', default: '50000' }, runs: { type: 'string', default: '5' } }, strict: true });
    [instances, active, runs] = [values.instances, values.active, values.runs].map(Number);
    if (![instances, active, runs].every((value) => Number.isInteger(value) && value > 0) || active > instances) throw new Error('Expected whole numbers > 0, with --active at most --instances');
  } catch (error) {
    console.error(`onego bench-statistics: ${(error as Error).message}`);
    console.error(USAGE);
    process.exit(2);
  }
  const dir = mkdtempSync(join(tmpdir(), 'onego-bench-statistics-'));
  try {
    const db = openHistoryDatabase(join(dir, 'history.sqlite'));
    const filling = performance.now();
    fill(db, instances, active);
    db.exec('ANALYZE');
    console.log(`filled ${instances} instances (${active} active) in ${((performance.now() - filling) / 1000).toFixed(1)} s`);
    const hash = javaStringHash(ERRORS[0]);
    const queries: [string, () => unknown][] = [
      ['element statistics, one definition, no filter', () => definitionElementStatistics(db, '1', undefined)],
      ['element statistics, one definition, state ACTIVE', () => definitionElementStatistics(db, '1', { state: 'ACTIVE' })],
      ['element statistics, one definition, hasIncident', () => definitionElementStatistics(db, '1', { hasIncident: true })],
      ['instances per definition', () => instanceStatisticsByDefinition(db, {})],
      ['instances per version', () => instanceStatisticsByVersion(db, { filter: { processDefinitionId: 'permit' } })],
      ['incidents by error', () => statisticsByError(db, {})],
      ['incidents by definition (one error)', () => statisticsByDefinition(db, { filter: { errorHashCode: hash } })],
    ];
    for (const [name, query] of queries) {
      const { p50, max } = time(runs, query);
      console.log(`${name.padEnd(52)} p50 ${p50.toFixed(1).padStart(8)} ms   max ${max.toFixed(1).padStart(8)} ms`);
    }
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
