/**
 * The history searches of issue 9 over a synthetic store the size of `npm run bench:scale`'s (1,000,000
 * finished cases + 50,000 waiting, shaped like that benchmark's: four element instances, six variables and
 * two audit rows per finished case, a user task with a candidate group per waiting case). Runs each REST
 * search's SQL through the real search specs (`sqlSearch`), in process, and prints p50/p99 and the query plan
 * of each, so a missing index shows as a SCAN. Prints numbers; not a test.
 *
 *   node --import tsx scripts/bench-history-search.ts [--finished 1000000] [--waiting 50000] [--requests 200] [--file PATH]
 *
 * `--file` keeps the filled store there and reuses it on the next run (filling 1M cases takes a minute or
 * two); a file of an older history schema is filled anew.
 */
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { HISTORY_SCHEMA_VERSION, openHistoryDatabase } from '../engine/history/history-schema';
import { searchPlan, sqlSearch } from '../engine/history/sql-search';
import { upgradeBenchHistory } from './bench-apps/upgrade-history';
import { HISTORY_SEARCH_CASES } from './bench-history/search-cases';
import { fillSyntheticHistory } from './bench-history/synthetic-history';

const { values } = parseArgs({
  allowPositionals: false,
  options: {
    finished: { type: 'string', default: '1000000' },
    waiting: { type: 'string', default: '50000' },
    requests: { type: 'string', default: '200' },
    file: { type: 'string' },
    only: { type: 'string' },
  },
});
const finished = Number(values.finished);
const waiting = Number(values.waiting);
const requests = Number(values.requests);
const file = values.file ?? join(tmpdir(), `onego-bench-history-search-${process.pid}.sqlite`);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// A kept store of an older schema is upgraded in place (as bench:apps does), far quicker than a new fill.
if (existsSync(file)) {
  const t0 = performance.now();
  upgradeBenchHistory(file);
  console.log(`opened ${file} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
let db = openHistoryDatabase(file);
const stored = db.prepare('SELECT schema_version AS version FROM exporter_position WHERE id = 1').get() as { version: number } | undefined;
const instances = (db.prepare('SELECT COUNT(*) AS n FROM process_instances').get() as { n: number }).n;
if (stored?.version !== HISTORY_SCHEMA_VERSION || instances !== finished + waiting) {
  db.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  db = openHistoryDatabase(file);
  const t0 = performance.now();
  fillSyntheticHistory(db, { finished, waiting, onProgress: (done) => process.stdout.write(`\r  filled ${done.toLocaleString('en-US')} cases`) });
  console.log(`\nfilled ${(finished + waiting).toLocaleString('en-US')} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s (${file})`);
} else console.log(`reusing ${file} (${instances.toLocaleString('en-US')} cases)`);
db.pragma('wal_checkpoint(TRUNCATE)');

const cpuBefore = process.cpuUsage();
console.log(`${'search'.padEnd(72)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}  items  plan`);
// --only WORD: just the searches whose label contains it
for (const search of HISTORY_SEARCH_CASES.filter((candidate) => values.only === undefined || candidate.label.includes(values.only!))) {
  const bodies = search.bodies({ finished, waiting });
  const run = (index: number) => sqlSearch(db, search.spec, bodies[index % bodies.length], search.extra);
  for (let index = 0; index < Math.min(5, requests); index++) run(index);
  const times: number[] = [];
  let items = 0;
  for (let index = 0; index < requests; index++) {
    const t0 = performance.now();
    items += run(index).items.length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const plan = searchPlan(db, search.spec, bodies[0], search.extra).join(' | ');
  console.log(`${search.label.padEnd(72)} ${percentile(times, 50).toFixed(2).padStart(8)} ${percentile(times, 99).toFixed(2).padStart(8)}  ${String(Math.round(items / requests)).padStart(5)}  ${plan}`);
}
const cpu = process.cpuUsage(cpuBefore);
console.log(`searches used ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU; load average ${(await import('node:os')).loadavg().map((n) => n.toFixed(2)).join(' ')}`);
db.close();
if (values.file === undefined && existsSync(file)) for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
