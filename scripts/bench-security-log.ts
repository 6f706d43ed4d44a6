/**
 * What the record log costs per valid 4 MB variables document (issue 13), apart from HTTP and the rest of the
 * engine, so it can be compared on a loaded machine: the document of `npm run bench:security -- --only valid`
 * is split as the isolation thread splits it, and its three records (the creation command, its event and the
 * variable's record, each carrying the value as in Zeebe) are committed to a fresh record log, followed at once
 * by a small batch, as a second client's instance creation would be; durable batches are handed to a stand-in
 * for the history exporter, as the engine's writer hands them. Prints, over `--documents` rounds:
 * the isolation thread's split time, the engine thread's time to hand the batch over, the time until the big
 * batch is durable (the writer thread: deflate, insert, fsync), the small batch's wait behind it, and the
 * batch's JSON and stored sizes. Not a test; the numbers go to the README.
 *
 *   npm run bench:security-log -- [--documents 30]
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { MessageChannel } from 'node:worker_threads';
import { joinedVariables } from '../engine/gateway/off-thread-json';
import { splitJson } from '../engine/isolation/json-body-split';
import { defineLazyText } from '../engine/lazy-variable-values';
import { RecordLog } from '../engine/log';
import type { EngineRecord } from '../engine/protocol';
import { rememberRecordText } from '../engine/variable-json';

const { values } = parseArgs({ options: { documents: { type: 'string', default: '30' } } });
const documents = Number(values.documents);

/** The bench's document: just under the 4 MB body limit, 40,000 small rows of a list. */
const AT_LIMIT = JSON.stringify({ processDefinitionId: 'bench-isolation', variables: { rows: Array.from({ length: 40_000 }, (_, index) => ({ row: index, text: 'x'.repeat(80) })) } });

function record(position: number, recordType: string, valueType: string, intent: string, value: object): EngineRecord {
  return { position, key: String(2 ** 51 + position), recordType, valueType, intent, value, timestamp: Date.now(), sourceRecordPosition: -1 } as EngineRecord;
}

/** CPU milliseconds this process's main thread has used (Linux /proc, 10 ms steps). */
function mainThreadCpuMillis(): number {
  try {
    const stat = readFileSync(`/proc/${process.pid}/task/${process.pid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

function processCpuMillis(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function line(name: string, samples: number[], unit = 'ms'): string {
  const digits = unit === 'ms' ? 1 : 0;
  return `  ${name.padEnd(44)} p50 ${percentile(samples, 50).toFixed(digits).padStart(7)} ${unit}  p90 ${percentile(samples, 90).toFixed(digits).padStart(7)} ${unit}  max ${Math.max(...samples).toFixed(digits).padStart(7)} ${unit}`;
}

const dir = mkdtempSync(join(tmpdir(), 'onego-bench-security-log-'));
const log = new RecordLog(dir);
// As in the engine, the writer hands every durable batch to the history exporter (here: dropped on arrival).
const exporter = new MessageChannel();
exporter.port1.on('message', () => undefined);
log.attachExportPort(exporter.port2);
const samples = { split: [] as number[], handOver: [] as number[], durable: [] as number[], smallWait: [] as number[] };
let position = 0;
let offMainCpu = 0;
let splitCpu = 0;
try {
  for (let round = 0; round < documents + 2; round++) {
    const splitCpuBefore = mainThreadCpuMillis();
    const splitStart = performance.now();
    const outcome = splitJson({ json: Buffer.from(AT_LIMIT, 'utf8'), shape: 'body', maxDepth: 100 });
    const split = performance.now() - splitStart;
    if (round >= 2) splitCpu += mainThreadCpuMillis() - splitCpuBefore;
    if (outcome.kind !== 'parsed' || !outcome.split) throw new Error('the document did not split');
    const body = outcome.body as { variables: Record<string, unknown> };
    const variables = joinedVariables(body.variables, outcome.order, outcome.big, AT_LIMIT.length);
    const [[name, json]] = outcome.big;
    // as the variable behaviour writes it: the record's text is the value's, written from the held bytes
    const variableValue = { name } as { name: string; value: string };
    defineLazyText(variableValue, 'value', json);
    rememberRecordText(variableValue, json);
    const batch = [
      record(++position, 'COMMAND', 'PROCESS_INSTANCE_CREATION', 'CREATE', { bpmnProcessId: 'bench-isolation', variables }),
      record(++position, 'EVENT', 'PROCESS_INSTANCE_CREATION', 'CREATED', { bpmnProcessId: 'bench-isolation', variables }),
      record(++position, 'EVENT', 'VARIABLE', 'CREATED', variableValue),
    ];
    const small = [record(++position, 'COMMAND', 'PROCESS_INSTANCE_CREATION', 'CREATE', { bpmnProcessId: 'bench-isolation', variables: {} })];
    const cpuBefore = processCpuMillis() - mainThreadCpuMillis();
    const start = performance.now();
    const bigDurable = log.commit(batch).then(() => performance.now());
    const handedOver = performance.now();
    const smallStart = performance.now();
    const smallDurable = log.commit(small).then(() => performance.now());
    const [bigAt, smallAt] = await Promise.all([bigDurable, smallDurable]);
    // the first two rounds warm up (JIT, the writer thread's bundle, SQLite's file)
    if (round < 2) continue;
    offMainCpu += processCpuMillis() - mainThreadCpuMillis() - cpuBefore;
    samples.split.push(split);
    samples.handOver.push(handedOver - start);
    samples.durable.push(bigAt - start);
    samples.smallWait.push(smallAt - smallStart);
  }
  const batchBytes = Buffer.byteLength(JSON.stringify(log.read(position - 3, 3)), 'utf8');
  await log.close();
  exporter.port1.close();
  const db = new Database(join(dir, 'records.sqlite'), { readonly: true });
  const stored = db.prepare('SELECT AVG(LENGTH(records)) AS bytes FROM batches WHERE last_position - first_position = 2').get() as { bytes: number };
  db.close();
  console.log(`${documents} documents of ${(AT_LIMIT.length / 1e6).toFixed(1)} MB; load average ${loadavg().map((load) => load.toFixed(1)).join(' ')}`);
  console.log(line('split on the isolation thread', samples.split));
  console.log(`  split CPU per document (parse, check, text and deflate of big values) ≈ ${(splitCpu / documents).toFixed(0)} ms`);
  console.log(line('engine thread: batch handed to the writer', samples.handOver));
  console.log(line('big batch durable (writer: deflate, fsync)', samples.durable));
  console.log(line('small batch behind it durable', samples.smallWait));
  console.log(`  CPU off the main thread per document (the log writer thread, plus GC helpers) ≈ ${(offMainCpu / documents).toFixed(1)} ms`);
  console.log(`  batch JSON ${(batchBytes / 1e6).toFixed(1)} MB, stored ${(stored.bytes / 1e3).toFixed(0)} kB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
