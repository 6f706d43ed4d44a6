import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_WARN_RULE, startDeadline } from '../../workers/lights';
import { AUDITOR, CASE_OPENED_AT, calendar, LI_SI, XU_MING, ZHANG_SAN, startAppsTestBed, type AppsTestBed, type DemoUser } from './apps-test-bed';

/** A JSON answer, loosely typed: the assertions below are what check its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response: Response): Promise<any> => response.json();

/** The first user task of a case, once created. */
async function taskOf(bed: AppsTestBed, processInstanceKey: string): Promise<string> {
  const created = await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'CREATED' && record.value.processInstanceKey === processInstanceKey);
  return String(created.key);
}

/**
 * A one-step model whose process id 市场监管局 may change (the demo identity's authorizations let a department
 * start and update its own processes, `engine/identity/demo-authorizations.ts`): notes are variables set with
 * the writer as actor, so the engine checks that permission. Deployed into the test engine only.
 */
const REGISTRATION_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="tasklist-api-test" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="enterprise-opening" name="企业开办（测试）" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="审查材料">
      <bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="market-regulation" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

/** Deploy {@link REGISTRATION_BPMN} and open a case of it. */
async function openRegistration(bed: AppsTestBed, caseId: string, caseTitle: string): Promise<string> {
  await bed.server.engine.deployResources([{ name: 'enterprise-opening.bpmn', content: Buffer.from(REGISTRATION_BPMN) }]);
  // the same 5-working-day deadline from CASE_OPENED_AT as the test bed's cases
  const deadline = startDeadline({ name: 'stage1', limitWorkingMinutes: 5 * 420, startedAt: CASE_OPENED_AT }, calendar, DEFAULT_WARN_RULE);
  const created = await bed.server.engine.createProcessInstance({ bpmnProcessId: 'enterprise-opening', variables: { caseId, caseTitle, deadline_stage1: deadline } });
  return created.processInstanceKey;
}

/** The readable history lines of a case as `user` reads it in the task list. */
async function historyLines(bed: AppsTestBed, processInstanceKey: string, user: DemoUser): Promise<string[]> {
  const response = await bed.call('GET', `/v2/apps/tasklist/cases/${processInstanceKey}`, { user });
  expect(response.status).to.equal(200);
  const body = await json(response);
  return (body.history as { who: string | null; what: string }[]).map((line) => `${line.who ?? ''} ${line.what}`);
}

