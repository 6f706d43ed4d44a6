/**
 * What the history exporter thread costs per case, measured in process on a real record log (a data folder
 * `npm run bench:scale -- --data DIR` left behind): reads every batch, re-encodes it as the log's writer
 * thread hands it over (JSON bytes plus where each record ends), and then, timed, selects and writes the
 * records into a fresh history store in transactions of about 2,000 records, as the exporter does under load.
 * Prints CPU ms per finished process instance. Run it with `node --cpu-prof` to see where the time goes.
 * Not a test.
 *
 *   node --import tsx scripts/bench-history/exporter-cost.ts --data DIR [--repeat 1] [--records 2000] [--statements] [--keep] [--batches N]
 *
 * `--statements` also times every SQL statement the writer runs (wall time inside better-sqlite3, summed per
 * statement, commits included) and prints the costliest, so the SQLite share is attributed row by row.
 * `--batches N` reads only the log's first N batches (a shorter run, e.g. under valgrind). `--keep` leaves each run's history store in place (its path is printed) to look at its tables and sizes.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import type { EngineRecord } from '../../engine/api';
import { openHistoryDatabase } from '../../engine/history/history-schema';
import { HistoryWriter } from '../../engine/history/history-writer';
import { RecordSelection } from '../../engine/history/record-selection';
import { timeStatements } from './statement-timer';

const { values } = parseArgs({
  options: { data: { type: 'string' }, repeat: { type: 'string', default: '1' }, records: { type: 'string', default: '2000' }, statements: { type: 'boolean', default: false }, keep: { type: 'boolean', default: false }, batches: { type: 'string' } },
});
if (!values.data) throw new Error('Expected --data DIR: a data folder with records.sqlite (npm run bench:scale -- --data DIR)');
const perTransaction = Number(values.records);

interface Handed {
  json: Buffer;
  itemEnds: Uint32Array;
  lastPosition: number;
}

/** The log's batches as the writer thread hands them over. */
function readBatches(file: string): Handed[] {
  const log = new Database(file, { readonly: true, fileMustExist: true });
  const batches: Handed[] = [];
  for (const row of log.prepare('SELECT last_position AS last, records FROM batches ORDER BY first_position').iterate() as Iterable<{ last: number; records: Buffer }>) {
    const records = JSON.parse(inflateRawSync(row.records).toString('utf8')) as EngineRecord[];
    const parts = records.map((record) => Buffer.from(JSON.stringify(record), 'utf8'));
    const itemEnds = new Uint32Array(parts.length);
    let end = 0;
    parts.forEach((part, index) => {
      end += 1 + part.length;
      itemEnds[index] = end;
    });
    batches.push({ json: Buffer.concat([Buffer.from('['), ...parts.flatMap((part, index) => (index === 0 ? [part] : [Buffer.from(','), part])), Buffer.from(']')]), itemEnds, lastPosition: row.last });
  }
  log.close();
  return batches;
}

const batches = readBatches(join(values.data, 'records.sqlite')).slice(0, values.batches === undefined ? undefined : Number(values.batches));
const recordCount = batches.reduce((sum, batch) => sum + batch.itemEnds.length, 0);
console.log(`${batches.length.toLocaleString('en-US')} batches, ${recordCount.toLocaleString('en-US')} records`);

for (let run = 0; run < Number(values.repeat); run++) {
  const dir = mkdtempSync(join(tmpdir(), 'onego-exporter-cost-'));
  const db = openHistoryDatabase(join(dir, 'history.sqlite'));
  const timings = values.statements ? timeStatements(db) : undefined;
  const writer = new HistoryWriter(db);
  const selection = new RecordSelection();
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  let pending: EngineRecord[] = [];
  let through = 0;
  let selectCpu = 0;
  const flush = async () => {
    await writer.prepare(pending);
    writer.write(pending, through);
    pending = [];
  };
  for (const batch of batches) {
    const before = process.cpuUsage();
    for (const record of selection.selectEncoded(batch.json, batch.itemEnds, writer.position)) pending.push(record);
    const spent = process.cpuUsage(before);
    selectCpu += (spent.user + spent.system) / 1000;
    through = batch.lastPosition;
    if (pending.length >= perTransaction) await flush();
  }
  await flush();
  const used = process.cpuUsage(cpu);
  const ms = (used.user + used.system) / 1000;
  const finished = (db.prepare("SELECT COUNT(*) AS n FROM process_instances WHERE state = 'COMPLETED'").get() as { n: number }).n;
  const instances = (db.prepare('SELECT COUNT(*) AS n FROM process_instances').get() as { n: number }).n;
  const rows = Object.fromEntries(
    ['element_instances', 'variables', 'variable_changes', 'instance_events', 'audit_log', 'jobs', 'user_tasks'].map((table) => [table, (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n]),
  );
  console.log(
    `run ${run + 1}: ${ms.toFixed(0)} ms CPU (${(performance.now() - t0).toFixed(0)} ms wall) for ${instances.toLocaleString('en-US')} instances (${finished.toLocaleString('en-US')} finished): ` +
      `${(ms / instances).toFixed(3)} ms CPU per instance, of which selecting/parsing ${(selectCpu / instances).toFixed(3)} ms`,
  );
  if (timings) for (const line of timings.report(instances)) console.log(`  ${line}`);
  console.log(`  rows per instance: ${Object.entries(rows).map(([table, n]) => `${table} ${(n / instances).toFixed(2)}`).join(' · ')}`);
  db.close();
  if (values.keep) console.log(`  kept ${join(dir, 'history.sqlite')}`);
  else rmSync(dir, { recursive: true, force: true });
}
