/**
 * What the history exporter thread costs per case, measured in process on a real record log (a data folder
 * `npm run bench:scale -- --data DIR` left behind): reads every batch, re-encodes it as the log's writer
 * thread hands it over (JSON bytes plus where each record ends), and then, timed, selects and writes the
 * records into a fresh history store in transactions of about 2,000 records, as the exporter does under load.
 * Prints CPU ms per finished process instance. Run it with `node --cpu-prof` to see where the time goes, and
 * with the engine's V8 flags (`--max-semi-space-size=4`, scripts/commands/engine-process.ts) for the
 * engine's garbage collection. Not a test.
 *
 *   node --import tsx scripts/bench-history/exporter-cost.ts --data DIR [--repeat 1] [--records 2000] [--statements] [--keep] [--batches N] [--whole]
 *
 * Batches are streamed through the writer as the exporter thread does (each one selected while the
 * transaction applies it); `--whole` selects a transaction's records first and then writes them (before).
 *
 * `--statements` also times every SQL statement the writer runs (wall time inside better-sqlite3, summed per
 * statement, commits included) and prints the costliest, so the SQLite share is attributed row by row.
 * `--batches N` reads only the log's first N batches (a shorter run, e.g. under valgrind). `--keep` leaves each run's history store in place (its path is printed) to look at its tables and sizes.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { inflateRawSync } from 'node:zlib';
import type { EngineRecord } from '../../engine/api';
import { openHistoryDatabase } from '../../engine/history/history-schema';
import { HistoryWriter } from '../../engine/history/history-writer';
import { RecordSelection } from '../../engine/history/record-selection';
import { timeStatements } from './statement-timer';

const { values } = parseArgs({
  options: { data: { type: 'string' }, repeat: { type: 'string', default: '1' }, records: { type: 'string', default: '2000' }, statements: { type: 'boolean', default: false }, keep: { type: 'boolean', default: false }, batches: { type: 'string' }, whole: { type: 'boolean', default: false } },
});
if (!values.data) throw new Error('Expected --data DIR: a data folder with records.sqlite (npm run bench:scale -- --data DIR)');
const perTransaction = Number(values.records);

interface Handed {
  json: Buffer;
  itemEnds: Uint32Array;
  lastPosition: number;
}

/** The log's batches as the writer thread hands them over (the first `limit` of them; all without one). */
function readBatches(file: string, limit = Infinity): Handed[] {
  const log = new Database(file, { readonly: true, fileMustExist: true });
  const batches: Handed[] = [];
  for (const row of log.prepare('SELECT last_position AS last, records FROM batches ORDER BY first_position').iterate() as Iterable<{ last: number; records: Buffer }>) {
    // Stops reading early for --batches (under valgrind, decoding the whole log took minutes).
    if (batches.length >= limit) break;
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

/** Bytes this process has written through write calls so far (Linux), to compare runs independent of the load. */
function bytesWritten(): number {
  try {
    return Number(/^wchar: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'))?.[1] ?? NaN);
  } catch {
    return NaN;
  }
}

const batches = readBatches(join(values.data, 'records.sqlite'), values.batches === undefined ? undefined : Number(values.batches));
const recordCount = batches.reduce((sum, batch) => sum + batch.itemEnds.length, 0);
console.log(`${batches.length.toLocaleString('en-US')} batches, ${recordCount.toLocaleString('en-US')} records`);

/** Garbage-collection pauses of this thread so far, in ms (scavenges and full collections). */
const gcPauses = { scavenge: 0, full: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    // kind 1: a scavenge of the young generation; anything else marks the old generation too.
    if ((entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === 1) gcPauses.scavenge += entry.duration;
    else gcPauses.full += entry.duration;
  }
}).observe({ entryTypes: ['gc'] });

for (let run = 0; run < Number(values.repeat); run++) {
  const dir = mkdtempSync(join(tmpdir(), 'onego-exporter-cost-'));
  const db = openHistoryDatabase(join(dir, 'history.sqlite'));
  const timings = values.statements ? timeStatements(db) : undefined;
  const writer = new HistoryWriter(db);
  const selection = new RecordSelection();
  const written = bytesWritten();
  const gcBefore = { ...gcPauses };
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
  const timedSelect = (batch: Handed, after: number) => {
    const before = process.cpuUsage();
    const selected = selection.selectEncoded(batch.json, batch.itemEnds, after);
    const spent = process.cpuUsage(before);
    selectCpu += (spent.user + spent.system) / 1000;
    return selected;
  };
  if (values.whole) {
    for (const batch of batches) {
      for (const record of timedSelect(batch, writer.position)) pending.push(record);
      through = batch.lastPosition;
      if (pending.length >= perTransaction) await flush();
    }
    await flush();
  } else {
    // As the exporter thread streams handed-over batches: each batch selected while the transaction applies it.
    let next = 0;
    let carried: EngineRecord[] | undefined;
    while (next < batches.length) {
      const progress = { through: writer.position };
      let taken = 0;
      function* chunks(): Generator<EngineRecord[]> {
        while (next < batches.length && taken < perTransaction) {
          const records = timedSelect(batches[next], progress.through);
          if (records.some((record) => writer.needsPrepare(record))) {
            carried = records;
            return;
          }
          progress.through = batches[next++].lastPosition;
          taken += records.length;
          yield records;
        }
      }
      writer.writeChunks(chunks(), () => progress.through);
      if (carried) {
        // A deployment: written the ordinary way, after its names are read.
        await writer.prepare(carried);
        writer.write(carried, batches[next++].lastPosition);
        carried = undefined;
      }
    }
  }
  const used = process.cpuUsage(cpu);
  // GC entries arrive as tasks of the event loop, which the synchronous writes did not let run.
  await new Promise((resolve) => setTimeout(resolve, 10));
  const wrote = bytesWritten() - written;
  const ms = (used.user + used.system) / 1000;
  const finished = (db.prepare("SELECT COUNT(*) AS n FROM process_instances WHERE state = 'COMPLETED'").get() as { n: number }).n;
  const instances = (db.prepare('SELECT COUNT(*) AS n FROM process_instances').get() as { n: number }).n;
  const rows = Object.fromEntries(
    ['element_instances', 'variables', 'variable_changes', 'instance_events', 'audit_log', 'jobs', 'user_tasks'].map((table) => [table, (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n]),
  );
  console.log(
    `run ${run + 1}: ${ms.toFixed(0)} ms CPU (${(performance.now() - t0).toFixed(0)} ms wall) for ${instances.toLocaleString('en-US')} instances (${finished.toLocaleString('en-US')} finished): ` +
      `${(ms / instances).toFixed(3)} ms CPU per instance, of which selecting/parsing ${(selectCpu / instances).toFixed(3)} ms; ` +
      `${(wrote / 1024 / instances).toFixed(1)} KB written per instance (WAL and checkpoints); ` +
      `GC pauses ${(gcPauses.scavenge - gcBefore.scavenge).toFixed(0)} ms scavenging, ${(gcPauses.full - gcBefore.full).toFixed(0)} ms full`,
  );
  if (timings) for (const line of timings.report(instances)) console.log(`  ${line}`);
  console.log(`  rows per instance: ${Object.entries(rows).map(([table, n]) => `${table} ${(n / instances).toFixed(2)}`).join(' · ')}`);
  db.close();
  if (values.keep) console.log(`  kept ${join(dir, 'history.sqlite')}`);
  else rmSync(dir, { recursive: true, force: true });
}
