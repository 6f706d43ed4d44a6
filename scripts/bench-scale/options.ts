import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** How `onego bench-scale` is run; see {@link SCALE_USAGE}. */
export interface ScaleOptions {
  /** Instances run to their end (start → service task → end) through the SDK. */
  finished: number;
  /** Instances left waiting: at a user task with a timer boundary event (4 in 5) or at an intermediate timer. */
  waiting: number;
  /** Requests in flight while loading and in the throughput phases. */
  concurrency: number;
  /** Restarts after kill -9. */
  runs: number;
  /** Measured pairs of throughput phases (history on / off), after one warm-up pair that is not counted. */
  pairs: number;
  /** Instances in each throughput phase. */
  throughput: number;
  /** Requests per REST query measured. */
  requests: number;
  /** SDK job-worker clients (each one streaming worker) in the worker process. */
  workers: number;
  /** The data folder to load; absent: a temporary folder. */
  dataDir?: string;
  /** Keep the temporary data folder at the end (a folder given with --data is always kept). */
  keep: boolean;
  /** Print where the engine's memory is (smaps and every thread's JavaScript heap) after each load phase. */
  memory: boolean;
  /** `driver` (the benchmark) or `workers` (internal: the job-worker process it starts). */
  role: 'driver' | 'workers';
  /** For `--role workers`: the gateway address. */
  grpc: string;
}

/** The command line, as printed on a mistake. */
export const SCALE_USAGE =
  'usage: onego bench-scale [--finished N] [--waiting M] [--concurrency C] [--runs R] [--pairs P] [--throughput N] [--requests N] [--workers W] [--data DIR] [--keep] [--memory]';

/** What `onego bench-scale --help` prints: {@link SCALE_USAGE}, then each option with its default. */
export const SCALE_HELP = [
  SCALE_USAGE,
  '',
  'The scale benchmark of issue 9 (npm run bench:scale). Prints numbers against the targets; not a test.',
  '规模基准测试：内存、重启、查询 p99、导出延迟、吞吐，只打印数字，不是测试。',
  '',
  '  --finished N     instances run to their end through the SDK (default 1000000)',
  '  --waiting M      instances left waiting at user tasks and timers (default 50000)',
  '  --concurrency C  requests in flight while loading (default 128)',
  '  --runs R         restarts after kill -9 (default 3)',
  '  --pairs P        measured throughput pairs, history on / off, after one warm-up pair (default 6)',
  '  --throughput N   instances in each throughput phase (default 5000)',
  '  --requests N     requests per REST query measured (default 200)',
  '  --workers W      SDK job-worker clients (default 4)',
  '  --data DIR       load into this data folder and keep it (default: a temporary folder)',
  '  --keep           keep the temporary data folder at the end',
  '  --memory         print the engine\'s memory by thread and mapping after loading waiting cases, at the mark and at the end',
].join('\n');

/** Parse the command line; throws with a message for the user (English and Chinese) on anything unexpected. */
export function parseScaleArgs(argv: string[]): ScaleOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      finished: { type: 'string', default: '1000000' },
      waiting: { type: 'string', default: '50000' },
      concurrency: { type: 'string', default: '128' },
      runs: { type: 'string', default: '3' },
      pairs: { type: 'string', default: '6' },
      throughput: { type: 'string', default: '5000' },
      requests: { type: 'string', default: '200' },
      workers: { type: 'string', default: '4' },
      data: { type: 'string' },
      keep: { type: 'boolean', default: false },
      memory: { type: 'boolean', default: false },
      // internal: the benchmark starts its job workers as `onego bench-scale --role workers --grpc ADDR`
      role: { type: 'string', default: 'driver' },
      grpc: { type: 'string', default: '' },
    },
    strict: true,
    allowPositionals: false,
  });
  const count = (name: string, value: string, min: number) => {
    // Underscores and commas are allowed as thousands separators: --finished 1_000_000.
    const plain = value.replace(/[_,]/g, '');
    if (!/^\d+$/.test(plain) || Number(plain) < min) {
      throw new Error(`Expected --${name} to be an integer of at least ${min}, but was '${value}' (--${name} 须为不小于 ${min} 的整数)`);
    }
    return Number(plain);
  };
  return {
    finished: count('finished', values.finished, 1),
    waiting: count('waiting', values.waiting, 0),
    concurrency: count('concurrency', values.concurrency, 1),
    runs: count('runs', values.runs, 1),
    pairs: count('pairs', values.pairs, 1),
    throughput: count('throughput', values.throughput, 1),
    requests: count('requests', values.requests, 1),
    workers: count('workers', values.workers, 1),
    dataDir: values.data === undefined ? undefined : resolve(values.data),
    keep: values.keep,
    memory: values.memory,
    role: values.role === 'workers' ? 'workers' : 'driver',
    grpc: values.grpc,
  };
}
