/**
 * Only `bench:scale`'s throughput comparison (history on against `--no-history`, fresh engines, a warm-up pair
 * and then alternating pairs), without loading a million cases first: for trying a change to the exporter's
 * cost in minutes. Prints each phase, each pair's ratio and the ratio of the medians, as the full benchmark
 * reports them. Not a test.
 *
 *   node --import tsx scripts/bench-scale/throughput-only.ts [--pairs 6] [--instances 5000] [--concurrency 128] [--workers 4]
 */
import { parseArgs } from 'node:util';
import { throughputRatioText } from './report';
import { compareThroughput } from './throughput';

const { values } = parseArgs({
  options: { pairs: { type: 'string', default: '6' }, instances: { type: 'string', default: '5000' }, concurrency: { type: 'string', default: '128' }, workers: { type: 'string', default: '4' } },
});
const { historyOn: on, historyOff: off } = await compareThroughput(
  { pairs: Number(values.pairs), instances: Number(values.instances), concurrency: Number(values.concurrency), workers: Number(values.workers) },
  (label, piPerSecond, engineCpuMs, mainThreadCpuMs, busiestThreadCpuMs) =>
    console.log(`${label}: ${piPerSecond.toFixed(0)} PI/s, engine CPU ${engineCpuMs.toFixed(2)} ms per instance (main thread ${mainThreadCpuMs.toFixed(2)}, busiest other ${busiestThreadCpuMs.toFixed(2)})`),
);
if ('unavailable' in on || 'unavailable' in off) console.log(`a side could not run: ${'unavailable' in off ? off.unavailable : 'history on'}`);
else console.log(`ratio on / off: ${throughputRatioText(on, off)}`);
