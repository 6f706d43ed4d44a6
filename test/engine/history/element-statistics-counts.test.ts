import { expect } from 'chai';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HISTORY_SCHEMA_VERSION } from '../../../engine/history/history-schema';
import { spawnEngine } from '../../scripts/commands/engine-process';

/** start → check (service task) → review (user task) → end. */
const BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="licence-check" name="证照核验" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check" />
    <bpmn:serviceTask id="check" name="核验材料">
      <bpmn:extensionElements><zeebe:taskDefinition type="licence-check" /></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="review" />
    <bpmn:userTask id="review" name="审查"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>
    <bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

type Counts = { elementId: string; active: number; canceled: number; incidents: number; completed: number }[];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Run `node scripts/onego.mjs …` to its end. */
function onego(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/onego.mjs', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('exit', (status) => resolve({ status, stderr }));
  });
}

/** A running `onego engine` on `dataDir`, driven over plain REST. */
async function startEngine(dataDir: string) {
  const engine = spawnEngine(['--grpc-port', '0', '--rest-port', '0', '--data', dataDir]);
  const { rest } = await engine.ready;
  async function call(method: string, path: string, body?: unknown | FormData): Promise<Json> {
    const form = body instanceof FormData;
    const response = await fetch(`${rest}/v2${path}`, {
      method,
      headers: body === undefined || form ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  }
  return {
    call,
    /** The counts the exporter keeps (no filter), and the same counted over element instances (a filter every instance meets). */
    async counts(definitionKey: string): Promise<{ kept: Counts; counted: Counts }> {
      const kept = await call('POST', `/process-definitions/${definitionKey}/statistics/element-instances`, {});
      const counted = await call('POST', `/process-definitions/${definitionKey}/statistics/element-instances`, { filter: { tenantId: '<default>' } });
      return { kept: kept.items, counted: counted.items };
    },
    async stop() {
      engine.child.kill('SIGTERM');
      await engine.exited;
    },
  };
}

type Engine = Awaited<ReturnType<typeof startEngine>>;

/** Activates the check jobs of `instances` (one each), keyed by instance. */
async function activateChecks(engine: Engine, instances: string[]): Promise<Record<string, string>> {
  const jobs: Record<string, string> = {};
  for (let attempt = 0; attempt < 50 && Object.keys(jobs).length < instances.length; attempt += 1) {
    const answer = await engine.call('POST', '/jobs/activation', { type: 'licence-check', worker: 'test', timeout: 60_000, maxJobsToActivate: 10 });
    for (const job of answer.jobs as Json[]) jobs[String(job.processInstanceKey)] = String(job.jobKey);
  }
  expect(Object.keys(jobs).sort()).to.deep.equal([...instances].sort());
  return jobs;
}

async function incidentOf(engine: Engine, processInstanceKey: string): Promise<string> {
  const answer = await engine.call('POST', '/incidents/search', { filter: { processInstanceKey, state: 'ACTIVE' } });
  expect(answer.items, `an incident of ${processInstanceKey}`).to.have.length(1);
  return String(answer.items[0].incidentKey);
}

describe('the element statistics the exporter keeps per definition', function () {
  this.timeout(180_000);
  let dataDir: string;
  let definitionKey: string;
  // Five cases: A runs to its end; B's check fails (an open incident); C's check fails, is retried and passes
  // (it waits at review); D is canceled at its check; E's check fails and E is canceled with its incident.
  const expected: Counts = [
    { elementId: 'check', active: 0, canceled: 2, incidents: 1, completed: 2 },
    { elementId: 'end', active: 0, canceled: 0, incidents: 0, completed: 1 },
    { elementId: 'review', active: 1, canceled: 0, incidents: 0, completed: 1 },
    { elementId: 'start', active: 0, canceled: 0, incidents: 0, completed: 5 },
  ];
  let beforeRestart: { kept: Counts; counted: Counts };
  let midway: { kept: Counts; counted: Counts };

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'onego-element-counts-'));
    const engine = await startEngine(dataDir);
    try {
      const form = new FormData();
      form.append('resources', new Blob([BPMN], { type: 'application/xml' }), 'licence-check.bpmn');
      const deployment = await engine.call('POST', '/deployments', form);
      definitionKey = String(deployment.deployments[0].processDefinition.processDefinitionKey);
      const keys: Record<string, string> = {};
      for (const label of ['A', 'B', 'C', 'D', 'E']) {
        keys[label] = String((await engine.call('POST', '/process-instances', { processDefinitionId: 'licence-check' })).processInstanceKey);
      }
      const jobs = await activateChecks(engine, Object.values(keys));
      await engine.call('POST', `/jobs/${jobs[keys.A]}/completion`, {});
      for (const label of ['B', 'C', 'E']) await engine.call('POST', `/jobs/${jobs[keys[label]]}/failure`, { retries: 0, errorMessage: '证照库不可用' });
      midway = await engine.counts(definitionKey);
      // C: retries given back and the incident resolved, then the check passes
      await engine.call('PATCH', `/jobs/${jobs[keys.C]}`, { changeset: { retries: 1 } });
      await engine.call('POST', `/incidents/${await incidentOf(engine, keys.C)}/resolution`);
      const again = await activateChecks(engine, [keys.C]);
      await engine.call('POST', `/jobs/${again[keys.C]}/completion`, {});
      // A: its review is done
      const tasks = await engine.call('POST', '/user-tasks/search', { filter: { processInstanceKey: keys.A } });
      await engine.call('POST', `/user-tasks/${tasks.items[0].userTaskKey}/completion`, {});
      for (const label of ['D', 'E']) await engine.call('POST', `/process-instances/${keys[label]}/cancellation`, {});
      beforeRestart = await engine.counts(definitionKey);
    } finally {
      await engine.stop();
    }
  });
  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('counts incidents as they open, before anything is resolved', () => {
    const check = midway.kept.find((item) => item.elementId === 'check');
    expect(check).to.deep.equal({ elementId: 'check', active: 1, canceled: 0, incidents: 3, completed: 1 });
    expect(midway.kept).to.deep.equal(midway.counted);
  });

  it('counts completed, canceled, resolved and open incidents per element, as counting the element instances does', () => {
    expect(beforeRestart.kept).to.deep.equal(expected);
    expect(beforeRestart.counted).to.deep.equal(expected);
  });

  it('gives the same counts after onego history rebuild', async () => {
    // when
    const rebuilt = await onego(['history', 'rebuild', '--data', dataDir]);
    // then
    expect(rebuilt.status, rebuilt.stderr).to.equal(0);
    const engine = await startEngine(dataDir);
    try {
      expect((await engine.counts(definitionKey)).kept).to.deep.equal(expected);
    } finally {
      await engine.stop();
    }
  });

  it('rebuilds a history file of the previous schema on the first start, counts included', async () => {
    // given a history file as the previous schema left it: no count table, the older version stored
    const db = new Database(join(dataDir, 'history.sqlite'));
    db.exec('DROP TABLE element_statistics');
    db.prepare('UPDATE exporter_position SET schema_version = ?').run(HISTORY_SCHEMA_VERSION - 1);
    db.close();
    // when
    const engine = await startEngine(dataDir);
    try {
      // then
      expect((await engine.counts(definitionKey)).kept).to.deep.equal(expected);
    } finally {
      await engine.stop();
    }
    const reopened = new Database(join(dataDir, 'history.sqlite'), { readonly: true });
    const stored = reopened.prepare('SELECT schema_version AS version FROM exporter_position').get() as { version: number };
    reopened.close();
    expect(stored.version).to.equal(HISTORY_SCHEMA_VERSION);
  });
});
