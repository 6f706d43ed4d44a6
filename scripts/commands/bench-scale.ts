import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineChild } from '../bench/engine-child';
import { runJobWorkers } from '../bench/job-workers';
import { cpuSecondsOf, ownCpuSeconds, peakRssOf, rssOf } from '../bench/process-stats';
import { dataFolderSize } from '../bench-scale/data-size';
import { openEngineSession, type EngineSession } from '../bench-scale/engine-session';
import { duration, mb } from '../bench-scale/format';
import { awaitExporterCaughtUp, startLagSampler } from '../bench-scale/lag-sampler';
import { loadFinished, loadWaiting, type LoadMark } from '../bench-scale/loader';
import { formatBreakdown, memoryBreakdown, memoryReportFlags } from '../bench-scale/memory-breakdown';
import { REGISTER_JOB_TYPE, SCALE_MODELS } from '../bench-scale/models';
import { parseScaleArgs, SCALE_HELP, SCALE_USAGE, type ScaleOptions } from '../bench-scale/options';

/** What `onego bench-scale --help` prints: the options and their defaults. */
export function usage(): string {
  return SCALE_HELP;
}
import { measureQueries } from '../bench-scale/queries';
import { printReport, type ScaleMeasurements } from '../bench-scale/report';
import { measureRestarts } from '../bench-scale/restart';
import { compareThroughput } from '../bench-scale/throughput';

/**
 * `onego bench-scale` (`npm run bench:scale`): the scale benchmark of issue 9. Loads waiting cases (user
 * tasks with timers, intermediate timers) and then finished cases (start → service task → end) through the
 * SDK over gRPC into `onego engine` in its own process, and prints one table: engine RSS at the mark
 * (100,000 finished, or a tenth of a smaller run) and at the end, restart after kill -9 until the gateway
 * answers, p50/p99 of the REST v2 searches, exporter lag while loading, throughput with history on and off,
 * the load rate and the data folder's size, each with the issue's target and PASS/FAIL. What an engine does
 * not offer yet (status endpoint, audit log, `--no-history`) prints `n/a (reason)`. Not a test: numbers
 * depend on the machine.
 */

/** Where the RSS is compared with the end: 100,000 finished, or a tenth of a smaller load (as 100k is of 1M). */
function markFor(finished: number): number {
  return Math.max(1, Math.min(100_000, Math.round(finished / 10)));
}

async function prepareDataDir(options: ScaleOptions): Promise<{ dir: string; keep: boolean }> {
  if (options.dataDir === undefined) return { dir: await mkdtemp(join(tmpdir(), 'onego-bench-scale-')), keep: options.keep };
  await mkdir(options.dataDir, { recursive: true });
  const entries = await readdir(options.dataDir);
  if (entries.length > 0) {
    throw new Error(
      `Expected --data to name an empty or new folder, but ${options.dataDir} holds ${entries.slice(0, 3).join(', ')} (--data 须为空目录或新目录，以免与已有数据混在一起)`,
    );
  }
  return { dir: options.dataDir, keep: true };
}

/** The message for an engine that exited while the benchmark still needed it, with its last stderr lines. */
function engineDeath(engine: EngineChild): string {
  const how = engine.child.signalCode ?? `code ${engine.child.exitCode}`;
  const lastWords = engine.stderrTail().trim().split('\n').slice(-3).join(' | ');
  return `onego bench-scale: the engine exited during the benchmark (${how})${lastWords ? `: ${lastWords}` : ''}`;
}