describe('the task list API: reassignment, due dates, notes and the department dashboard', function () {
  this.timeout(60_000);

  describe('on one engine', function () {
    let bed: AppsTestBed;
    let processInstanceKey: string;
    let userTaskKey: string;

    before(async function () {
      bed = await startAppsTestBed();
      processInstanceKey = await openRegistration(bed, 'SD-2025-0500', '某某咨询有限公司设立登记');
      userTaskKey = await taskOf(bed, processInstanceKey);
    });

    after(async function () {
      await bed?.close();
    });

    it("refuses a supervisor's reassignment to someone outside the task's department, in Chinese and English, and keeps the task as it was", async function () {
      // when li.si (市场监管局督办) assigns the 市场监管局 task to xu.ming of 税务局
      const response = await bed.call('POST', `/v2/user-tasks/${userTaskKey}/assignment`, { user: LI_SI, body: { assignee: 'xu.ming' } });

      // then
      expect(response.status).to.equal(403);
      const problem = await json(response);
      expect(problem.detail).to.include('只能转派给本部门人员');
      expect(problem.detail).to.include('许明');
      expect(problem.detail).to.include("Expected the assignee 'xu.ming' to be a member of one of the task's candidate groups [market-regulation]");
      const task = await json(await bed.call('GET', `/v2/user-tasks/${userTaskKey}`, { user: LI_SI }));
      expect(task.assignee ?? null).to.equal(null);
    });

    it('lets the supervisor reassign within the department and lists only the department as choices', async function () {
      const choices = await json(await bed.call('GET', `/v2/apps/tasklist/user-tasks/${userTaskKey}/assignees`, { user: LI_SI }));
      expect(choices.items.map((person: { username: string }) => person.username)).to.have.members(['zhang.san', 'li.si']);

      const response = await bed.call('POST', `/v2/user-tasks/${userTaskKey}/assignment`, { user: LI_SI, body: { assignee: 'zhang.san', action: 'reassign' } });

      expect(response.status).to.equal(204);
      const assigned = await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'ASSIGNED' && record.key === userTaskKey);
      expect(assigned.value.assignee).to.equal('zhang.san');
      expect(assigned.actor).to.equal('li.si');
    });

    it("names who holds each task in the task list's case facts (张三, not the account), for whoever may read the task", async function () {
      const response = await bed.call('POST', '/v2/apps/task-cases', { user: LI_SI, body: { userTaskKeys: [userTaskKey] } });
      expect(response.status).to.equal(200);
      const { cases } = await json(response);
      expect(cases[userTaskKey]).to.include({ caseId: 'SD-2025-0500', assigneeName: '张三' });
    });

    it('does not show staff whom a task could be reassigned to (a supervisor decides that)', async function () {
      const response = await bed.call('GET', `/v2/apps/tasklist/user-tasks/${userTaskKey}/assignees`, { user: ZHANG_SAN });

      expect(response.status).to.equal(403);
    });

    it('records a due-date change made through Camunda’s PATCH with its reason, shown in the case history', async function () {
      // when li.si moves the step's due date with Camunda's endpoint, then gives the reason
      const dueDate = '2025-10-20T17:30:00.000Z';
      const patched = await bed.call('PATCH', `/v2/user-tasks/${userTaskKey}`, { user: LI_SI, body: { changeset: { dueDate }, action: 'changeDueDate' } });
      expect(patched.status).to.equal(204);
      const reason = await bed.call('POST', `/v2/apps/tasklist/cases/${processInstanceKey}/notes`, { user: LI_SI, body: { kind: 'due-date', userTaskKey, text: '申请人申请现场核查，延后三个工作日' } });
      expect(reason.status).to.equal(200);

      // then the engine recorded both, by li.si, and the case history reads the change with its reason
      const updated = await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'UPDATED' && record.key === userTaskKey);
      expect(updated.value.action).to.equal('changeDueDate');
      expect(updated.value.dueDate).to.equal(dueDate);
      const lines = await historyLines(bed, processInstanceKey, ZHANG_SAN);
      expect(lines).to.include('李四（市场监管局） 调整「审查材料」到期时间为 2025-10-21 01:30，理由：申请人申请现场核查，延后三个工作日');
      // and the auditor's readable history says the same
      const audit = await json(await bed.call('GET', `/v2/apps/audit/process-instances/${processInstanceKey}`, { user: AUDITOR }));
      expect(audit.readableHistory.map((line: { what: string }) => line.what)).to.include('调整「审查材料」到期时间为 2025-10-21 01:30，理由：申请人申请现场核查，延后三个工作日');
    });

    it('refuses a due-date reason from staff, who may not change due dates', async function () {
      const response = await bed.call('POST', `/v2/apps/tasklist/cases/${processInstanceKey}/notes`, { user: ZHANG_SAN, body: { kind: 'due-date', userTaskKey, text: '我想延期' } });

      expect(response.status).to.equal(403);
    });

    it('refuses an empty note with a clear error and adds nothing', async function () {
      const response = await bed.call('POST', `/v2/apps/tasklist/cases/${processInstanceKey}/notes`, { user: ZHANG_SAN, body: { text: '   ' } });

      expect(response.status).to.equal(400);
      expect((await json(response)).detail).to.include('备注须为 1 至 2000 个字');
    });

    it('tells staff of another department that the case does not exist, and auditors may read but not write', async function () {
      const other = await bed.call('GET', `/v2/apps/tasklist/cases/${processInstanceKey}`, { user: XU_MING });
      const auditorReads = await bed.call('GET', `/v2/apps/tasklist/cases/${processInstanceKey}`, { user: AUDITOR });
      const auditorWrites = await bed.call('POST', `/v2/apps/tasklist/cases/${processInstanceKey}/notes`, { user: AUDITOR, body: { text: '审计意见' } });

      expect(other.status).to.equal(404);
      expect(auditorReads.status).to.equal(200);
      expect(auditorWrites.status).to.equal(403);
    });

    it("shows a supervisor the department's open cases by light and the overdue ones with step, handler and how long overdue", async function () {
      // given a second case, and the engine clock 7 working days after both were opened (5-day limits)
      await bed.openCase('SD-2025-0501', '某某旅行社有限公司设立登记');
      await bed.server.engine.clock.pin(Date.parse('2025-10-20T10:00:00+08:00'));

      // when li.si opens the dashboard
      const response = await bed.call('GET', '/v2/apps/tasklist/dashboard', { user: LI_SI });

      // then both cases are red and overdue; the reassigned one names zhang.san as the handler
      expect(response.status).to.equal(200);
      const dashboard = await json(response);
      expect(dashboard.departments).to.deep.equal([{ id: 'market-regulation', name: '市场监管局' }]);
      expect(dashboard.byLight.red).to.equal(2);
      const first = dashboard.overdue.find((row: { caseId: string }) => row.caseId === 'SD-2025-0500');
      expect(first.steps).to.deep.equal([{ userTaskKey, name: '审查材料', assignee: 'zhang.san', assigneeName: '张三' }]);
      // opened Thu 9 Oct 10:00 with 5 working days, Saturday 11 Oct a 调休 working day: due Wed 15 Oct 10:00;
      // Mon 20 Oct 10:00 is 3 working days later
      expect(first.overdueWorkingMinutes).to.equal(3 * 420);
      expect(dashboard.weekly.at(-1)).to.have.keys(['week', 'received', 'finished', 'overdue']);
      expect(dashboard.weekly.reduce((sum: number, week: { received: number }) => sum + week.received, 0)).to.equal(2);
    });

    it("names a finished task's case (已办任务) from history, to those who may read the task only", async function () {
      // given zhang.san completed the task li.si gave him
      const completed = await bed.call('POST', `/v2/user-tasks/${userTaskKey}/completion`, { user: ZHANG_SAN, body: { variables: { decision: 'approve', opinion: '材料齐全' } } });
      expect(completed.status).to.equal(204);
      await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'COMPLETED' && record.key === userTaskKey);

      // when the finished list asks for its case
      const mine = await json(await bed.call('POST', '/v2/apps/task-cases', { user: ZHANG_SAN, body: { userTaskKeys: [userTaskKey] } }));
      const other = await json(await bed.call('POST', '/v2/apps/task-cases', { user: XU_MING, body: { userTaskKeys: [userTaskKey] } }));

      // then
      expect(mine.cases[userTaskKey]).to.include({ caseId: 'SD-2025-0500', caseTitle: '某某咨询有限公司设立登记' });
      expect(other.cases).to.deep.equal({});
    });

    it('keeps the dashboard to supervisors', async function () {
      const response = await bed.call('GET', '/v2/apps/tasklist/dashboard', { user: ZHANG_SAN });

      expect(response.status).to.equal(403);
      expect((await json(response)).detail).to.include('部门看板仅供督办人员使用');
    });
  });

  describe('across a restart', function () {
    let dataDir: string;

    before(async function () {
      dataDir = await mkdtemp(join(tmpdir(), 'onego-tasklist-notes-'));
    });

    after(async function () {
      await rm(dataDir, { recursive: true, force: true });
    });

    it('keeps case notes after the engine restarts (they are in the record log, not in memory)', async function () {
      // given a note written on a running engine
      let bed = await startAppsTestBed({ dataDir });
      let processInstanceKey: string;
      try {
        processInstanceKey = await openRegistration(bed, 'SD-2025-0600', '某某文化传媒有限公司设立登记');
        await taskOf(bed, processInstanceKey);
        const written = await bed.call('POST', `/v2/apps/tasklist/cases/${processInstanceKey}/notes`, { user: ZHANG_SAN, body: { text: '申请人来电，称营业执照原件明日补交' } });
        expect(written.status).to.equal(200);
      } finally {
        await bed.close();
      }

      // when the engine starts again on the same data folder
      bed = await startAppsTestBed({ dataDir });
      try {
        // then the note is still on the case, with who wrote it
        const body = await json(await bed.call('GET', `/v2/apps/tasklist/cases/${processInstanceKey}`, { user: ZHANG_SAN }));
        expect(body.notes.map((note: { by: string; text: string }) => `${note.by}: ${note.text}`)).to.deep.equal(['zhang.san: 申请人来电，称营业执照原件明日补交']);
        expect(body.history.map((line: { what: string }) => line.what)).to.include('备注：申请人来电，称营业执照原件明日补交');
      } finally {
        await bed.close();
      }
    });
  });
});
