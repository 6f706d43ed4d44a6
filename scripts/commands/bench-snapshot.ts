import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { serialize } from 'node:v8';
import { createEngine, type Engine } from '../../engine';
import { CARRIED } from '../../engine/state/state-capture';

const USAGE = 'usage: onego bench-snapshot [--finished N] [--waiting N] [--rounds N]';

/** What `onego bench-snapshot --help` prints: the options and their defaults. */
export function usage(): string {
  return [
    USAGE,
    '',
    'Restart time and capture pause of the in-process engine with and without snapshots. Prints numbers; not a test.',
    '重启耗时与快照暂停时间（有/无快照对比），只打印数字，不是测试。',
    '',
    '  --finished N   instances run to their end before the restart (default 20000)',
    '  --waiting N    instances left waiting at a user task with a timer (default 5000)',
    '  --rounds N     restarts measured per variant (default 2)',
  ].join('\n');
}

/** start → service task → end: finished right away by the benchmark. */
const DONE_XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://onego">
<bpmn:process id="bench-done" isExecutable="true">
<bpmn:startEvent id="s"/><bpmn:serviceTask id="t"><bpmn:extensionElements><zeebe:taskDefinition type="bench-work"/></bpmn:extensionElements></bpmn:serviceTask><bpmn:endEvent id="e"/>
<bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/>
</bpmn:process></bpmn:definitions>`;

/** start → user task with a 亮灯-style timer boundary → end: stays waiting. */
const WAIT_XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="w" targetNamespace="http://onego">
<bpmn:process id="bench-wait" isExecutable="true">
<bpmn:startEvent id="s"/><bpmn:userTask id="review"><bpmn:extensionElements><zeebe:userTask/><zeebe:assignmentDefinition candidateGroups="window"/></bpmn:extensionElements></bpmn:userTask><bpmn:endEvent id="e"/>
<bpmn:boundaryEvent id="yellow" attachedToRef="review" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>P10D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent><bpmn:endEvent id="ye"/>
<bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="review"/><bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="e"/><bpmn:sequenceFlow id="f3" sourceRef="yellow" targetRef="ye"/>
</bpmn:process></bpmn:definitions>`;

async function inChunks(total: number, chunk: number, each: (i: number) => Promise<unknown>): Promise<void> {
  for (let done = 0; done < total; done += chunk) {
    await Promise.all(Array.from({ length: Math.min(chunk, total - done) }, (_, j) => each(done + j)));
  }
}

async function finishInstances(engine: Engine, count: number): Promise<void> {
  await inChunks(count, 500, (i) => engine.createProcessInstance({ bpmnProcessId: 'bench-done', variables: { i, applicant: `申请人 ${i}` } }));
  for (;;) {
    const jobs = await engine.activateJobs({ type: 'bench-work', worker: 'bench', timeoutMs: 600_000, maxJobsToActivate: 1000 });
    if (jobs.length === 0) return;
    await Promise.all(jobs.map((job) => engine.completeJob(job.key, { approved: true })));
  }
}

async function timed<T>(body: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await body();
  return [result, performance.now() - started];
}

/**
 * Takes a snapshot after one more waiting instance (each snapshot needs something new) and prints its cost: the
 * longest engine-thread pause, engine-thread capture time, process CPU (the writer thread's compression
 * included) and what was serialized afresh. CPU, not wall time, is the number on a shared machine.
 */
async function measureSnapshot(engine: Engine, label: string, variables: Record<string, unknown>): Promise<void> {
  await engine.createProcessInstance({ bpmnProcessId: 'bench-wait', variables });
  await engine.whenIdle();
  const cpu = process.cpuUsage();
  const [taken, totalMs] = await timed(() => engine.takeSnapshot());
  const used = process.cpuUsage(cpu);
  console.log(
    `${label}: process CPU ${ms((used.user + used.system) / 1000)}, longest engine-thread pause ${ms(taken!.pauseMs)} (start ${ms(taken!.startMs)}; ` +
      `capture ${ms(taken!.captureMs)} in ${taken!.slices} slices; re-cooled ${taken!.recooled.toLocaleString('en-US')} entries in ${ms(taken!.recoolMs)}), ` +
      `durable after ${ms(totalMs)}, state ${mb(taken!.stateBytes)}, file ${mb(taken!.bytes)}`,
  );
}

const ms = (value: number) => `${value.toFixed(0)} ms`;
const mb = (bytes: number) => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/**
 * `onego bench-snapshot`: what a snapshot costs and what it saves. Builds a log with N finished and M waiting
 * instances on the in-process engine, takes a snapshot (printing the engine-thread pause, the image and file
 * sizes), then restarts on the log with `replayAll` and with the snapshot and prints both start-up times.
 * Prints numbers; asserts nothing.
 */
export async function run(argv: string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { finished: { type: 'string', default: '20000' }, waiting: { type: 'string', default: '5000' }, rounds: { type: 'string', default: '2' } }, strict: true }));
  } catch (error) {
    console.error(`onego bench-snapshot: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(1);
  }
  const finished = Number(values.finished);
  const waiting = Number(values.waiting);
  const rounds = Number(values.rounds);
  const dataDir = mkdtempSync(join(tmpdir(), 'onego-bench-snapshot-'));
  try {
    const engine = await createEngine({ dataDir, snapshot: { everyRecords: 0, everySeconds: 0 } });
    await engine.deployResources([{ name: 'done.bpmn', content: Buffer.from(DONE_XML) }, { name: 'wait.bpmn', content: Buffer.from(WAIT_XML) }]);
    const [, buildMs] = await timed(async () => {
      await finishInstances(engine, finished);
      await inChunks(waiting, 500, (i) => engine.createProcessInstance({ bpmnProcessId: 'bench-wait', variables: { i, caseTitle: `案件 ${i}` } }));
      await engine.whenIdle();
    });
    const records = engine.readRecords(1).length;
    console.log(`log: ${finished} finished + ${waiting} waiting instances, ${records} records (built in ${ms(buildMs)})`);
    console.log(`live state: ${engine.state.elementInstances.size} element instances, ${engine.state.userTasks.size} user tasks, ${engine.state.timers.size} timers, ${engine.state.jobs.size} jobs`);
    for (let i = 0; i < rounds; i++) await measureSnapshot(engine, `snapshot ${i + 1}${i === 0 ? ' (every entry live)' : ''}`, { round: i });
    // The yardstick: serializing the same maps in one go, as a capture without slices would pause the engine.
    const [whole, wholeMs] = await timed(async () => serialize(Object.fromEntries(CARRIED.map((field) => [field, engine.state[field]]))));
    console.log(`for comparison, serializing all of it at once: ${ms(wholeMs)} (${mb(whole.byteLength)})`);
    await engine.close();
    for (let i = 0; i < rounds; i++) {
      for (const replayAll of [true, false]) {
        const [reopened, openMs] = await timed(() => createEngine({ dataDir, replayAll, snapshot: { everyRecords: 0, everySeconds: 0 } }));
        const from = reopened.snapshotStatus()?.position;
        console.log(`restart ${replayAll ? 'replaying the whole log' : `from the snapshot at ${from}`}: ${ms(openMs)}`);
        // The first snapshot after a start: after a full replay every entry is live; after a snapshot the
        // restored chunks are carried over, so only what changed since is serialized.
        if (i === 0) await measureSnapshot(reopened, `  first snapshot after it`, { restart: replayAll ? 'replay' : 'snapshot' });
        await reopened.close();
      }
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
