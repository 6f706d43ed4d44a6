import { expect } from 'chai';
import { AUDITOR, XU_MING, ZHANG_SAN, processEvent, startAppsTestBed, type AppsTestBed } from './apps-test-bed';

/** A JSON answer, loosely typed: the assertions below are what check its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response: Response): Promise<any> => response.json();

describe('the apps on the REST port', function () {
  let bed: AppsTestBed;
  let processInstanceKey: string;
  let userTaskKey: string;

  before(async function () {
    bed = await startAppsTestBed();
    ({ processInstanceKey } = await bed.openCase('SD-2025-0001', '某某商贸有限公司设立登记'));
    const created = await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'CREATED' && record.value.processInstanceKey === processInstanceKey);
    userTaskKey = String(created.value.userTaskKey ?? created.key);
  });

  after(async function () {
    await bed?.close();
  });

  describe('pages', function () {
    it('serves the task list and audit pages without credentials, each loading its own bundle', async function () {
      const tasklist = await bed.call('GET', '/tasklist');
      const audit = await bed.call('GET', '/audit');

      expect(tasklist.status).to.equal(200);
      expect(tasklist.headers.get('content-type')).to.match(/text\/html/);
      expect(await tasklist.text()).to.include('/apps/assets/tasklist.js');
      expect(await audit.text()).to.include('/apps/assets/audit.js');
    });

    it('serves the bundled browser code as JavaScript and CSS', async function () {
      const script = await bed.call('GET', '/apps/assets/tasklist.js');
      const style = await bed.call('GET', '/apps/assets/audit.css');

      expect(script.status).to.equal(200);
      expect(script.headers.get('content-type')).to.match(/javascript/);
      expect((await script.text()).length).to.be.greaterThan(10_000);
      expect(style.headers.get('content-type')).to.match(/text\/css/);
      expect(await style.text()).to.include('djs-container');
    });

    it('answers 404 for an asset that does not exist', async function () {
      const response = await bed.call('GET', '/apps/assets/nothing.js');

      expect(response.status).to.equal(404);
    });
  });

  describe('authentication and roles', function () {
    for (const path of ['/v2/apps/audit/lights', '/v2/apps/audit/process-instances']) {
      it(`asks for credentials on ${path}`, async function () {
        const response = await bed.call('GET', path);

        expect(response.status).to.equal(401);
      });

      it(`refuses department staff on ${path} (auditors only)`, async function () {
        const response = await bed.call('GET', path, { user: ZHANG_SAN });

        expect(response.status).to.equal(403);
        expect((await json(response)).detail).to.match(/auditor/);
      });
    }

    it('refuses staff the history of an instance', async function () {
      const response = await bed.call('GET', `/v2/apps/audit/process-instances/${processInstanceKey}`, { user: ZHANG_SAN });

      expect(response.status).to.equal(403);
    });

    it('accepts the session cookie that login sets, as the browser sends it', async function () {
      const login = await bed.call('POST', '/v2/authentication/login', { body: AUDITOR });
      const cookie = login.headers.get('set-cookie')!.split(';')[0];

      const response = await bed.call('GET', '/v2/apps/audit/lights', { cookie });

      expect(response.status).to.equal(200);
    });
  });

  describe('task cases (the task list)', function () {
    it("gives the department's staff the case title, id and 亮灯 of their task", async function () {
      const response = await bed.call('POST', '/v2/apps/task-cases', { user: ZHANG_SAN, body: { userTaskKeys: [userTaskKey] } });

      expect(response.status).to.equal(200);
      const { cases } = await json(response);
      expect(cases[userTaskKey]).to.include({ caseId: 'SD-2025-0001', caseTitle: '某某商贸有限公司设立登记' });
      expect(cases[userTaskKey].light.colour).to.equal('green');
      expect(cases[userTaskKey].light.deadlines[0]).to.include({ name: 'stage1', remainingWorkingMinutes: 5 * 420 });
    });

    it("leaves out tasks of another department, as the task search does", async function () {
      const response = await bed.call('POST', '/v2/apps/task-cases', { user: XU_MING, body: { userTaskKeys: [userTaskKey] } });

      expect(response.status).to.equal(200);
      expect((await json(response)).cases).to.deep.equal({});
    });

    it('refuses a body without a list of task keys with a clear message', async function () {
      const response = await bed.call('POST', '/v2/apps/task-cases', { user: ZHANG_SAN, body: { userTaskKeys: 'all' } });

      expect(response.status).to.equal(400);
      expect((await json(response)).detail).to.match(/Expected 'userTaskKeys' to be an array/);
    });
  });

  describe('the audit view', function () {
    it('lists the instance with its case title for an auditor', async function () {
      const response = await bed.call('GET', '/v2/apps/audit/process-instances', { user: AUDITOR });

      const { items } = await json(response);
      const row = items.find((item: { processInstanceKey: string }) => item.processInstanceKey === processInstanceKey);
      expect(row).to.include({ bpmnProcessId: 'apps-licence-review', state: 'ACTIVE', caseTitle: '某某商贸有限公司设立登记' });
    });

    it('answers 404 for an instance that does not exist', async function () {
      const response = await bed.call('GET', '/v2/apps/audit/process-instances/999999999', { user: AUDITOR });

      expect(response.status).to.equal(404);
    });

    it('colours the 亮灯 board against the engine clock: yellow with one working day left, red once due (the 调休 Saturday 11 October counts)', async function () {
      const { engine } = bed.server;
      await engine.clock.pin(Date.parse('2025-10-14T10:00:00+08:00'));
      const yellow = await json(await bed.call('GET', '/v2/apps/audit/lights', { user: AUDITOR }));
      await engine.clock.pin(Date.parse('2025-10-16T10:00:00+08:00'));
      const red = await json(await bed.call('GET', '/v2/apps/audit/lights', { user: AUDITOR }));
      await engine.clock.pin(Date.parse('2025-10-09T10:00:00+08:00'));

      const rowOf = (board: { items: { processInstanceKey: string }[] }) => board.items.find((row) => row.processInstanceKey === processInstanceKey) as never as { light: { colour: string; deadlines: { remainingWorkingMinutes: number; dueAt: string }[] } };
      expect(yellow.now).to.equal('2025-10-14T02:00:00.000Z');
      expect(rowOf(yellow).light.colour).to.equal('yellow');
      expect(rowOf(yellow).light.deadlines[0].remainingWorkingMinutes).to.equal(420);
      expect(rowOf(red).light.colour).to.equal('red');
      expect(rowOf(red).light.deadlines[0].remainingWorkingMinutes).to.equal(-420);
      expect(rowOf(red).light.deadlines[0].dueAt).to.equal('2025-10-15T10:00:00+08:00');
    });

    it("shows who completed the task in the instance's history, and the diagram's completed elements", async function () {
      // given zhang.san claims and completes the review
      expect((await bed.call('POST', `/v2/user-tasks/${userTaskKey}/assignment`, { user: ZHANG_SAN, body: { assignee: 'zhang.san' } })).status).to.equal(204);
      const completion = await bed.call('POST', `/v2/user-tasks/${userTaskKey}/completion`, { user: ZHANG_SAN, body: { variables: { decision: 'approve', opinion: '材料齐全' } } });
      expect(completion.status).to.equal(204);
      await bed.record(processEvent(processInstanceKey, 'ELEMENT_COMPLETED'));

      // when an auditor opens the instance
      const response = await bed.call('GET', `/v2/apps/audit/process-instances/${processInstanceKey}`, { user: AUDITOR });

      // then
      const detail = await json(response);
      expect(detail.instance.state).to.equal('COMPLETED');
      expect(detail.elements.completed).to.include.members(['start', 'review', 'end']);
      expect(detail.elements.active).to.deep.equal([]);
      expect(detail.elements.takenFlows).to.include.members(['f1', 'f2']);
      const completed = detail.history.find((entry: { valueType: string; intent: string }) => entry.valueType === 'USER_TASK' && entry.intent === 'COMPLETED');
      expect(completed).to.include({ actor: 'zhang.san', elementId: 'review' });
      expect(detail.history.every((entry: { recordType: string }) => entry.recordType !== 'COMMAND')).to.equal(true);
    });

    it('drops a completed case from the 亮灯 board', async function () {
      const board = await json(await bed.call('GET', '/v2/apps/audit/lights', { user: AUDITOR }));

      expect(board.items.map((row: { processInstanceKey: string }) => row.processInstanceKey)).not.to.include(processInstanceKey);
    });
  });
});
