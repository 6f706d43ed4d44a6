import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { basicAuthorization, DEMO_IDENTITY_PATH, loadEngineAuth } from '../../../engine/identity';
import { startEngineServer, type EngineServer } from '../../../engine/server';
import { appsApiRoutes } from '../../../apps';
import { calendarFromEnv } from '../../../workers/calendar';
import { DEFAULT_WARN_RULE, startDeadline } from '../../../workers/lights';
import { firstRecord } from '../../support/first-record';
import { ADMIN, ZHANG_SAN, type DemoUser } from '../apps-test-bed';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../workers/calendar/fixtures');
const FICTIONAL_2027 = readFileSync(path.join(fixtures, 'FICTIONAL-notice-2027.txt'), 'utf8');
const ONE_TASK = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
  <bpmn:process id="calendar-api-case" isExecutable="true">
    <bpmn:startEvent id="start" /><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
    <bpmn:serviceTask id="wait"><bpmn:extensionElements><zeebe:taskDefinition type="nobody-works-this" /></bpmn:extensionElements></bpmn:serviceTask>
  </bpmn:process>
</bpmn:definitions>`;

describe('GET and POST /v2/apps/calendar', () => {
  let server: EngineServer;
  let dataDir: string;
  let calendarFolder: string;
  let notified: string[];
  const calendar = () => calendarFromEnv({ ONEGO_CALENDAR_DIRS: calendarFolder });

  const call = (method: string, user: DemoUser, body?: unknown) =>
    fetch(`${server.restUrl}/v2/apps/calendar${method === 'POST' ? '/import' : ''}`, {
      method,
      headers: { authorization: basicAuthorization(user.username, user.password), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'onego-calendar-api-'));
    calendarFolder = path.join(dataDir, 'calendars');
    notified = [];
    const auth = await loadEngineAuth({ mode: 'basic', identityFile: DEMO_IDENTITY_PATH });
    server = await startEngineServer({
      grpcPort: 0,
      restPort: 0,
      dataDir,
      clock: 'controlled',
      authenticateGrpc: auth.grpc,
      restAuth: auth,
      restRoutes: [appsApiRoutes({ calendar: calendar(), calendarFolder, notifyCalendarWarning: (text) => void notified.push(text) })],
    });
    // given the engine clock on Sunday 20 December 2026 and an open case whose 15-working-day deadline runs into 2027
    await server.engine.clock.pin(Date.parse('2026-12-20T10:00:00+08:00'));
    await server.engine.deployResources([{ name: 'case.bpmn', content: Buffer.from(ONE_TASK) }]);
    const deadline = startDeadline({ name: 'case', limitWorkingMinutes: 15 * 420, startedAt: '2026-12-20T10:00:00+08:00' }, calendar(), DEFAULT_WARN_RULE);
    await server.engine.createProcessInstance({ bpmnProcessId: 'calendar-api-case', variables: { caseId: 'C-1', deadline_case: deadline } });
  });

  afterEach(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows any signed-in user the covered years, the missing year, the provisional deadline and the banner', async () => {
    const response = await call('GET', ZHANG_SAN);
    expect(response.status).to.equal(200);
    const body = (await response.json()) as any;
    expect(body.coveredYears[0]).to.equal(2004);
    expect(body.coveredYears.at(-1)).to.equal(2026);
    expect(body.missingYears).to.deep.equal([2027]);
    expect(body.provisional).to.deep.equal({ openDeadlines: 1, years: [2027] });
    expect(body.warning).to.match(/有1个在办期限为暂定：2027年节假日安排尚未导入/);
    const year2026 = body.years.find((entry: { year: number }) => entry.year === 2026);
    expect(year2026.source).to.equal('chinese-days');
    expect(year2026.holidays[0]).to.deep.equal({ date: '2026-01-01', name: '元旦' });
    expect(year2026.workdays[0]).to.deep.equal({ date: '2026-01-04', name: '元旦' });
  });

  it('has the notifier send the banner once a day of the engine clock', async () => {
    // given 20 December, when the first commit (the clock pinned) already sent the day's warning — once history
    // has caught up (bounded wait), so whether it already counts the case opened right after is a race: both
    // texts name the missing year
    for (let waited = 0; notified.length < 1 && waited < 3000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(notified).to.have.length(1);
    expect(notified[0]).to.match(/2027年节假日安排尚未导入/);
    // when more happens that day, and then the clock reaches the next day
    await server.engine.clock.pin(Date.parse('2026-12-20T18:00:00+08:00'));
    await server.engine.clock.pin(Date.parse('2026-12-21T09:00:00+08:00'));
    // then one more warning went out, for 21 December (once history has the open cases: it is read after the
    // bounded read-your-writes wait)
    for (let waited = 0; notified.length < 2 && waited < 3000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(notified).to.have.length(2);
    expect(notified[1]).to.match(/^有1个在办期限为暂定/);
  });

  it('refuses an import by anyone but an admin with 403 and changes nothing', async () => {
    const response = await call('POST', ZHANG_SAN, { year: 2027, text: FICTIONAL_2027 });
    expect(response.status).to.equal(403);
    expect(existsSync(path.join(calendarFolder, '2027.json'))).to.equal(false);
  });

  it('refuses a bad notice with 400 problem+json naming line and reason, and keeps the calendar in force', async () => {
    const response = await call('POST', ADMIN, { year: 2027, text: '标题\n一、元旦：1月1日（周五）至3日（周日）放假，共4天。' });
    expect(response.status).to.equal(400);
    expect(response.headers.get('content-type')).to.match(/application\/problem\+json/);
    const problem = (await response.json()) as any;
    expect(problem.detail).to.match(/日历未改变/);
    expect(problem.errors).to.deep.equal([{ line: 2, text: '一、元旦：1月1日（周五）至3日（周日）放假，共4天。', reason: problem.errors[0].reason }]);
    expect(problem.errors[0].reason).to.match(/写明共4天/);
    expect(((await (await call('GET', ADMIN)).json()) as any).coveredYears).not.to.include(2027);
  });

  it('checks without writing on a dry run', async () => {
    const body = (await (await call('POST', ADMIN, { year: 2027, text: FICTIONAL_2027, dryRun: true })).json()) as any;
    expect(body).to.include({ year: 2027, written: false, recomputedSignal: false });
    expect(body.workdays).to.deep.equal([{ date: '2027-02-13', name: '春节' }]);
    expect(existsSync(path.join(calendarFolder, '2027.json'))).to.equal(false);
  });

  it('writes the year, reloads the calendar and broadcasts calendar-updated with the admin as actor', async () => {
    // when the admin imports the FICTIONAL 2027 test notice
    const response = await call('POST', ADMIN, { year: 2027, text: FICTIONAL_2027 });
    // then it is written and in force at once, and the signal names year and importer
    expect(response.status).to.equal(200);
    expect(await response.json()).to.include({ year: 2027, written: true, recomputedSignal: true });
    expect(existsSync(path.join(calendarFolder, '2027.json'))).to.equal(true);
    const status = (await (await call('GET', ADMIN)).json()) as any;
    expect(status.coveredYears.at(-1)).to.equal(2027);
    expect(status.years.at(-1).source).to.contain('2027.json');
    const signal = await firstRecord(server.engine, (record) => record.valueType === 'SIGNAL' && record.intent === 'BROADCASTED');
    expect(signal.value).to.deep.include({ signalName: 'calendar-updated', variables: { calendarUpdate: { year: 2027, importedBy: 'guan.li' } } });
    expect(signal.actor).to.equal('guan.li');
  });
});
