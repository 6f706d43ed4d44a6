import { expect } from 'chai';
import express from 'express';
import { appsApiRoutes } from '../../../apps';
import { ADMIN, AUDITOR, calendar, LI_SI, startAppsTestBed, XU_MING, ZHANG_SAN, type AppsTestBed, type DemoUser } from '../../apps/apps-test-bed';
import { DEFAULT_WARN_RULE, startDeadline } from '../../../workers/lights';
import { CASE_OPENED_AT } from '../../apps/apps-test-bed';
import { formJson, licenceReviewBpmn, WORKER } from '../gateway/rest/rest-test-bed';
import { APPS_ROLES, APPS_ROUTE_DECISIONS, type AppsFixture, type AppsRole, type AppsRouteDecision } from './apps-route-decisions';
import { registeredRoutes } from './registered-routes';

const CALLERS: Record<AppsRole, DemoUser | undefined> = {
  anonymous: undefined,
  staffA: ZHANG_SAN, // 市场监管局 staff: the case's department
  staffB: XU_MING, // 税务局 staff
  supervisorA: LI_SI, // 市场监管局 supervisor
  auditor: AUDITOR,
  admin: ADMIN,
  worker: WORKER,
};

/** The value each route parameter gets. */
function pathOf(pattern: string, fixture: AppsFixture): string {
  return pattern
    .replace(':processInstanceKey', fixture.processInstanceKey)
    .replace(':userTaskKey', fixture.userTaskKey)
    .replace(':list', 'cases')
    .replace(':groupId', 'market-regulation');
}

describe('authorization of every apps route for every role', function () {
  this.timeout(120_000);
  let bed: AppsTestBed;
  let fixture: AppsFixture;

  before(async () => {
    bed = await startAppsTestBed();
    // A case of a process department A may work (demo authorizations: 市场监管局 updates enterprise-opening cases).
    const { engine } = bed.server;
    await engine.deployResources([
      { name: 'licence-review.bpmn', content: Buffer.from(licenceReviewBpmn('enterprise-opening', 'market-regulation')) },
      { name: 'licence-review.form', content: Buffer.from(formJson('licence-review')) },
      { name: 'licence-application.form', content: Buffer.from(formJson('licence-application')) },
    ]);
    const deadline = startDeadline({ name: 'stage1', limitWorkingMinutes: 5 * 420, startedAt: CASE_OPENED_AT }, calendar, DEFAULT_WARN_RULE);
    const opened = await engine.createProcessInstance({ bpmnProcessId: 'enterprise-opening', variables: { caseId: 'SD-AUTH-APPS-1', caseTitle: '授权表案件（市场监管局）', deadline_stage1: deadline } });
    const task = await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'CREATED' && String(record.value.processInstanceKey) === opened.processInstanceKey);
    fixture = { processInstanceKey: opened.processInstanceKey, userTaskKey: task.key, caseId: 'SD-AUTH-APPS-1' };
  });
  after(async () => {
    await bed?.close();
  });

  it('has a decision for every apps route (a new route without one is named here)', () => {
    // given the apps' routes as the engine server mounts them under /v2
    const app = express();
    app.use('/v2', appsApiRoutes({ calendar })({ engine: bed.server.engine, brokerEndpoint: () => ({ host: '127.0.0.1', port: 26500 }) }));
    const registered = registeredRoutes(app).map((route) => `${route.method} ${route.path}`);
    // then
    const undecided = registered.filter((route) => !Object.hasOwn(APPS_ROUTE_DECISIONS, route));
    const stale = Object.keys(APPS_ROUTE_DECISIONS).filter((route) => !registered.includes(route));
    expect(undecided, `apps routes without a decision — add each to test/engine/security/apps-route-decisions.ts:\n  ${undecided.join('\n  ')}\n`).to.deep.equal([]);
    expect(stale, `decisions for routes that are no longer registered:\n  ${stale.join('\n  ')}\n`).to.deep.equal([]);
  });

  /** What `role` must get from the route. */
  function expected(decision: AppsRouteDecision, role: AppsRole): number {
    if (role === 'anonymous') return 401;
    if (decision.allowed.includes(role)) return decision.status ?? 200;
    return decision.hidden?.includes(role) ? 404 : 403;
  }

  for (const [route, decision] of Object.entries(APPS_ROUTE_DECISIONS)) {
    it(`${route}: ${decision.allowed.join(', ')} are answered, every other role is refused`, async () => {
      const [method, pattern] = route.split(' ');
      const wrong: string[] = [];
      for (const role of APPS_ROLES) {
        // when
        const path = pathOf(pattern, fixture) + (decision.query ? `?${decision.query}` : '');
        const response = await bed.call(method, path, { user: CALLERS[role], body: decision.body?.(fixture) });
        const text = await response.text();
        // then
        const want = expected(decision, role);
        if (response.status !== want) {
          wrong.push(`${role}: expected ${want}, got ${response.status} ${text.slice(0, 160)}`);
          continue;
        }
        if (want === 404 && /candidate|market-regulation/i.test(text)) wrong.push(`${role}: the refusal names the task's department: ${text.slice(0, 160)}`);
        if (want === 200 && decision.check) {
          const problem = decision.check(JSON.parse(text), role, fixture);
          if (problem) wrong.push(`${role}: ${problem}`);
        }
      }
      expect(wrong, `${route}\n  ${wrong.join('\n  ')}`).to.deep.equal([]);
    });
  }
});
