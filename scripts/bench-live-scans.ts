/**
 * What the commands cost whose processing once walked every live entry (issue 9: live state must stay small and
 * fast with 50,000 waiting cases). Each group runs on an in-process engine of its own:
 * - `timers`: N cases waiting at a user task that carries a timer and a signal boundary event (N timers, N signal
 *   subscriptions): deploying a new version of a timer-started process, deleting a definition, broadcasting a
 *   signal, modifying one instance inside an embedded sub-process;
 * - `conditional`: N cases waiting at a user task with a conditional boundary event reading `status`: setting
 *   `status` in one case (its condition stays false);
 * - `messages`: D definitions started by messages of D names and N cases waiting for a message: publishing, a
 *   new version of a message-started process, ending an instance a message started with a correlation key;
 * - `restart`: N cases each held by an incident, snapshotted: reopening the engine.
 * Prints the median and the slowest of several rounds per command (commit included). Not a test.
 *
 *   node --import tsx scripts/bench-live-scans.ts [--waiting 50000] [--definitions 1000] [--rounds 20]
 *     [--restarts 5] [--only timers,conditional,messages,restart]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createEngine, type Engine } from '../engine';
import { SnapshotStore } from '../engine/snapshot';
import { dueEntriesOf, EngineState, restoreCapturedState } from '../engine/state';
import type { CaptureMap } from '../engine/state/capture-map';
import { percentile } from './bench/drive';

const { values } = parseArgs({
  options: {
    waiting: { type: 'string', default: '50000' },
    definitions: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '20' },
    restarts: { type: 'string', default: '5' },
    only: { type: 'string', default: 'timers,conditional,messages,restart' },
  },
});
const waiting = Number(values.waiting);
const definitions = Number(values.definitions);
const rounds = Number(values.rounds);
const restarts = Number(values.restarts);
const groups = new Set(values.only.split(','));

const HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://onego">`;

/**
 * A case waiting inside a sub-process at a user task with a 亮灯 timer and a 撤件 (withdrawn) signal on it: one
 * timer and one signal subscription per waiting case.
 */
const WAIT_XML = `${HEAD}
<bpmn:signal id="sig" name="withdrawn"/>
<bpmn:process id="bench-wait" isExecutable="true">
<bpmn:startEvent id="s"/><bpmn:subProcess id="handling"><bpmn:startEvent id="hs"/>
<bpmn:userTask id="review"><bpmn:extensionElements><zeebe:userTask/><zeebe:assignmentDefinition candidateGroups="window"/></bpmn:extensionElements></bpmn:userTask>
<bpmn:endEvent id="he"/><bpmn:sequenceFlow id="h1" sourceRef="hs" targetRef="review"/><bpmn:sequenceFlow id="h2" sourceRef="review" targetRef="he"/>
<bpmn:boundaryEvent id="yellow" attachedToRef="review" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>P10D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
<bpmn:boundaryEvent id="withdrawn" attachedToRef="review"><bpmn:signalEventDefinition signalRef="sig"/></bpmn:boundaryEvent>
<bpmn:endEvent id="ye"/><bpmn:endEvent id="we"/><bpmn:sequenceFlow id="h3" sourceRef="yellow" targetRef="ye"/><bpmn:sequenceFlow id="h4" sourceRef="withdrawn" targetRef="we"/>
</bpmn:subProcess><bpmn:endEvent id="e"/>
<bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="handling"/><bpmn:sequenceFlow id="f2" sourceRef="handling" targetRef="e"/>
</bpmn:process></bpmn:definitions>`;

/** A nightly job started by a timer start event; every version differs in its name so each deployment is new. */
const nightlyXml = (version: number) => `${HEAD}
<bpmn:process id="bench-nightly" name="nightly ${version}" isExecutable="true">
<bpmn:startEvent id="s"><bpmn:timerEventDefinition><bpmn:timeCycle>R/PT24H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent><bpmn:endEvent id="e"/>
<bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="e"/>
</bpmn:process></bpmn:definitions>`;

