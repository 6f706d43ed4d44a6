import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { ENGINE_ENV, ENGINE_NODE_FLAGS } from '../commands/engine-process';

/** What `onego engine` prints on its one ready line. */
export interface EngineReady {
  grpc: string;
  rest: string;
  data: string;
}

/** `onego engine` running as a child process of a benchmark. */
export interface EngineChild {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Resolves with the ready line; rejects (with the engine's stderr) if the process exits first. */
  readonly ready: Promise<EngineReady>;
  /** Resolves once the process is gone. */
  readonly exited: Promise<void>;
  /** The last few kB the engine wrote to stderr (it is also passed on to ours unless `quiet`). */
  stderrTail(): string;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL (`kill -9`) and wait for the exit. */
  kill9(): Promise<void>;
}

/**
 * Node flags for the engine process: the engine's own ({@link ENGINE_NODE_FLAGS}, left out with
 * `ONEGO_BENCH_ENGINE_PLAIN=1` to measure Node's defaults), then `ONEGO_BENCH_ENGINE_NODE_ARGS` (e.g.
 * `--cpu-prof`), which win over them.
 */
export function engineNodeArgs(): string[] {
  const own = process.env.ONEGO_BENCH_ENGINE_PLAIN === '1' ? [] : ENGINE_NODE_FLAGS;
  return [...own, ...(process.env.ONEGO_BENCH_ENGINE_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '')];
}

/** The engine process's environment: ours, over {@link ENGINE_ENV} unless `ONEGO_BENCH_ENGINE_PLAIN=1`. */
function engineEnv(): NodeJS.ProcessEnv {
  return process.env.ONEGO_BENCH_ENGINE_PLAIN === '1' ? process.env : { ...ENGINE_ENV, ...process.env };
}

/**
 * Start `node scripts/onego.mjs engine …args` the way a user would. `quiet` keeps its stderr to ourselves
 * (for a start that is expected to fail, such as an engine that does not know a flag yet); `nodeArgs` are
 * Node flags added to {@link engineNodeArgs}.
 */
export function startEngineChild(args: string[], options: { quiet?: boolean; nodeArgs?: string[] } = {}): EngineChild {
  const child = spawn(process.execPath, [...engineNodeArgs(), ...(options.nodeArgs ?? []), 'scripts/onego.mjs', 'engine', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // The engine's service log would interleave JSON lines with the benchmark's table; warnings still come through.
    env: { ...engineEnv(), ONEGO_LOG_LEVEL: process.env.ONEGO_LOG_LEVEL ?? 'warn' },
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-8192);
    if (!options.quiet) process.stderr.write(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<EngineReady>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      try {
        resolve(JSON.parse(line) as EngineReady);
      } catch {
        reject(new Error(`onego engine printed '${line}' where its ready JSON line was expected`));
      }
    });
    // Later lines are not ours to read, but must be drained so the engine never blocks on a full pipe.
    child.once('exit', (code, signal) => {
      const reason = stderr.trim().split('\n')[0]?.trim();
      reject(new Error(`onego engine exited with ${code ?? signal} before it was ready${reason ? `: ${reason}` : ''}`));
    });
  });
  ready.catch(() => undefined);
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    child,
    pid: child.pid!,
    ready,
    exited,
    stderrTail: () => stderr,
    async stop() {
      if (!gone()) child.kill('SIGTERM');
      await exited;
    },
    async kill9() {
      if (!gone()) child.kill('SIGKILL');
      await exited;
    },
  };
}
