/**
 * Benchmark of issue 13's "searches off the engine thread": fills a history store with N process instances,
 * starts `onego engine` on it in a child process, then runs C clients each repeating a slow process-instance
 * search (`$like` over every row, counted and sorted) while one more client measures `GET /v2/topology`,
 * `/actuator/health` and `POST /v2/process-instances` (a command through the engine) one after another.
 * Prints p50/p99/max of each, once with searches on reader threads (default) and once on the engine thread
 * (`ONEGO_HISTORY_READERS=0`, how it was before). Not a test.
 *
 *   node --import tsx scripts/bench-search-isolation.ts [--instances 200000] [--searchers 50] [--seconds 15]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { fillHistory, startEngine, stopEngine, STRAIGHT_BPMN, summary, timed } from './bench/isolation-engine';

const { values } = parseArgs({ options: { instances: { type: 'string', default: '200000' }, searchers: { type: 'string', default: '50' }, seconds: { type: 'string', default: '15' } } });
const instances = Number(values.instances);
const searchers = Number(values.searchers);
const seconds = Number(values.seconds);

async function run(mode: string, readers: string, template: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'onego-bench-isolation-'));
  rmSync(dir, { recursive: true });
  // A copy of the filled store for each mode (the engine writes into it).
  await import('node:fs/promises').then((fs) => fs.cp(template, dir, { recursive: true }));
  const { child, rest, management } = await startEngine(dir, ['--auth', 'none'], { ONEGO_HISTORY_READERS: readers });
  try {
    const form = new FormData();
    form.append('resources', new Blob([STRAIGHT_BPMN]), 'bench-isolation.bpmn');
    const deployed = await fetch(`${rest}/v2/deployments`, { method: 'POST', body: form });
    if (!deployed.ok) throw new Error(`deployment failed: ${deployed.status}`);
    const json = { 'content-type': 'application/json' };
    const search = () => fetch(`${rest}/v2/process-instances/search`, { method: 'POST', headers: json, body: JSON.stringify({ filter: { processDefinitionName: { $like: '*项*9*' } }, sort: [{ field: 'startDate', order: 'DESC' }], page: { limit: 50 } }) });
    const alone = await timed(search);
    const until = performance.now() + seconds * 1000;
    const searchTimes: number[] = [];
    const load = Array.from({ length: searchers }, async () => {
      while (performance.now() < until) searchTimes.push(await timed(search));
    });
    const topology: number[] = [];
    const health: number[] = [];
    const command: number[] = [];
    await new Promise((resolve) => setTimeout(resolve, 500));
    while (performance.now() < until) {
      topology.push(await timed(() => fetch(`${rest}/v2/topology`)));
      health.push(await timed(() => fetch(`${management}/actuator/health`)));
      command.push(await timed(() => fetch(`${rest}/v2/process-instances`, { method: 'POST', headers: json, body: JSON.stringify({ processDefinitionId: 'bench-isolation' }) })));
    }
    await Promise.all(load);
    console.log(`\n${mode}: ${instances} instances in history, ${searchers} clients searching for ${seconds} s (one search alone: ${alone.toFixed(0)} ms)`);
    console.log(summary('GET /v2/topology', topology));
    console.log(summary('GET /actuator/health', health));
    console.log(summary('POST /v2/process-instances', command));
    console.log(summary('process-instance search ($like)', searchTimes));
  } finally {
    await stopEngine(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

const template = mkdtempSync(join(tmpdir(), 'onego-bench-isolation-template-'));
const fillStart = performance.now();
fillHistory(template, instances);
console.log(`filled history with ${instances} instances in ${((performance.now() - fillStart) / 1000).toFixed(1)} s`);
try {
  await run('searches on reader threads (now)', '2', template);
  await run('searches on the engine thread (before)', '0', template);
} finally {
  rmSync(template, { recursive: true, force: true });
}
