import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { benchZeebeClient } from './sdk-client';

/**
 * Benchmark job workers: SDK clients that complete every job of one type. They run in a process of their
 * own, as they would in production, so the SDK's client-side cost of starting instances and of working jobs
 * does not share one event loop.
 */

/** How a benchmark's job workers are set up. */
export interface JobWorkerOptions {
  grpc: string;
  type: string;
  /** Number of SDK clients, each with one worker. */
  count: number;
  /** `stream`: jobs pushed over StreamActivatedJobs; `poll`: ActivateJobs long polling. */
  mode: 'stream' | 'poll';
  /** What each completion sets; `{{key}}` in a string value is replaced by the job's key. */
  variables?: CompletionVariables;
}

/** Flat variables a completion sets. */
export type CompletionVariables = Record<string, string | number | boolean>;

function completionVariables(template: CompletionVariables | undefined, jobKey: string): CompletionVariables {
  if (!template) return {};
  return Object.fromEntries(
    Object.entries(template).map(([name, value]) => [name, typeof value === 'string' ? value.replaceAll('{{key}}', jobKey) : value]),
  );
}

/** Run the workers in this process until SIGTERM; prints `ready` on stdout once every worker is open. */
export async function runJobWorkers(options: JobWorkerOptions): Promise<void> {
  const clients = Array.from({ length: options.count }, () => benchZeebeClient(options.grpc));
  for (const [index, client] of clients.entries()) {
    if (options.mode === 'stream') {
      await client.streamJobs({
        type: options.type,
        worker: `bench-${index}`,
        timeout: 60_000,
        tenantIds: ['<default>'],
        taskHandler: (job) => job.complete(completionVariables(options.variables, job.key)),
      });
    } else {
      client.createWorker({
        taskType: options.type,
        id: `bench-${index}`,
        maxJobsToActivate: 64,
        timeout: 60_000,
        taskHandler: (job) => job.complete(completionVariables(options.variables, job.key)),
      });
    }
  }
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => process.exit(0));
}

/** A worker process started by {@link spawnJobWorkers}. */
export interface JobWorkerProcess {
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * Start `node scripts/onego.mjs <command> --role workers …args` (a benchmark command that calls
 * {@link runJobWorkers} for that role) and wait until it says it is ready.
 */
export async function spawnJobWorkers(command: string, args: string[]): Promise<JobWorkerProcess> {
  const nodeArgs = (process.env.ONEGO_BENCH_WORKERS_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, 'scripts/onego.mjs', command, '--role', 'workers', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', () => resolve());
    child.once('exit', (code) => reject(new Error(`the bench job workers exited with ${code}`)));
  });
  return {
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