/** A case waiting at a user task with a non-interrupting conditional boundary event on its `status` (撤件 when withdrawn). */
const CONDITIONAL_XML = `${HEAD}
<bpmn:process id="bench-conditional" isExecutable="true">
<bpmn:startEvent id="s"/><bpmn:userTask id="review"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask><bpmn:endEvent id="e"/>
<bpmn:boundaryEvent id="withdrawn" attachedToRef="review" cancelActivity="false"><bpmn:conditionalEventDefinition><bpmn:condition>=status = "withdrawn"</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:boundaryEvent>
<bpmn:endEvent id="we"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="review"/><bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="e"/><bpmn:sequenceFlow id="f3" sourceRef="withdrawn" targetRef="we"/>
</bpmn:process></bpmn:definitions>`;

/** One of many processes started by a message of its own name (`apply-N`). */
const messageStartXml = (n: number) => `${HEAD}
<bpmn:message id="m" name="apply-${n}"/>
<bpmn:process id="bench-apply-${n}" isExecutable="true">
<bpmn:startEvent id="s"><bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent><bpmn:endEvent id="e"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="e"/>
</bpmn:process></bpmn:definitions>`;

/** Started by an `intake` message, then a job: the instance ends when the job completes. */
const intakeXml = (version: number) => `${HEAD}
<bpmn:message id="m" name="intake"/>
<bpmn:process id="bench-intake" name="intake ${version}" isExecutable="true">
<bpmn:startEvent id="s"><bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent>
<bpmn:serviceTask id="t"><bpmn:extensionElements><zeebe:taskDefinition type="bench-intake"/></bpmn:extensionElements></bpmn:serviceTask><bpmn:endEvent id="e"/>
<bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/>
</bpmn:process></bpmn:definitions>`;

/** A case waiting for its `reply` message, correlated by its `caseId`. */
const REPLY_XML = `${HEAD}
<bpmn:message id="m" name="reply"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseId"/></bpmn:extensionElements></bpmn:message>
<bpmn:process id="bench-reply" isExecutable="true">
<bpmn:startEvent id="s"/><bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent><bpmn:endEvent id="e"/>
<bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="wait"/><bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="e"/>
</bpmn:process></bpmn:definitions>`;

/** A case whose service task's job type cannot be evaluated: it waits in an incident. */
const INCIDENT_XML = `${HEAD}
<bpmn:process id="bench-incident" isExecutable="true">
<bpmn:startEvent id="s"/><bpmn:serviceTask id="t"><bpmn:extensionElements><zeebe:taskDefinition type="=missingType"/></bpmn:extensionElements></bpmn:serviceTask><bpmn:endEvent id="e"/>
<bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/>
</bpmn:process></bpmn:definitions>`;

/** A process nobody started, deployed to be deleted again. */
const spareXml = (round: number) => `${HEAD}
<bpmn:process id="bench-spare-${round}" isExecutable="true"><bpmn:startEvent id="s"/><bpmn:endEvent id="e"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="e"/></bpmn:process></bpmn:definitions>`;

async function inChunks(total: number, chunk: number, each: (i: number) => Promise<unknown>): Promise<void> {
  for (let done = 0; done < total; done += chunk) {
    await Promise.all(Array.from({ length: Math.min(chunk, total - done) }, (_, j) => each(done + j)));
  }
}

/** What a round that times only part of itself returns (see {@link timed}). */
interface Timed {
  ms: number;
  cpuMs: number;
}

/** Wall and CPU time of `body` alone, for a round that does more than what it measures. */
async function timed(body: () => unknown): Promise<Timed> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await body();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpuBefore);
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

/**
 * Runs `body` `times` times and prints its median and slowest wall time, and its median CPU time (the process's,
 * all threads): on a machine shared with other work CPU time moves less than wall time. A round returning
 * {@link Timed} counts only the part it timed.
 */
