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
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { openHistoryDatabase } from '../engine/history';
import { percentile } from './bench/drive';

const { values } = parseArgs({ options: { instances: { type: 'string', default: '200000' }, searchers: { type: 'string', default: '50' }, seconds: { type: 'string', default: '15' } } });
const instances = Number(values.instances);
const searchers = Number(values.searchers);
const seconds = Number(values.seconds);

const BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="bench-isolation" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f" sourceRef="start" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;

/** A history store with `count` finished instances, written before the engine starts on the folder. */
function fillHistory(dir: string, count: number): void {
  const db = openHistoryDatabase(join(dir, 'history.sqlite'));
  const insert = db.prepare(
    `INSERT INTO process_instances (process_instance_key, process_definition_key, process_definition_id, process_definition_name, process_definition_version, state, start_date, end_date, tenant_id)
     VALUES (?, 1, ?, ?, 1, 'COMPLETED', ?, ?, '<default>')`,
  );
  const start = Date.parse('2026-01-01T00:00:00Z');
  db.transaction(() => {
    for (let index = 0; index < count; index++) insert.run(10_000_000 + index, `process-${index % 40}`, `事项 ${index % 40}`, start + index * 1000, start + index * 1000 + 60_000);
  })();
  db.close();
}

async function startEngine(dir: string, readers: string): Promise<{ child: ChildProcess; rest: string; management: string }> {
  const child = spawn(process.execPath, ['scripts/onego.mjs', 'engine', '--data', dir, '--grpc-port', '0', '--rest-port', '0', '--management-port', '0', '--auth', 'none'], {
    env: { ...process.env, ONEGO_HISTORY_READERS: readers, ONEGO_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for await (const line of createInterface({ input: child.stdout! })) {
    if (!line.startsWith('{')) continue;
    const ready = JSON.parse(line) as { rest: string | number; management: string | number };
    const url = (value: string | number) => (typeof value === 'number' ? `http://127.0.0.1:${value}` : value);
    return { child, rest: url(ready.rest), management: url(ready.management) };
  }
  throw new Error('the engine exited before it was ready');
}

async function timed(request: () => Promise<Response>): Promise<number> {
  const began = performance.now();
  const response = await request();
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return performance.now() - began;
}

function summary(label: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
  return `${label.padEnd(34)} n=${String(sorted.length).padStart(5)}  p50 ${fmt(percentile(sorted, 50)).padStart(9)}  p99 ${fmt(percentile(sorted, 99)).padStart(9)}  max ${fmt(sorted[sorted.length - 1] ?? NaN).padStart(9)}`;
}

async function run(mode: string, readers: string, template: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'onego-bench-isolation-'));
  rmSync(dir, { recursive: true });
  // A copy of the filled store for each mode (the engine writes into it).
  await import('node:fs/promises').then((fs) => fs.cp(template, dir, { recursive: true }));
  const { child, rest, management } = await startEngine(dir, readers);
  try {
    const form = new FormData();
    form.append('resources', new Blob([BPMN]), 'bench-isolation.bpmn');
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
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
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
