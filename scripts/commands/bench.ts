import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { drive, percentile } from '../bench/drive';
import { startEngineChild } from '../bench/engine-child';
import { runJobWorkers, spawnJobWorkers } from '../bench/job-workers';
import { cpuSecondsOf, ownCpuSeconds, peakRssOf } from '../bench/process-stats';
import { benchZeebeClient } from '../bench/sdk-client';

/**
 * `onego bench` (`npm run bench`): start → service task → end, N instances driven through the official SDK
 * over gRPC against `onego engine` in its own process, with W job workers; then the same model on
 * `bpmn-engine` in-process as a yardstick. Prints instances per second, p50/p99 start-to-completion
 * latency and peak RSS. Not a test: numbers depend on the machine.
 */

const USAGE = 'usage: onego bench [--instances N] [--workers W] [--concurrency C] [--mode stream|poll]';

/** What `onego bench --help` prints. */
export function usage(): string {
  return [
    USAGE,
    '  throughput benchmark (not a test): start → service task → end through the SDK over gRPC,',
    '  then the engine API in-process and bpmn-engine as a yardstick; prints PI/s, p50/p99, RSS, CPU per instance',
  ].join('\n');
}

const ZEEBE_MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  id="bench-definitions" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="bench" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
    <bpmn:serviceTask id="work">
      <bpmn:extensionElements><zeebe:taskDefinition type="bench-work" /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;

/** The same shape for bpmn-engine, whose service tasks call a function from its environment. */
const YARDSTICK_MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="bench-definitions" targetNamespace="http://bpmn.io/schema/bpmn">
  <process id="bench" isExecutable="true">
    <startEvent id="start" />
    <sequenceFlow id="f1" sourceRef="start" targetRef="work" />
    <serviceTask id="work" implementation="\${environment.services.work}" />
    <sequenceFlow id="f2" sourceRef="work" targetRef="end" />
    <endEvent id="end" />
  </process>
