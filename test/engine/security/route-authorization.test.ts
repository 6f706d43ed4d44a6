import { expect } from 'chai';
import { createRestApp } from '../../../engine/gateway/rest';
import { ADMIN, AUDITOR, LI_SI, WORKER, XU_MING, ZHANG_SAN, formJson, licenceReviewBpmn, startRestTestBed, type Caller, type RestTestBed } from '../gateway/rest/rest-test-bed';
import { registeredRoutes } from './registered-routes';
import { MISSING_KEY, ROLES, ROUTE_DECISIONS, type Role, type RouteDecision, type TaskFixture } from './route-decisions';

const CALLERS: Record<Role, Caller | undefined> = {
  anonymous: undefined,
  clerkA: ZHANG_SAN, // 市场监管局 staff
  clerkB: XU_MING, // 税务局 staff
  supervisor: LI_SI, // 市场监管局 supervisor
  auditor: AUDITOR,
  admin: ADMIN,
  worker: WORKER,
};

describe('authorization of every REST route for every role', function () {
  this.timeout(120_000);
  let bed: RestTestBed;
  let sharedTask: string;

  async function newTask(fixture: TaskFixture): Promise<string> {
    if (fixture === 'shared-open') return sharedTask;
    const created = await bed.call('POST', '/process-instances', { caller: ZHANG_SAN, body: { processDefinitionId: 'enterprise-opening', variables: { caseTitle: '授权表任务', dueAt: '' } } });
    expect(created.status).to.equal(200);
    const { processInstanceKey } = (await created.json()) as { processInstanceKey: string };
    const task = await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'CREATED' && String(record.value.processInstanceKey) === String(processInstanceKey));
    if (fixture === 'fresh-assigned-to-clerkA') {
      expect((await bed.call('POST', `/user-tasks/${task.key}/assignment`, { caller: ADMIN, body: { assignee: ZHANG_SAN.username } })).status).to.equal(204);
    }
    return task.key;
  }

  before(async () => {
    bed = await startRestTestBed({ auth: 'basic', clock: 'controlled' });
    const form = new FormData();
    form.append('resources', new Blob([licenceReviewBpmn('enterprise-opening', 'market-regulation')]), 'licence-review.bpmn');
    form.append('resources', new Blob([formJson('licence-review')]), 'licence-review.form');
    form.append('resources', new Blob([formJson('licence-application')]), 'licence-application.form');
    const deployed = await fetch(`${bed.url}/v2/deployments`, { method: 'POST', body: form, headers: { authorization: `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}` } });
    expect(deployed.status).to.equal(200);
    sharedTask = await newTask('fresh-open');
  });
  after(async () => {
    await bed?.close();
  });

  it('has a decision for every registered route (a new route without one is named here)', () => {
    // given the app exactly as the engine server assembles it
    const app = createRestApp({ engine: bed.server.engine, brokerEndpoint: () => ({ host: '127.0.0.1', port: 26500 }) });
    const registered = registeredRoutes(app).map((route) => `${route.method} ${route.path}`);
    // then
    const undecided = registered.filter((route) => !Object.hasOwn(ROUTE_DECISIONS, route));
    const stale = Object.keys(ROUTE_DECISIONS).filter((route) => !registered.includes(route));
    expect(undecided, `routes without an authorization decision — add each to ROUTE_DECISIONS in test/engine/security/route-decisions.ts:\n  ${undecided.join('\n  ')}\n`).to.deep.equal([]);
    expect(stale, `decisions for routes that are no longer registered:\n  ${stale.join('\n  ')}\n`).to.deep.equal([]);
  });

  async function call(route: string, decision: RouteDecision, role: Role): Promise<number> {
    const [method, pattern] = route.split(' ');
    const caller = CALLERS[role];
    let path = pattern.replace(/^\/v2/, '');
    if (path.includes(':userTaskKey')) path = path.replace(':userTaskKey', await newTask(decision.task ?? 'shared-open'));
    path = path.replace(':username', 'no.such.user').replace(/:[A-Za-z]+/g, MISSING_KEY);
    const body = typeof decision.body === 'function' ? (decision.body as (caller?: Caller) => unknown)(caller) : decision.body;
    const response = await bed.call(method, path, { caller, body });
    await response.arrayBuffer();
    return response.status;
  }

  /** What a role must get: `allowed` = past the gate (any answer but 401/403, and no hidden-task 404). */
  function verdict(route: string, decision: RouteDecision, role: Role, status: number): string | undefined {
    if (decision.allowed === 'public') return status === 401 && role !== 'anonymous' ? `expected to be answered, got ${status}` : undefined;
    if (role === 'anonymous') return status === 401 ? undefined : `expected 401, got ${status}`;
    const allowed = decision.allowed.includes(role);
    const onTask = route.includes(':userTaskKey');
    if (allowed) return status === 401 || status === 403 || (onTask && status === 404) ? `expected to pass authorization, got ${status}` : undefined;
    // A task the caller may not see answers 404 like a missing one; everything else 403.
    const refusals = onTask ? [403, 404] : [403];
    return refusals.includes(status) ? undefined : `expected ${refusals.join(' or ')}, got ${status}`;
  }

  for (const [route, decision] of Object.entries(ROUTE_DECISIONS)) {
    const who = decision.allowed === 'public' ? 'everyone' : decision.allowed.join(', ');
    it(`${route}: ${who} pass, every other role is refused`, async () => {
      const wrong: string[] = [];
      for (const role of ROLES) {
        const problem = verdict(route, decision, role, await call(route, decision, role));
        if (problem) wrong.push(`${role}: ${problem}`);
      }
      expect(wrong, `${route}\n  ${wrong.join('\n  ')}`).to.deep.equal([]);
    });
  }
});
