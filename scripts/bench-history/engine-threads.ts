/**
 * Where an in-process engine's CPU goes per finished case, thread by thread, with the history exporter on or
 * off: the main (engine) thread, the busiest other thread (with history, the exporter; without, the log
 * writer) and all other threads together (log writer, V8's GC helpers, libuv). Cases are `bench:scale`'s
 * finished ones (start → service task → end, the same variables), driven through the engine API with `C` in
 * flight: create, activate the job, complete it. Also counts engine commits per case (each one a "committed"
 * notification to the exporter) and the busiest other threads one by one. Run it alternately with and without `--history`, with the engine's V8 flags,
 * on a quiet machine if possible; it prints numbers, it is not a test.
 *
 *   node --max-semi-space-size=4 --heap-growing-percent=30 --import tsx scripts/bench-history/engine-threads.ts [--history] [--cases 5000] [--concurrency 32]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createEngine } from '../../engine';
import { History } from '../../engine/history/history';
import { drive } from '../bench/drive';
import { caseVariables, FINISHED_MODEL_RESOURCE, FINISHED_PROCESS_ID, REGISTER_JOB_TYPE } from '../bench-scale/models';
import { mainThreadShare, threadCpuSecondsOf } from '../bench-scale/thread-cpu';

const { values } = parseArgs({
  options: { history: { type: 'boolean', default: false }, cases: { type: 'string', default: '5000' }, concurrency: { type: 'string', default: '32' } },
});
const cases = Number(values.cases);
const dir = mkdtempSync(join(tmpdir(), 'onego-engine-threads-'));
try {
  const engine = await createEngine({ dataDir: dir });
  const history = values.history ? await History.start({ dataDir: dir, engine, onProgress: () => undefined }) : undefined;
  await engine.deployResources([{ name: FINISHED_MODEL_RESOURCE.name, content: Buffer.from(FINISHED_MODEL_RESOURCE.xml) }]);
  let commits = 0;
  const stop = engine.onCommitted(() => {
    commits += 1;
  });
  const runCase = async (index: number) => {
    await engine.createProcessInstance({ bpmnProcessId: FINISHED_PROCESS_ID, variables: caseVariables(index, 'T') });
    for (;;) {
      const [job] = await engine.activateJobs({ type: REGISTER_JOB_TYPE, worker: 'bench', timeoutMs: 60_000, maxJobsToActivate: 1 });
      if (job) {
        await engine.completeJob(job.key, { registered: true, receiptNo: `R-${job.key}` });
        return;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  // Warm-up: the first cases compile the code paths.
  await drive(500, Number(values.concurrency), runCase);
  if (history) await history.exporter.waitFor(history.exporter.logPosition, 60_000);
  commits = 0;
  const before = await threadCpuSecondsOf(process.pid);
  const { seconds } = await drive(cases, Number(values.concurrency), runCase);
  // The exporter's share of these cases is counted when it has written them.
  if (history) await history.exporter.waitFor(history.exporter.logPosition, 120_000);
  const after = await threadCpuSecondsOf(process.pid);
  stop();
  const { main, others, busiestOther } = mainThreadShare(process.pid, before, after);
  const perCase = (cpuSeconds: number) => ((cpuSeconds * 1000) / cases).toFixed(3);
  console.log(
    `${values.history ? 'history on ' : 'history off'}: ${cases} cases in ${seconds.toFixed(1)} s (${(cases / seconds).toFixed(0)} PI/s); CPU ms per case: ` +
      `main ${perCase(main)}, busiest other ${perCase(busiestOther)}, all others ${perCase(others)}, total ${perCase(main + others)}; ` +
      `${(commits / cases).toFixed(2)} commits per case`,
  );
  const busiest = [...after].map(([tid, cpu]) => ({ tid, ms: ((cpu - (before.get(tid) ?? 0)) * 1000) / cases })).filter((thread) => thread.tid !== process.pid);
  busiest.sort((a, b) => b.ms - a.ms);
  console.log(`  other threads, CPU ms per case: ${busiest.slice(0, 8).map((thread) => thread.ms.toFixed(3)).join(' · ')} (${busiest.length} threads)`);
  await history?.close();
  await engine.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
