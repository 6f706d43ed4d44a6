/**
 * `npx tsx scripts/bench-scale/snapshot-cost.ts [--waiting N] [--moved P]` (with `node --expose-gc` for heap
 * numbers): what snapshots cost an engine holding N waiting cases (the bench:scale user-task and timer models),
 * in-process, so the engine thread's own numbers can be read. Prints, for the first snapshot (every entry
 * live), and for a second one after P % of the cases moved on: the engine-thread capture time, the
 * re-cooling time, the state serialized, the process CPU (engine thread plus the writer thread's gzip) and the
 * engine thread's heap after a full collection; then the time a restart from the newest snapshot takes. Not
 * a test: numbers depend on the machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createEngine, type Engine } from '../../engine';
import type { SnapshotTaken } from '../../engine/snapshot';
import { caseVariables, SCALE_MODELS, TIMER_PROCESS_ID, USER_TASK_PROCESS_ID } from './models';

const gc = (globalThis as { gc?: () => void }).gc;

function heapMb(): string {
  if (!gc) return 'n/a (run with node --expose-gc)';
  gc();
  return `${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MB`;
}

async function snapshot(engine: Engine, label: string): Promise<void> {
  const cpu = process.cpuUsage();
  const taken: SnapshotTaken | undefined = await engine.takeSnapshot();
  const used = process.cpuUsage(cpu);
  if (!taken) return console.log(`${label}: none taken (nothing happened since the last one)`);
  console.log(
    `${label}: capture ${taken.captureMs.toFixed(0)} ms on the engine thread (${taken.slices} slices, longest ${taken.pauseMs.toFixed(1)} ms), ` +
      `re-cooled ${taken.recooled.toLocaleString('en-US')} entries in ${taken.recoolMs.toFixed(0)} ms, ` +
      `${(taken.stateBytes / 1024 / 1024).toFixed(1)} MB serialized, file ${(taken.bytes / 1024 / 1024).toFixed(1)} MB, ` +
      `process CPU ${((used.user + used.system) / 1000).toFixed(0)} ms; heap after it ${heapMb()}`,
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { waiting: { type: 'string', default: '50000' }, moved: { type: 'string', default: '1' } } });
  const waiting = Number(values.waiting);
  const moved = Number(values.moved);
  const dataDir = mkdtempSync(join(tmpdir(), 'onego-snapshot-cost-'));
  // No snapshots of its own: only the ones measured here.
  let engine = await createEngine({ dataDir, clock: 'controlled', snapshot: { everyRecords: 0, everySeconds: 0 } });
  try {
    await engine.deployResources(SCALE_MODELS.map((model) => ({ name: model.name, content: Buffer.from(model.xml) })));
    for (let i = 0; i < waiting; i += 200) {
      const batch = Array.from({ length: Math.min(200, waiting - i) }, (_, j) => i + j);
      await Promise.all(
        batch.map((index) => engine.createProcessInstance({ bpmnProcessId: index % 5 === 4 ? TIMER_PROCESS_ID : USER_TASK_PROCESS_ID, variables: caseVariables(index, 'W') })),
      );
    }
    console.log(`${waiting.toLocaleString('en-US')} waiting cases loaded; heap ${heapMb()}`);
    await snapshot(engine, 'first snapshot (all live)');
    // The keys only: listing the tasks would decode every one of them.
    const tasks = [...engine.state.userTasks.keys()];
    const count = Math.round((tasks.length * moved) / 100);
    // Spread over the state, as real cases move: every n-th task.
    const step = Math.max(1, Math.floor(tasks.length / Math.max(count, 1)));
    for (let i = 0, done = 0; done < count && i < tasks.length; i += step, done++) await engine.completeUserTask(tasks[i], {});
    console.log(`${count.toLocaleString('en-US')} user tasks completed (${moved} %); heap ${heapMb()}`);
    await snapshot(engine, 'second snapshot');
    await engine.createProcessInstance({ bpmnProcessId: TIMER_PROCESS_ID, variables: caseVariables(waiting, 'W') });
    await snapshot(engine, 'third snapshot (one case started)');
    await engine.close();
    const started = performance.now();
    engine = await createEngine({ dataDir, clock: 'controlled', snapshot: { everyRecords: 0, everySeconds: 0 } });
    console.log(`restart from the snapshot: ${(performance.now() - started).toFixed(0)} ms in-process; heap ${heapMb()}`);
  } finally {
    await engine.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
