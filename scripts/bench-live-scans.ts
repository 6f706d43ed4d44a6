/**
 * What the commands cost whose processing once walked every live entry (issue 9: live state must stay small and
 * fast with 50,000 waiting cases): deploying a new version of a process with a timer start event, deleting a
 * process definition, broadcasting a signal, and modifying one instance inside an embedded sub-process. Each is
 * timed on the in-process engine with N cases waiting at a user task that carries a timer and a signal boundary
 * event, so live state holds N timers and N signal subscriptions. Prints the median and the slowest of several
 * rounds per command (commit included). Not a test.
 *
 *   node --import tsx scripts/bench-live-scans.ts [--waiting 50000] [--rounds 20]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createEngine, type Engine } from '../engine';
import { percentile } from './bench/drive';

const { values } = parseArgs({ options: { waiting: { type: 'string', default: '50000' }, rounds: { type: 'string', default: '20' } } });
const waiting = Number(values.waiting);
const rounds = Number(values.rounds);

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

/** A process nobody started, deployed to be deleted again. */
const spareXml = (round: number) => `${HEAD}
<bpmn:process id="bench-spare-${round}" isExecutable="true"><bpmn:startEvent id="s"/><bpmn:endEvent id="e"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="e"/></bpmn:process></bpmn:definitions>`;

async function inChunks(total: number, chunk: number, each: (i: number) => Promise<unknown>): Promise<void> {
  for (let done = 0; done < total; done += chunk) {
    await Promise.all(Array.from({ length: Math.min(chunk, total - done) }, (_, j) => each(done + j)));
  }
}

/** Runs `body` `rounds` times and prints its median and slowest time. */
async function measure(label: string, body: (round: number) => Promise<unknown>): Promise<void> {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    await body(round);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(58)} p50 ${percentile(times, 50).toFixed(1).padStart(7)} ms   max ${times[times.length - 1].toFixed(1).padStart(7)} ms`);
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'onego-bench-live-scans-'));
  let engine: Engine | undefined;
  try {
    engine = await createEngine({ dataDir, clock: 'controlled', snapshot: { everyRecords: 0, everySeconds: 0 } });
    const e = engine;
    await e.deployResources([{ name: 'wait.bpmn', content: Buffer.from(WAIT_XML) }]);
    const started = performance.now();
    const instances: string[] = [];
    await inChunks(waiting, 500, async (i) => instances.push((await e.createProcessInstance({ bpmnProcessId: 'bench-wait', variables: { i } })).processInstanceKey));
    await e.whenIdle();
    console.log(`${waiting.toLocaleString('en-US')} waiting cases built in ${((performance.now() - started) / 1000).toFixed(1)} s; live state: ` +
      `${e.state.elementInstances.size.toLocaleString('en-US')} element instances, ${e.state.timers.size.toLocaleString('en-US')} timers, ` +
      `${e.state.signalSubscriptions.size.toLocaleString('en-US')} signal subscriptions; load average ${loadavg()[0].toFixed(2)}`);
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
  } finally {
    await engine?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
