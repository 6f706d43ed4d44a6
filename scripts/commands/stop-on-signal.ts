/**
 * How a long-running `onego` command stops: the first SIGINT / SIGTERM closes things in order and says so,
 * a second one ends the process at once (for when the first seems stuck).
 */

/** What one stop step is called and does. */
export interface StopStep {
  /** Shown while it runs, e.g. "关闭任务处理程序 / closing the job workers". */
  label: string;
  run(): Promise<void>;
  /** Give up waiting after this long and go on with the next step (say why in `label`). */
  timeoutMs?: number;
}

/** Resolves with the step's outcome, or with 'timed out' once `ms` have passed. */
function bounded(step: StopStep): Promise<'done' | 'timed out'> {
  const work = step.run().then(() => 'done' as const);
  if (step.timeoutMs === undefined) return work;
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<'timed out'>((resolve) => {
    timer = setTimeout(() => resolve('timed out'), step.timeoutMs);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

/** Options for {@link stopOnSignal}. */
export interface StopOnSignalOptions {
  /** The command's name in its lines, e.g. "onego start". */
  command: string;
  steps: StopStep[];
  log?: (line: string) => void;
  /** Called with the exit code once every step has run (default: `process.exit`). */
  exit?: (code: number) => void;
  signals?: NodeJS.Signals[];
}

/**
 * Waits for a stop signal, then runs the steps one after another, logging each; a step that throws is
 * reported and the next one still runs. Resolves when the process should exit (after `exit` is called).
 */
export function stopOnSignal(options: StopOnSignalOptions): Promise<void> {
  const log = options.log ?? ((line: string) => console.log(line));
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? ['SIGINT', 'SIGTERM'];
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        log(`${options.command}: 再次收到 ${signal}，立即退出 / ${signal} again, exiting now`);
        exit(130);
        resolve();
        return;
      }
      stopping = true;
      void (async () => {
        const started = Date.now();
        log(`${options.command}: 收到 ${signal}，正在停止（再按一次 Ctrl+C 立即退出） / ${signal} received, stopping (press Ctrl+C again to exit at once)`);
        let failed = false;
        for (const step of options.steps) {
          log(`${options.command}: ${step.label}`);
          try {
            if ((await bounded(step)) === 'timed out') log(`${options.command}: ${step.label} 超时，继续 / took over ${step.timeoutMs} ms, going on`);
          } catch (error) {
            failed = true;
            log(`${options.command}: ${step.label} 失败 / failed: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
        for (const name of signals) process.off(name, onSignal);
        log(`${options.command}: 已停止 / stopped (${Date.now() - started} ms)`);
        exit(failed ? 1 : 0);
        resolve();
      })();
    };
    for (const name of signals) process.on(name, onSignal);
  });
}
