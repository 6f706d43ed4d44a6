/**
 * A real engine (auth basic on the demo identity, controlled clock, port 0) with the apps mounted as
 * `onego start` mounts them, a one-task model with its form deployed, and helpers to open cases and call
 * the REST port as a demo user.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineRecord } from '../../engine/api';
import { basicAuthorization, DEMO_IDENTITY_PATH, loadEngineAuth } from '../../engine/identity';
import { startEngineServer, type EngineServer } from '../../engine/server';
import { appsApiRoutes, BrowserBundles, createAppsRouter } from '../../apps';
import { calendarFromEnv } from '../../workers/calendar';
import { DEFAULT_WARN_RULE, startDeadline, type Deadline } from '../../workers/lights';
import { firstRecord } from '../support/first-record';

/** A demo account (engine/identity/README.md). */
export interface DemoUser {
  username: string;
  password: string;
}

export const ZHANG_SAN: DemoUser = { username: 'zhang.san', password: 'onego-demo' }; // 市场监管局 staff
export const LI_SI: DemoUser = { username: 'li.si', password: 'onego-demo' }; // 市场监管局 supervisor
export const XU_MING: DemoUser = { username: 'xu.ming', password: 'onego-demo' }; // 税务局 staff
export const AUDITOR: DemoUser = { username: 'sun.shen', password: 'onego-demo' };
export const ADMIN: DemoUser = { username: 'guan.li', password: 'onego-demo' };

/** The instant the engine clock is pinned at: a working Thursday morning in Beijing. */
export const CASE_OPENED_AT = '2025-10-09T10:00:00+08:00';

/** The calendar the apps count lights in (as `onego start` builds it). */
export const calendar = calendarFromEnv({ ONEGO_HOLIDAY_UNCOVERED: 'weekends-only' });

/** Bundles are built once per test run, not once per engine. */
const sharedBundles = new BrowserBundles();

/** The test model: one user task 审查材料 for `market-regulation` with the form below. */
export const REVIEW_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="apps-test" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="apps-licence-review" name="营业执照审查（测试）" isExecutable="true">
    <bpmn:startEvent id="start" name="受理" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="审查材料">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:formDefinition formId="apps-licence-review" />
        <zeebe:assignmentDefinition candidateGroups="market-regulation" />
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
    <bpmn:endEvent id="end" name="办结" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram">
    <bpmndi:BPMNPlane id="plane" bpmnElement="apps-licence-review">
      <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="review_di" bpmnElement="review"><dc:Bounds x="200" y="78" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="370" y="100" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="136" y="118" /><di:waypoint x="200" y="118" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="300" y="118" /><di:waypoint x="370" y="118" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;

const REVIEW_FORM = JSON.stringify({
  schemaVersion: 18,
  id: 'apps-licence-review',
  type: 'default',
  components: [
    { type: 'textfield', id: 'Field_CaseTitle', key: 'caseTitle', label: '案件名称', readonly: true },
    {
      type: 'radio',
      id: 'Field_Decision',
      key: 'decision',
      label: '审查结论',
      values: [
        { label: '通过', value: 'approve' },
        { label: '不予通过', value: 'reject' },
      ],
      validate: { required: true },
    },
    { type: 'textarea', id: 'Field_Opinion', key: 'opinion', label: '审查意见', validate: { required: true, minLength: 4 } },
  ],
});

/** A started engine with the apps. */
export interface AppsTestBed {
  readonly server: EngineServer;
  readonly url: string;
  /** Opens a case (process instance) with a 5-working-day deadline started at {@link CASE_OPENED_AT} (or as given). */
  openCase(caseId: string, caseTitle: string, limit?: { startedAt: string; workingDays: number }): Promise<{ processInstanceKey: string; deadline: Deadline }>;
  /** fetch `url + path` as `user` (HTTP Basic), or anonymously. */
  call(method: string, path: string, options?: { user?: DemoUser; body?: unknown; cookie?: string }): Promise<Response>;
  /** The first committed record matching, waiting for it if needed. */
  record(predicate: (record: EngineRecord) => boolean): Promise<EngineRecord>;
  close(): Promise<void>;
}

/**
 * Start the engine with the apps, pin its clock and deploy the test model and form. With `dataDir` it opens
 * that folder (e.g. again, after a restart) and leaves it in place on close.
 */
export async function startAppsTestBed(options: { dataDir?: string } = {}): Promise<AppsTestBed> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'onego-apps-')));
  const auth = await loadEngineAuth({ mode: 'basic', identityFile: DEMO_IDENTITY_PATH });
  const server = await startEngineServer({
    grpcPort: 0,
    restPort: 0,
    dataDir,
    clock: 'controlled',
    authenticateGrpc: auth.grpc,
    restAuth: auth,
    restRoutes: [appsApiRoutes({ calendar, calendarFolder: join(dataDir, 'calendars') })],
    appRoutes: [createAppsRouter({ bundles: sharedBundles })],
  });
  const { engine } = server;
  await engine.clock.pin(Date.parse(CASE_OPENED_AT));
  await engine.deployResources([
    { name: 'apps-licence-review.bpmn', content: Buffer.from(REVIEW_BPMN) },
    { name: 'apps-licence-review.form', content: Buffer.from(REVIEW_FORM) },
  ]);
  return {
    server,
    url: server.restUrl,
    async openCase(caseId, caseTitle, limit = { startedAt: CASE_OPENED_AT, workingDays: 5 }) {
      const deadline = startDeadline({ name: 'stage1', limitWorkingMinutes: limit.workingDays * 420, startedAt: limit.startedAt }, calendar, DEFAULT_WARN_RULE);
      const created = await engine.createProcessInstance({
        bpmnProcessId: 'apps-licence-review',
        variables: { caseId, caseTitle, deadline_stage1: deadline },
      });
      return { processInstanceKey: created.processInstanceKey, deadline };
    },
    call(method, path, { user, body, cookie } = {}) {
      const headers: Record<string, string> = {};
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (user) headers.authorization = basicAuthorization(user.username, user.password);
      if (cookie) headers.cookie = cookie;
      return fetch(`${server.restUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    },
    record(predicate) {
      return firstRecord(engine, predicate);
    },
    async close() {
      await server.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The PROCESS element of `processInstanceKey` reached `intent`. */
export function processEvent(processInstanceKey: string, intent: string) {
  return (record: EngineRecord) =>
    record.valueType === 'PROCESS_INSTANCE' &&
    record.recordType === 'EVENT' &&
    record.intent === intent &&
    record.value.bpmnElementType === 'PROCESS' &&
    record.value.processInstanceKey === processInstanceKey;
}
