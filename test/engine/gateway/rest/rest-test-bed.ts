import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { createCamundaClient } from '@camunda8/orchestration-cluster-api';
import type { EngineRecord } from '../../../../engine/api';
import { basicAuthorization, DEMO_IDENTITY_PATH, loadEngineAuth, type DeniedAttempt, type EngineAuth, type LoginThrottleOptions } from '../../../../engine/identity';
import { startEngineServer, type EngineServer } from '../../../../engine/server';
import { firstRecord } from '../../../support/first-record';

/** The SDK's 8.7-style REST client. */
export type SdkRestClient = ReturnType<Camunda8['getCamundaRestClient']>;
/** The 8.8 orchestration cluster client. */
export type OrchestrationClient = ReturnType<typeof createCamundaClient>;

/** Who a client calls as: a demo user and password, or nobody (auth off). */
export interface Caller {
  username: string;
  password: string;
}

/**
 * A real engine with both gateways on free ports, optionally with `--auth basic` on the demo identity
 * file, plus factories for both official REST clients and plain fetch.
 */
export interface RestTestBed {
  readonly server: EngineServer;
  readonly url: string;
  /** Refused attempts reported by the gateways. */
  readonly denied: DeniedAttempt[];
  sdk(caller?: Caller): SdkRestClient;
  /** The orchestration client; responses are checked against its schemas unless `validation` says otherwise. */
  orchestration(caller?: Partial<Caller> & { validation?: string }): OrchestrationClient;
  /** fetch against `/v2<path>` with a JSON body and optional Basic credentials. */
  call(method: string, path: string, options?: { body?: unknown; caller?: Caller; headers?: Record<string, string> }): Promise<Response>;
  record(predicate: (record: EngineRecord) => boolean): Promise<EngineRecord>;
  records(predicate: (record: EngineRecord) => boolean): EngineRecord[];
  close(): Promise<void>;
}

export async function startRestTestBed(
  options: { auth?: 'none' | 'basic'; clock?: 'system' | 'controlled'; loginThrottle?: LoginThrottleOptions } = {},
): Promise<RestTestBed> {
  const dataDir = await mkdtemp(join(tmpdir(), 'onego-rest-'));
  const denied: DeniedAttempt[] = [];
  const auth: EngineAuth = await loadEngineAuth({ mode: options.auth ?? 'none', identityFile: DEMO_IDENTITY_PATH, onDenied: (attempt) => denied.push(attempt), loginThrottle: options.loginThrottle });
  const server = await startEngineServer({
    grpcPort: 0,
    restPort: 0,
    dataDir,
    clock: options.clock ?? 'system',
    authenticateGrpc: auth.grpc,
    restAuth: auth,
  });
  const closers: (() => unknown)[] = [];

  function sdkConfig(caller?: Caller) {
    return caller
      ? { CAMUNDA_AUTH_STRATEGY: 'BASIC', CAMUNDA_BASIC_AUTH_USERNAME: caller.username, CAMUNDA_BASIC_AUTH_PASSWORD: caller.password }
      : { CAMUNDA_AUTH_STRATEGY: 'NONE' };
  }

  return {
    server,
    url: server.restUrl,
    denied,
    sdk(caller) {
      const client = new Camunda8({
        ZEEBE_REST_ADDRESS: server.restUrl,
        CAMUNDA_LOG_LEVEL: 'none',
        ...sdkConfig(caller),
      } as never).getCamundaRestClient();
      closers.push(() => client.stopWorkers());
      return client;
    },
    orchestration(caller) {
      const client = createCamundaClient({
        config: {
          CAMUNDA_REST_ADDRESS: server.restUrl,
          CAMUNDA_SDK_LOG_LEVEL: process.env.DEBUG_SDK ? 'debug' : 'silent',
          // Check every answer against the client's own 8.8 response schemas.
          CAMUNDA_SDK_VALIDATION: caller?.validation ?? 'req:none,res:strict',
          ...sdkConfig(caller?.username && caller.password ? { username: caller.username, password: caller.password } : undefined),
        } as never,
      });
      return client;
    },
    call(method, path, { body, caller, headers = {} } = {}) {
      const allHeaders: Record<string, string> = { ...headers };
      if (body !== undefined) allHeaders['content-type'] = 'application/json';
      if (caller) allHeaders.authorization = basicAuthorization(caller.username, caller.password);
      return fetch(`${server.restUrl}/v2${path}`, { method, headers: allHeaders, body: body === undefined ? undefined : JSON.stringify(body) });
    },
    records(predicate) {
      return server.engine.readRecords(0).filter(predicate);
    },
    record(predicate) {
      return firstRecord(server.engine, predicate);
    },
    async close() {
      await Promise.allSettled(closers.map((close) => close()));
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Demo users (engine/identity/README.md). */
export const ZHANG_SAN: Caller = { username: 'zhang.san', password: 'onego-demo' }; // 市场监管局 staff
export const WANG_FANG_STAFF_ECOLOGY: Caller = { username: 'wang.fang', password: 'onego-demo' };
export const XU_MING: Caller = { username: 'xu.ming', password: 'onego-demo' }; // 税务局 staff
export const LI_SI: Caller = { username: 'li.si', password: 'onego-demo' }; // 市场监管局 supervisor
export const AUDITOR: Caller = { username: 'sun.shen', password: 'onego-demo' };
export const ADMIN: Caller = { username: 'guan.li', password: 'onego-demo' };
export const WORKER: Caller = { username: 'onego-worker', password: 'onego-worker-secret' };

/** A one-user-task process for department `group` (candidate group), with a service task before it. */
export function licenceReviewBpmn(processId = 'licence-review', group = 'market-regulation'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processId}" name="营业执照审查" isExecutable="true">
    <bpmn:startEvent id="start" name="申请提交">
      <bpmn:extensionElements><zeebe:formDefinition formId="licence-application" /></bpmn:extensionElements>
    </bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="审查材料">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:formDefinition formId="licence-review" />
        <zeebe:assignmentDefinition candidateGroups="${group}" />
        <zeebe:taskSchedule dueDate="=dueAt" />
        <zeebe:ioMapping><zeebe:input source="=caseTitle + &quot;（审查）&quot;" target="stepTitle" /></zeebe:ioMapping>
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="notify" />
    <bpmn:serviceTask id="notify" name="通知申请人">
      <bpmn:extensionElements><zeebe:taskDefinition type="notify-applicant" /></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f3" sourceRef="notify" targetRef="end" />
    <bpmn:endEvent id="end" name="办结" />
  </bpmn:process>
</bpmn:definitions>`;
}

/** A Camunda form with id `formId`. */
export function formJson(formId: string, label = '审查意见'): string {
  return JSON.stringify({
    schemaVersion: 16,
    id: formId,
    type: 'default',
    components: [{ type: 'textfield', key: 'opinion', label, validate: { required: true } }],
  });
}
