import { percentile } from '../bench/drive';
import type { DataFolderSize } from './data-size';
import { count, duration, fileMb, mb, median, ms, range } from './format';
import type { LagSamples } from './lag-sampler';
import type { LoadMark, LoadResult } from './loader';
import { queryPercentiles, type QueryResult } from './queries';
import type { RestartResult } from './restart';
import { pairRatios, type ThroughputComparison } from './throughput';

/** Everything one run of the benchmark measured. */
export interface ScaleMeasurements {
  finishedTarget: number;
  waitingTarget: number;
  concurrency: number;
  workers: number;
  waiting: LoadResult;
  finished: LoadResult;
  /** The RSS when `markAt` instances had finished (absent when the load never got there). */
  mark?: LoadMark;
  markAt: number;
  rssEndBytes: number;
  peakRssBytes: number;
  /** CPU seconds each process spent while the finished cases were loaded. */
  loadCpuSeconds: { engine: number; workers: number; driver: number };
  lag: LagSamples;
  queries: QueryResult[];
  restarts: RestartResult[];
  throughput: ThroughputComparison;
  dataDir: string;
  dataKept: boolean;
  dataSize: DataFolderSize;
  elapsedSeconds: number;
}

type Verdict = 'PASS' | 'FAIL' | 'n/a' | '';

/** One line of the table: what, how much, the issue's target and whether it held. */
export interface ReportRow {
  measure: string;
  value: string;
  target: string;
  verdict: Verdict;
}

/** The issue's targets (issue 9), at 1,000,000 finished + 50,000 waiting. */
export const TARGETS = {
  finished: 1_000_000,
  waiting: 50_000,
  rssBytes: 400 * 1024 * 1024,
  rssGrowthBytes: 50 * 1024 * 1024,
  restartSeconds: 3,
  queryP99Ms: 50,
  lagP99Ms: 1000,
  throughputRatio: 0.9,
};

const verdict = (holds: boolean): Verdict => (holds ? 'PASS' : 'FAIL');

function rssRows(m: ScaleMeasurements): ReportRow[] {
  const rows: ReportRow[] = [];
  const finishedCount = count(m.finished.count);
  if (m.mark) rows.push({ measure: `engine RSS at ${count(m.mark.count)} finished`, value: mb(m.mark.rssBytes), target: '', verdict: '' });
  else rows.push({ measure: `engine RSS at ${count(m.markAt)} finished`, value: 'n/a (the load did not get there)', target: '', verdict: 'n/a' });
  rows.push({
    measure: `engine RSS at the end (${finishedCount} finished + ${count(m.waiting.count)} waiting)`,
    value: `${mb(m.rssEndBytes)} (peak ${mb(m.peakRssBytes)})`,
    target: `< ${mb(TARGETS.rssBytes)}`,
    verdict: verdict(m.rssEndBytes < TARGETS.rssBytes),
  });
  if (m.mark) {
    const growth = m.rssEndBytes - m.mark.rssBytes;
    rows.push({
      measure: `RSS growth from ${count(m.mark.count)} to ${finishedCount} finished`,
      value: `${growth < 0 ? '-' : '+'}${mb(Math.abs(growth))}`,
      target: `≤ ${mb(TARGETS.rssGrowthBytes)}`,
      verdict: verdict(growth <= TARGETS.rssGrowthBytes),
    });
  } else {
    rows.push({ measure: `RSS growth from ${count(m.markAt)} to ${finishedCount} finished`, value: 'n/a (no RSS at the mark)', target: `≤ ${mb(TARGETS.rssGrowthBytes)}`, verdict: 'n/a' });
  }
  return rows;
}

function restartRows(m: ScaleMeasurements): ReportRow[] {
  const toGateway = m.restarts.map((r) => r.toGatewaySeconds);
  return [
    {
      measure: `restart after kill -9 until Topology answers (${m.restarts.length} run${m.restarts.length === 1 ? '' : 's'})`,
      value: `${range(toGateway, duration)} (ready line ${range(m.restarts.map((r) => r.toReadySeconds), duration)})`,
      target: `< ${TARGETS.restartSeconds} s`,
      verdict: verdict(Math.max(...toGateway) < TARGETS.restartSeconds),
    },
    {
      measure: 'restart after kill -9 until a first command is accepted',
      value: `${range(m.restarts.map((r) => r.toFirstCommandSeconds), duration)} (PublishMessage)`,
      target: '',
      verdict: '',
    },
    {
      measure: 'engine CPU until Topology answered (restart)',
      value: range(m.restarts.map((r) => r.cpuSeconds), duration),
      target: '',
      verdict: '',
    },
    {
      measure: 'start on an empty data folder, same timing',
      value: m.throughput.freshStartSeconds.length > 0 ? range(m.throughput.freshStartSeconds, duration) : 'n/a (no fresh engine started)',
      target: '',
      verdict: '',
    },
    { measure: 'engine RSS right after a restart', value: range(m.restarts.map((r) => r.rssBytes), mb), target: '', verdict: '' },
  ];
}

