/**
 * What the isolation benchmarks (`bench-search-isolation.ts`, `bench-security.ts`) share: a history store
 * filled with finished instances before the engine starts, `onego engine` in a child process, and latency
 * sampling with p50/p99/max lines.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { openHistoryDatabase } from '../../engine/history';
import { percentile } from './drive';

/** A one-step process the probes start instances of. */
export const STRAIGHT_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="bench-isolation" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f" sourceRef="start" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;

/** Writes `count` finished instances into `dir/history.sqlite` (before an engine starts on the folder). */
export function fillHistory(dir: string, count: number): void {
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

/**
 * `onego engine` on `dir` with free ports, `extraArgs` and `env` added, and `nodeArgs` given to Node itself (such
 * as `--cpu-prof`, which NODE_OPTIONS does not take); resolves with its URLs once it is ready.
 */
export async function startEngine(dir: string, extraArgs: string[], env: Record<string, string>, nodeArgs: string[] = []): Promise<{ child: ChildProcess; rest: string; management: string }> {
  const child = spawn(process.execPath, [...nodeArgs, 'scripts/onego.mjs', 'engine', '--data', dir, '--grpc-port', '0', '--rest-port', '0', '--management-port', '0', ...extraArgs], {
    env: { ...process.env, ONEGO_LOG_LEVEL: 'warn', ...env },
    // stderr through a pipe, not inherited: a test that lowers the engine's file size limit (prlimit --fsize) must
    // not make the engine's own log line fail when this process's stderr is a file larger than that limit.
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.pipe(process.stderr);
  for await (const line of createInterface({ input: child.stdout! })) {
    if (!line.startsWith('{')) continue;
    const ready = JSON.parse(line) as { rest: string | number; management: string | number };
    const url = (value: string | number) => (typeof value === 'number' ? `http://127.0.0.1:${value}` : value);
    return { child, rest: url(ready.rest), management: url(ready.management) };
  }
  throw new Error('the engine exited before it was ready');
}

/** Stops the engine child and waits for it to exit. */
export async function stopEngine(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

/** Milliseconds one request took to its last byte; throws on a non-2xx answer. */
export async function timed(request: () => Promise<Response>): Promise<number> {
  const began = performance.now();
  const response = await request();
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return performance.now() - began;
}

/** `label  n=…  p50 …  p99 …  max …` */
export function summary(label: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
  return `${label.padEnd(34)} n=${String(sorted.length).padStart(5)}  p50 ${fmt(percentile(sorted, 50)).padStart(9)}  p99 ${fmt(percentile(sorted, 99)).padStart(9)}  max ${fmt(sorted[sorted.length - 1] ?? NaN).padStart(9)}`;
}