async function benchScale(options: ScaleOptions): Promise<void> {
  const started = performance.now();
  const { dir: dataDir, keep } = await prepareDataDir(options);
  const markAt = markFor(options.finished);
  console.log(
    `bench:scale: ${options.finished.toLocaleString('en-US')} finished + ${options.waiting.toLocaleString('en-US')} waiting, ${options.concurrency} in flight, data in ${dataDir}`,
  );
  let session: EngineSession | undefined;
  let expectingExit = false;
  // --memory: the engine writes a diagnostic report (every thread's heap) on SIGUSR2, into a folder of its own.
  const reportDir = options.memory ? await mkdtemp(join(tmpdir(), 'onego-bench-scale-reports-')) : undefined;
  try {
    session = await openEngineSession({ dataDir, models: SCALE_MODELS, workers: options.workers, nodeArgs: reportDir ? memoryReportFlags(reportDir) : [] });
    const printMemory = async (title: string) => {
      if (reportDir) console.log(formatBreakdown(title, await memoryBreakdown(session!.engine.pid, reportDir)));
    };
    const { engine, client, ready, workers } = session;
    // An engine that dies under load (out of memory, a crash) would leave the SDK retrying for ever: stop there.
    void engine.exited.then(async () => {
      if (expectingExit) return;
      expectingExit = true;
      console.error(engineDeath(engine));
      await workers.stop();
      if (!keep) await rm(dataDir, { recursive: true, force: true });
      process.exit(1);
    });
    const lag = startLagSampler(ready.rest);
    const extra = async () => {
      const lagMs = lag.latestMs();
      return `engine RSS ${mb(await rssOf(engine.pid))}${lagMs === undefined ? '' : ` · exporter lag ${lagMs.toFixed(0)} ms`}`;
    };

    // Waiting cases first: they are live at both RSS readings, so the growth from the mark to the end is
    // what the finished cases cost — the number that must stay flat once finished work leaves live state.
    console.log('loading waiting cases');
    const waiting = await loadWaiting(client, options.waiting, options.concurrency, extra);
    await printMemory(`engine memory after ${options.waiting.toLocaleString('en-US')} waiting`);
    console.log('loading finished cases');
    const cpuBefore = { engine: await cpuSecondsOf(engine.pid), workers: await cpuSecondsOf(workers.pid), driver: ownCpuSeconds() };
    const finished = await loadFinished(client, {
      count: options.finished,
      firstIndex: options.waiting,
      concurrency: options.concurrency,
      markAt,
      onMark: async (seconds): Promise<LoadMark> => {
        const rssBytes = await rssOf(engine.pid);
        await printMemory(`engine memory at ${markAt.toLocaleString('en-US')} finished`);
        return { count: markAt, seconds, rssBytes };
      },
      extra,
    });
    const loadCpuSeconds = {
      engine: (await cpuSecondsOf(engine.pid)) - cpuBefore.engine,
      workers: (await cpuSecondsOf(workers.pid)) - cpuBefore.workers,
      driver: ownCpuSeconds() - cpuBefore.driver,
    };
    const rssEndBytes = await rssOf(engine.pid);
    await printMemory('engine memory at the end of loading');
    const lagSamples = await lag.stop();
    const mark = await finished.mark;

    const caughtUp = await awaitExporterCaughtUp(ready.rest);
    if (caughtUp !== undefined) console.log(`exporter caught up ${duration(caughtUp)} after the load`);
    console.log(`measuring REST searches (${options.requests} requests each)`);
    const queries = await measureQueries(ready.rest, finished.sample, waiting.sample, options.requests);
    const peakRssBytes = await peakRssOf(engine.pid);

    expectingExit = true;
    await session.closeClients();
    console.log('kill -9 and restart');
    await engine.kill9();
    session = undefined;
    const restarts = await measureRestarts(dataDir, options.runs, (run, result) =>
      console.log(`  restart ${run + 1}: gateway answered after ${duration(result.toGatewaySeconds)} (engine CPU ${duration(result.cpuSeconds)}), first command accepted after ${duration(result.toFirstCommandSeconds)}, engine RSS ${mb(result.rssBytes)}`),
    );
    const dataSize = await dataFolderSize(dataDir);

    console.log(`throughput, history on vs --no-history (a warm-up pair, then ${options.pairs} pairs × ${options.throughput.toLocaleString('en-US')} instances each, fresh engines)`);
    const throughput = await compareThroughput(
      { instances: options.throughput, concurrency: options.concurrency, workers: options.workers, pairs: options.pairs },
      (label, rate, engineCpuMs, mainMs, busiestMs) =>
        console.log(`  ${label}: ${rate.toFixed(0)} PI/s, engine CPU ${engineCpuMs.toFixed(2)} ms per instance (main thread ${mainMs.toFixed(2)}, busiest other thread — the exporter's with history — ${busiestMs.toFixed(2)})`),
    );

    if (!keep) await rm(dataDir, { recursive: true, force: true });
    if (reportDir) await rm(reportDir, { recursive: true, force: true });
    const measurements: ScaleMeasurements = {
      finishedTarget: options.finished,
      waitingTarget: options.waiting,
      concurrency: options.concurrency,
      workers: options.workers,
      waiting,
      finished,
      mark,
      markAt,
      rssEndBytes,
      peakRssBytes,
      loadCpuSeconds,
      lag: lagSamples,
      queries,
      restarts,
      throughput,
      dataDir,
      dataKept: keep,
      dataSize,
      elapsedSeconds: (performance.now() - started) / 1000,
    };
    printReport(measurements);
  } catch (error) {
    if (session && !expectingExit) {
      // A request failing because the engine died: say that, not only "fetch failed".
      const died = await Promise.race([session.engine.exited.then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), 500))]);
      expectingExit = true;
      if (died) console.error(engineDeath(session.engine));
      await session.closeClients().catch(() => undefined);
      await session.engine.stop();
    }
    if (!keep) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Entry point of `onego bench-scale`. */
export async function run(argv: string[]): Promise<void> {
  let options: ScaleOptions;
  try {
    options = parseScaleArgs(argv);
  } catch (error) {
    console.error(`onego bench-scale: ${error instanceof Error ? error.message : String(error)}`);
    console.error(SCALE_USAGE);
    process.exit(1);
  }
  if (options.role === 'workers') {
    await runJobWorkers({
      grpc: options.grpc,
      type: REGISTER_JOB_TYPE,
      count: options.workers,
      mode: 'stream',
      variables: { registered: true, receiptNo: 'R-{{key}}' },
    });
    return;
  }
  try {
    await benchScale(options);
  } catch (error) {
    console.error(`onego bench-scale: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  process.exit(0);
}