function queryRows(m: ScaleMeasurements): ReportRow[] {
  const target = `p99 < ${TARGETS.queryP99Ms} ms`;
  return m.queries.map((query) => {
    if (query.unavailable) return { measure: query.label, value: `n/a (${query.unavailable})`, target, verdict: 'n/a' };
    const { p50, p99 } = queryPercentiles(query);
    return {
      measure: query.label,
      value: `p50 ${ms(p50)} · p99 ${ms(p99)} (${query.sortedMs.length} requests, ${query.nonEmpty} non-empty)`,
      target,
      verdict: verdict(p99 < TARGETS.queryP99Ms),
    };
  });
}

function lagRow(m: ScaleMeasurements): ReportRow {
  const target = `p99 < ${duration(TARGETS.lagP99Ms / 1000)}`;
  const measure = 'exporter lag while loading (every 100 ms)';
  if ('unavailable' in m.lag) return { measure, value: `n/a (${m.lag.unavailable})`, target, verdict: 'n/a' };
  if (m.lag.samplesMs.length === 0) return { measure, value: 'n/a (no sample taken)', target, verdict: 'n/a' };
  const sorted = [...m.lag.samplesMs].sort((a, b) => a - b);
  const p99 = percentile(sorted, 99);
  return {
    measure,
    value: `p50 ${ms(percentile(sorted, 50))} · p99 ${ms(p99)} · max ${ms(sorted.at(-1)!)} (${sorted.length} samples)`,
    target,
    verdict: verdict(p99 < TARGETS.lagP99Ms),
  };
}

type MeasuredSide = Exclude<ThroughputComparison['historyOn'], { unavailable: string }>;

/**
 * The ratio of the two sides' median throughputs, each pair's ratio and their median, and the engine CPU per
 * instance off / on: what the throughput ratio would be on an engine-bound, otherwise idle machine.
 */
export function throughputRatioText(on: MeasuredSide, off: MeasuredSide): string {
  const percent = (value: number) => `${(value * 100).toFixed(0)} %`;
  const pairs = pairRatios(on.piPerSecond, off.piPerSecond);
  return (
    `${percent(median(on.piPerSecond) / median(off.piPerSecond))} of the medians; pairs ${pairs.map(percent).join(', ')} (median ${percent(median(pairs))}); ` +
    `engine CPU per instance off / on: ${percent(median(off.engineCpuMs) / median(on.engineCpuMs))}`
  );
}

function throughputRows(m: ScaleMeasurements): ReportRow[] {
  const side = (runs: ThroughputComparison['historyOn']) =>
    'unavailable' in runs
      ? `n/a (${runs.unavailable})`
      : runs.piPerSecond.length === 0
        ? 'n/a (no phase ran)'
        : `${count(median(runs.piPerSecond))} PI/s median (${range(runs.piPerSecond, count)}); engine CPU ${median(runs.engineCpuMs).toFixed(2)} ms per instance (main thread ${median(runs.mainThreadCpuMs).toFixed(2)}` +
          `${runs.busiestThreadCpuMs?.length ? `, busiest other thread ${median(runs.busiestThreadCpuMs).toFixed(2)}` : ''})`;
  const rows: ReportRow[] = [
    { measure: 'throughput, history on (fresh engine)', value: side(m.throughput.historyOn), target: '', verdict: '' },
    { measure: 'throughput, onego engine --no-history', value: side(m.throughput.historyOff), target: '', verdict: '' },
  ];
  const on = m.throughput.historyOn;
  const off = m.throughput.historyOff;
  const target = `≥ ${(TARGETS.throughputRatio * 100).toFixed(0)} %`;
  if ('unavailable' in on || 'unavailable' in off || on.piPerSecond.length === 0 || off.piPerSecond.length === 0) {
    rows.push({ measure: 'throughput ratio on / off', value: 'n/a (needs both sides)', target, verdict: 'n/a' });
  } else {
    const ratio = median(on.piPerSecond) / median(off.piPerSecond);
    rows.push({ measure: 'throughput ratio on / off', value: throughputRatioText(on, off), target, verdict: verdict(ratio >= TARGETS.throughputRatio) });
  }
  return rows;
}