async function measure(label: string, body: (round: number) => Promise<unknown>, times = rounds): Promise<void> {
  const took: number[] = [];
  const cpu: number[] = [];
  let own: unknown;
  for (let round = 0; round < times; round++) {
    const whole = await timed(async () => (own = await body(round)));
    const part = own as Partial<Timed> | undefined;
    const counted = typeof part?.ms === 'number' && typeof part.cpuMs === 'number' ? (part as Timed) : whole;
    took.push(counted.ms);
    cpu.push(counted.cpuMs);
  }
  took.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(58)} p50 ${percentile(took, 50).toFixed(1).padStart(7)} ms   max ${took[took.length - 1].toFixed(1).padStart(7)} ms   ` +
      `cpu p50 ${percentile(cpu, 50).toFixed(1).padStart(7)} ms`,
  );
}

/** Runs `body` on a fresh engine in a folder of its own, then closes the engine and removes the folder. */
async function withEngine(body: (engine: Engine, dataDir: string) => Promise<Engine | void>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'onego-bench-live-scans-'));
  let engine: Engine | undefined;
  try {
    engine = await openEngine(dataDir);
    engine = (await body(engine, dataDir)) ?? engine;
  } finally {
    await engine?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function openEngine(dataDir: string): Promise<Engine> {
  return createEngine({ dataDir, clock: 'controlled', snapshot: { everyRecords: 0, everySeconds: 0 } });
}

/** Starts `count` instances of `bpmnProcessId` and prints how long it took and the load average. */
async function startCases(e: Engine, bpmnProcessId: string, count: number, variables?: (i: number) => Record<string, unknown>): Promise<string[]> {
  const started = performance.now();
  const instances: string[] = [];
  await inChunks(count, 500, async (i) => instances.push((await e.createProcessInstance({ bpmnProcessId, variables: variables?.(i) ?? {} })).processInstanceKey));
  await e.whenIdle();
  console.log(`${count.toLocaleString('en-US')} ${bpmnProcessId} cases built in ${((performance.now() - started) / 1000).toFixed(1)} s; load average ${loadavg()[0].toFixed(2)}`);
  return instances;
}

async function timerCases(e: Engine): Promise<void> {
  await e.deployResources([{ name: 'wait.bpmn', content: Buffer.from(WAIT_XML) }]);
  const instances = await startCases(e, 'bench-wait', waiting);
  console.log(`live state: ${e.state.elementInstances.size.toLocaleString('en-US')} element instances, ${e.state.timers.size.toLocaleString('en-US')} timers, ` +
    `${e.state.signalSubscriptions.size.toLocaleString('en-US')} signal subscriptions`);
  await e.deployResources([{ name: 'nightly.bpmn', content: Buffer.from(nightlyXml(0)) }]);
  await measure('deploy a new version of a timer-started process', (round) => e.deployResources([{ name: 'nightly.bpmn', content: Buffer.from(nightlyXml(round + 1)) }]));
  await measure('delete a process definition without instances', async (round) => {
    const deployed = await e.deployResources([{ name: `spare-${round}.bpmn`, content: Buffer.from(spareXml(round)) }]);
    const [first] = deployed.deployments;
    if (!('process' in first)) throw new Error('Expected the spare deployment to hold a process');
    await e.deleteResource(first.process.processDefinitionKey);
  });
  await measure('  (for comparison: deploy that process alone)', (round) => e.deployResources([{ name: `spare-${round + rounds}.bpmn`, content: Buffer.from(spareXml(round + rounds)) }]));
  await measure('broadcast a signal nobody waits for', () => e.broadcastSignal('nobody'));
  await measure('modify one case: activate the user task again', (round) =>
    e.modifyProcessInstance({ processInstanceKey: instances[round], activateInstructions: [{ elementId: 'review' }] }));
}

async function conditionalCases(e: Engine): Promise<void> {
  await e.deployResources([{ name: 'conditional.bpmn', content: Buffer.from(CONDITIONAL_XML) }]);
  // Started without variables: each start would otherwise be a variable change for every case before it.
  const instances = await startCases(e, 'bench-conditional', waiting);
  console.log(`live state: ${e.state.conditionalSubscriptions.size.toLocaleString('en-US')} conditional subscriptions`);
  await measure('set a variable that one case\'s condition reads', (round) =>
    e.setVariables({ elementInstanceKey: instances[round], variables: { status: `seen ${round}` }, local: false }));
  await measure('  (for comparison: a variable no condition reads)', (round) =>
    e.setVariables({ elementInstanceKey: instances[round], variables: { note: `seen ${round}` }, local: false }));
}

async function messageCases(e: Engine): Promise<void> {
  for (let done = 0; done < definitions; done += 50) {
    const batch = Array.from({ length: Math.min(50, definitions - done) }, (_, j) => ({ name: `apply-${done + j}.bpmn`, content: Buffer.from(messageStartXml(done + j)) }));
    await e.deployResources(batch);
  }
  await e.deployResources([{ name: 'reply.bpmn', content: Buffer.from(REPLY_XML) }, { name: 'intake.bpmn', content: Buffer.from(intakeXml(0)) }]);
  await startCases(e, 'bench-reply', waiting, (i) => ({ caseId: `case-${i}` }));
  console.log(`live state: ${definitions.toLocaleString('en-US')} message-started definitions, ${e.state.messageSubscriptions.size.toLocaleString('en-US')} message subscriptions`);
  await measure('publish a message nobody waits for', (round) => e.publishMessage({ name: 'nobody', correlationKey: `n-${round}`, timeToLiveMs: 0 }));
  await measure('publish the message one waiting case waits for', (round) => e.publishMessage({ name: 'reply', correlationKey: `case-${round}`, timeToLiveMs: 0 }));
  await measure('deploy a new version of a message-started process', (round) => e.deployResources([{ name: 'intake.bpmn', content: Buffer.from(intakeXml(round + 1)) }]));
  await measure('end an instance a message started with a correlation key', async (round) => {
    await e.publishMessage({ name: 'intake', correlationKey: `intake-${round}`, timeToLiveMs: 0 });
    await e.whenIdle();
    const [job] = await e.activateJobs({ type: 'bench-intake', maxJobsToActivate: 1, timeoutMs: 60_000, worker: 'bench' });
    return timed(async () => {
      await e.completeJob(job.key);
      await e.whenIdle();
    });
  });
}

async function restartWithIncidents(e: Engine, dataDir: string): Promise<Engine> {
  await e.deployResources([{ name: 'incident.bpmn', content: Buffer.from(INCIDENT_XML) }]);
  await startCases(e, 'bench-incident', waiting);
  console.log(`live state: ${e.state.incidents.size.toLocaleString('en-US')} incidents`);
  await e.takeSnapshot();
  let current = e;
  let cold = 0;
  await measure('restart from a snapshot with every case in an incident', async () => {
    await current.close();
    const took = await timed(async () => (current = await openEngine(dataDir)));
    cold = (current.state.incidents as CaptureMap<string, unknown>).coldSize;
    return took;
  }, restarts);
  console.log(`  incidents still encoded after the restart: ${cold.toLocaleString('en-US')} of ${current.state.incidents.size.toLocaleString('en-US')}`);
  // The part of a restart this group is about: the due dates read from a freshly restored state.
  await measure('  of which: the due dates of the restored state', () => {
    const state = new EngineState();
    new SnapshotStore(join(dataDir, 'snapshots')).restoreNewest(Number.MAX_SAFE_INTEGER, (captured) => restoreCapturedState(state, captured), console.warn);
    return timed(() => dueEntriesOf(state));
  }, restarts);
  return current;
}

async function main(): Promise<void> {
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (groups.has('timers')) await withEngine((e) => timerCases(e));
  if (groups.has('conditional')) await withEngine((e) => conditionalCases(e));
  if (groups.has('messages')) await withEngine((e) => messageCases(e));
  if (groups.has('restart')) await withEngine((e, dataDir) => restartWithIncidents(e, dataDir));
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

await main();