</definitions>`;

interface BenchOptions {
  instances: number;
  workers: number;
  concurrency: number;
  mode: 'stream' | 'poll';
  role: 'driver' | 'workers';
  grpc: string;
}

interface RunResult {
  label: string;
  instances: number;
  seconds: number;
  latenciesMs: number[];
  peakRssBytes: number;
  /** CPU time (user + system) each process spent during the measured run, by role. */
  cpuSeconds?: Record<string, number>;
}

function parseBenchArgs(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      instances: { type: 'string', default: '5000' },
      workers: { type: 'string', default: '4' },
      concurrency: { type: 'string', default: '64' },
      mode: { type: 'string', default: 'stream' },
      // internal: the bench starts its job workers as `onego bench --role workers --grpc ADDR`
      role: { type: 'string', default: 'driver' },
      grpc: { type: 'string', default: '' },
    },
    strict: true,
  });
  const positive = (name: string, value: string) => {
    if (!/^[1-9]\d*$/.test(value)) throw new Error(`Expected --${name} to be a positive integer, but was '${value}'`);
    return Number(value);
  };
  if (values.mode !== 'stream' && values.mode !== 'poll') {
    throw new Error(`Expected --mode to be 'stream' or 'poll', but was '${values.mode}'`);
  }
  return {
    instances: positive('instances', values.instances),
    workers: positive('workers', values.workers),
    concurrency: positive('concurrency', values.concurrency),
    mode: values.mode,
    role: values.role === 'workers' ? 'workers' : 'driver',
    grpc: values.grpc,
  };
}

async function benchOurEngine(options: BenchOptions): Promise<RunResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'onego-bench-'));
  const engine = startEngineChild(['--grpc-port', '0', '--rest-port', '0', '--data', dataDir]);
  try {
    const ready = await engine.ready;
    const client = benchZeebeClient(ready.grpc);
    await client.deployResource({ process: Buffer.from(ZEEBE_MODEL), name: 'bench.bpmn' });
    const workers = await spawnJobWorkers('bench', ['--grpc', ready.grpc, '--workers', String(options.workers), '--mode', options.mode]);
    // warm up the channel and the JIT before measuring
    await drive(Math.min(200, options.instances), options.concurrency, () =>
      client.createProcessInstanceWithResult({ bpmnProcessId: 'bench', variables: {} }),
    );
    const cpuBefore = { engine: await cpuSecondsOf(engine.pid), workers: await cpuSecondsOf(workers.pid), driver: ownCpuSeconds() };
    const { seconds, latenciesMs } = await drive(options.instances, options.concurrency, () =>
      client.createProcessInstanceWithResult({ bpmnProcessId: 'bench', variables: { n: 1 } }),
    );
    const cpuSeconds = {
      engine: (await cpuSecondsOf(engine.pid)) - cpuBefore.engine,
      'job workers (SDK)': (await cpuSecondsOf(workers.pid)) - cpuBefore.workers,
      'driver (SDK)': ownCpuSeconds() - cpuBefore.driver,
    };
    const peakRssBytes = await peakRssOf(engine.pid);
    await workers.stop();
    await client.close();
    return { label: `onego engine (SDK over gRPC, ${options.workers} ${options.mode} workers in their own process, fsync-durable log)`, instances: options.instances, seconds, latenciesMs, peakRssBytes, cpuSeconds };
  } finally {
    await engine.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * The same model on the engine API in this process: no gRPC, no SDK, the same fsync-durable log, jobs pushed
 * to an in-process stream. Shows what the engine itself sustains, apart from the clients' cost.
 */
async function benchInProcess(options: BenchOptions): Promise<RunResult> {
  const { createEngine } = await import('../../engine');
  const dataDir = await mkdtemp(join(tmpdir(), 'onego-bench-in-process-'));
  const engine = await createEngine({ dataDir });
  try {
    await engine.deployResources([{ name: 'bench.bpmn', content: Buffer.from(ZEEBE_MODEL) }]);
    const stream = engine.openJobStream({ type: 'bench-work', worker: 'in-process', timeoutMs: 60_000 }, (job) => {
      engine.completeJob(job.key, {}).catch(() => undefined); // the warm-up's last jobs may complete while closing
      return true;
    });
    const runOne = () => engine.createProcessInstanceWithResult({ bpmnProcessId: 'bench', variables: { n: 1 } }, 60_000);
    await drive(Math.min(200, options.instances), options.concurrency, runOne);
    const cpuBefore = ownCpuSeconds();
    const { seconds, latenciesMs } = await drive(options.instances, options.concurrency, runOne);
    const cpuSeconds = { 'engine + driver': ownCpuSeconds() - cpuBefore };
    stream.close();
    return {
      label: 'onego engine in-process (engine API, no gRPC, same fsync-durable log)',
      instances: options.instances,
      seconds,
      latenciesMs,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      cpuSeconds,
    };
  } finally {
    await engine.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function benchYardstick(options: BenchOptions): Promise<RunResult> {
  const { Engine } = (await import('bpmn-engine')) as unknown as {
    Engine: new (options: Record<string, unknown>) => {
      execute(options?: Record<string, unknown>): Promise<unknown>;
      once(event: string, listener: () => void): void;
    };
  };
  const { BpmnModdle } = (await import('bpmn-moddle' as string)) as unknown as {
    BpmnModdle: new () => { fromXML(xml: string): Promise<unknown> };
  };
  const { default: serialize, TypeResolver } = (await import('moddle-context-serializer' as string)) as unknown as {
    default: (moddleContext: unknown, typeResolver: unknown) => unknown;
    TypeResolver: (types: unknown) => unknown;
  };
  const elements = await import('bpmn-elements' as string);
  // Parse and serialize once, as a host running many instances of one model would.
  const sourceContext = serialize(await new BpmnModdle().fromXML(YARDSTICK_MODEL), TypeResolver(elements));
  const services = { work: (_scope: unknown, callback: (error: Error | null, result?: unknown) => void) => setImmediate(() => callback(null, {})) };
  const runOne = () =>
    new Promise<void>((resolve, reject) => {
      const engine = new Engine({ name: 'bench', sourceContext, services });
      engine.once('end', () => resolve());
      engine.once('error', () => reject(new Error('bpmn-engine run failed')));
      engine.execute().catch(reject);
    });
  await drive(Math.min(200, options.instances), options.concurrency, runOne);
  const rssBefore = process.resourceUsage().maxRSS * 1024;
  const { seconds, latenciesMs } = await drive(options.instances, options.concurrency, runOne);
  return {
    label: 'bpmn-engine 25 (in-process, no persistence; yardstick)',
    instances: options.instances,
    seconds,
    latenciesMs,
    peakRssBytes: Math.max(rssBefore, process.resourceUsage().maxRSS * 1024),
  };
}

function report(result: RunResult): void {
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  const line = (label: string, value: string) => console.log(`  ${label.padEnd(22)} ${value}`);
  console.log(result.label);
  line('process instances', String(result.instances));
  line('PI/s', (result.instances / result.seconds).toFixed(0));
  line('p50 start→completion', `${percentile(sorted, 50).toFixed(1)} ms`);
  line('p99 start→completion', `${percentile(sorted, 99).toFixed(1)} ms`);
  line('peak RSS', `${(result.peakRssBytes / 1024 / 1024).toFixed(0)} MB`);
  if (result.cpuSeconds) {
    const shares = Object.entries(result.cpuSeconds).map(([role, seconds]) => `${role} ${((seconds * 1000) / result.instances).toFixed(2)} ms`);
    line('CPU per instance', shares.join(' · '));
  }
}

/** Entry point of `onego bench`. */
export async function run(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage());
    return;
  }
  let options: BenchOptions;
  try {
    options = parseBenchArgs(argv);
  } catch (error) {
    console.error(`onego bench: ${error instanceof Error ? error.message : String(error)}`);
    console.error(USAGE);
    process.exit(1);
  }
  if (options.role === 'workers') {
    await runJobWorkers({ grpc: options.grpc, type: 'bench-work', count: options.workers, mode: options.mode });
    return;
  }
  console.log(`bench: ${options.instances} instances, ${options.concurrency} in flight\n`);
  report(await benchOurEngine(options));
  console.log('');
  report(await benchInProcess(options));
  console.log('');
  report(await benchYardstick(options));
  process.exit(0);
}