function loadRows(m: ScaleMeasurements): ReportRow[] {
  const rate = m.finished.count / m.finished.seconds;
  const sorted = [...m.finished.latenciesMs].sort((a, b) => a - b);
  const perInstance = (seconds: number) => `${((seconds * 1000) / m.finished.count).toFixed(2)} ms`;
  const hundredK = 100_000;
  const timeTo100k =
    m.mark && m.mark.count === hundredK
      ? `${duration(m.mark.seconds)} (measured)`
      : m.finished.count >= hundredK
        ? 'n/a (no mark at 100,000)'
        : `~${duration(hundredK / rate)} (projected at the load's rate)`;
  return [
    {
      measure: 'load rate, waiting cases (CreateProcessInstance)',
      value: `${count(m.waiting.count / Math.max(m.waiting.seconds, 1e-9))}/s (${count(m.waiting.count)} in ${duration(m.waiting.seconds)})`,
      target: '',
      verdict: '',
    },
    {
      measure: 'load rate, finished cases (…WithResult)',
      value: `${count(rate)} PI/s (${count(m.finished.count)} in ${duration(m.finished.seconds)}; p50 ${ms(percentile(sorted, 50))} · p99 ${ms(percentile(sorted, 99))})`,
      target: '',
      verdict: '',
    },
    { measure: 'time to 100,000 finished', value: timeTo100k, target: '', verdict: '' },
    {
      measure: 'CPU per finished case while loading',
      value: `engine ${perInstance(m.loadCpuSeconds.engine)} · job workers ${perInstance(m.loadCpuSeconds.workers)} · driver ${perInstance(m.loadCpuSeconds.driver)}`,
      target: '',
      verdict: '',
    },
  ];
}

function dataRows(m: ScaleMeasurements): ReportRow[] {
  const s = m.dataSize;
  const parts = [
    `records.sqlite ${fileMb(s.records)}`,
    `history store ${s.hasHistory ? fileMb(s.history) : 'none'}`,
    `snapshots ${s.hasSnapshots ? fileMb(s.snapshots) : 'none'}`,
    `other ${fileMb(s.other)}`,
  ];
  return [
    { measure: 'data folder', value: `${fileMb(s.records + s.history + s.snapshots + s.other)}: ${parts.join(' · ')}`, target: '', verdict: '' },
    { measure: 'data folder path', value: `${m.dataDir}${m.dataKept ? '' : ' (removed)'}`, target: '', verdict: '' },
    { measure: 'total elapsed', value: duration(m.elapsedSeconds), target: '', verdict: '' },
  ];
}

/** The table's rows, in the order of the issue's targets, then load figures and the data folder. */
export function reportRows(m: ScaleMeasurements): ReportRow[] {
  return [...rssRows(m), ...restartRows(m), ...queryRows(m), lagRow(m), ...throughputRows(m), ...loadRows(m), ...dataRows(m)];
}

/** Print the table, columns aligned, with a note when the run is smaller than the targets assume. */
export function printReport(m: ScaleMeasurements): void {
  const rows = reportRows(m);
  console.log('');
  console.log(
    `bench:scale — ${count(m.finished.count)} finished + ${count(m.waiting.count)} waiting, ${m.concurrency} in flight, ${m.workers} streaming SDK job workers, SDK over gRPC`,
  );
  if (m.finishedTarget < TARGETS.finished || m.waitingTarget < TARGETS.waiting) {
    console.log(`(the targets are set for ${count(TARGETS.finished)} finished + ${count(TARGETS.waiting)} waiting; this run is smaller, so PASS/FAIL speaks for this size only)`);
  }
  const width = (pick: (row: ReportRow) => string) => Math.max(...rows.map((row) => pick(row).length));
  const measureWidth = width((row) => row.measure);
  const targetWidth = Math.max(6, width((row) => row.target));
  console.log(`${'measure'.padEnd(measureWidth)}  ${'target'.padEnd(targetWidth)}  ${'verdict'.padEnd(7)}  value`);
  for (const row of rows) {
    console.log(`${row.measure.padEnd(measureWidth)}  ${row.target.padEnd(targetWidth)}  ${row.verdict.padEnd(7)}  ${row.value}`);
  }
}
