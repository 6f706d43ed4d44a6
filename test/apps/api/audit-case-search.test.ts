import { expect } from 'chai';
import { startDeadline, DEFAULT_WARN_RULE } from '../../../workers/lights';
import { ADMIN, AUDITOR, CASE_OPENED_AT, ZHANG_SAN, calendar, processEvent, startAppsTestBed, type AppsTestBed } from '../apps-test-bed';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response: Response): Promise<any> => response.json();

describe('the audit case search, 亮灯 board and statistics counters on the server', function () {
  this.timeout(60_000);
  let bed: AppsTestBed;
  const keys: Record<string, string> = {};

  /** A case of the test process with an applicant and a deadline of `workingDays` started at `startedAt`. */
  async function open(caseId: string, applicant: string, startedAt: string, workingDays: number): Promise<string> {
    const deadline = startDeadline({ name: 'stage1', limitWorkingMinutes: workingDays * 420, startedAt }, calendar, DEFAULT_WARN_RULE);
    const { processInstanceKey } = await bed.server.engine.createProcessInstance({
      bpmnProcessId: 'apps-licence-review',
      variables: { caseId, caseTitle: `${applicant}设立登记`, applicant: { name: applicant }, deadline_stage1: deadline },
    });
    await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'CREATED' && record.value.processInstanceKey === processInstanceKey);
    return processInstanceKey;
  }

  /** zhang.san claims the case's task; with `complete`, decides it and waits for the case to end. */
  async function work(processInstanceKey: string, complete: boolean): Promise<void> {
    const created = await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'CREATED' && record.value.processInstanceKey === processInstanceKey);
    const userTaskKey = String(created.value.userTaskKey ?? created.key);
    await bed.call('POST', `/v2/user-tasks/${userTaskKey}/assignment`, { user: ZHANG_SAN, body: { assignee: 'zhang.san' } });
    if (!complete) return;
    await bed.call('POST', `/v2/user-tasks/${userTaskKey}/completion`, { user: ZHANG_SAN, body: { variables: { decision: 'approve', opinion: '材料齐全' } } });
    await bed.record(processEvent(processInstanceKey, 'ELEMENT_COMPLETED'));
  }

  const search = async (query: string) => json(await bed.call('GET', `/v2/apps/audit/process-instances?${query}`, { user: AUDITOR }));
  const caseIds = (answer: { items: { caseId: string }[] }) => answer.items.map((item) => item.caseId).sort();

  before(async function () {
    bed = await startAppsTestBed();
    keys.late = await open('SD-Q-1', '山东某某物流有限公司', '2025-09-22T09:00:00+08:00', 2); // open and red, claimed
    await work(keys.late, false);
    keys.fresh = await open('SD-Q-2', '张三', CASE_OPENED_AT, 5); // open and green, unclaimed
    keys.finishedLate = await open('SD-Q-3', '李四', '2025-09-22T09:00:00+08:00', 3);
    await work(keys.finishedLate, true); // 超期办结
    keys.finishedOnTime = await open('SD-Q-4', '王芳', CASE_OPENED_AT, 5);
    await work(keys.finishedOnTime, true); // 按时办结
  });

  after(async function () {
    await bed?.close();
  });

  it('finds cases by live light, by final result, by applicant, by the start of a case number and by department on the server', async function () {
    expect(caseIds(await search('light=red'))).to.deep.equal(['SD-Q-1']);
    expect(caseIds(await search('light=green'))).to.deep.equal(['SD-Q-2']);
    expect(caseIds(await search('light=overdue'))).to.deep.equal(['SD-Q-3']);
    expect(caseIds(await search('light=onTime'))).to.deep.equal(['SD-Q-4']);
    expect(caseIds(await search(`applicant=${encodeURIComponent('物流')}`))).to.deep.equal(['SD-Q-1']);
    expect(caseIds(await search('caseId=SD-Q-2'))).to.deep.equal(['SD-Q-2']);
    expect(caseIds(await search('caseId=SD-Q'))).to.deep.equal(['SD-Q-1', 'SD-Q-2', 'SD-Q-3', 'SD-Q-4']);
    expect(caseIds(await search('department=market-regulation&state=COMPLETED'))).to.deep.equal(['SD-Q-3', 'SD-Q-4']);
    expect((await search('department=taxation')).items).to.deep.equal([]);
  });

  it('filters by the accepting date range in Beijing days and pages with a total', async function () {
    const all = await search('startedFrom=2025-10-09&startedTo=2025-10-09&limit=1');
    expect(all.page.totalItems).to.equal(4);
    expect(all.items).to.have.length(1);
    const second = await search('startedFrom=2025-10-09&startedTo=2025-10-09&limit=1&from=1');
    expect(second.items[0].processInstanceKey).to.not.equal(all.items[0].processInstanceKey);
    expect((await search('startedFrom=2025-10-10')).items).to.deep.equal([]);
  });

  it('refuses a malformed filter with a message in Chinese and English', async function () {
    const badLight = await bed.call('GET', '/v2/apps/audit/process-instances?light=purple', { user: AUDITOR });
    expect(badLight.status).to.equal(400);
    expect((await json(badLight)).detail).to.include('亮灯筛选须为').and.include('Expected');
    const badDate = await bed.call('GET', '/v2/apps/audit/process-instances?startedFrom=2025-13-01', { user: AUDITOR });
    expect((await json(badDate)).detail).to.include('须为日期');
  });

  it('answers the 亮灯 board a page at a time with department, current step, handler and overdue duration', async function () {
    const board = await json(await bed.call('GET', '/v2/apps/audit/lights?limit=1', { user: AUDITOR }));

    expect(board.counts).to.include({ red: 1, green: 1, all: 2 });
    expect(board.page).to.deep.equal({ from: 0, limit: 1, totalItems: 2 });
    const [worst] = board.items;
    expect(worst).to.include({ processInstanceKey: keys.late, caseId: 'SD-Q-1', processName: '营业执照审查（测试）' });
    expect(worst.departments).to.deep.equal([{ id: 'market-regulation', name: '市场监管局' }]);
    expect(worst.currentSteps).to.deep.equal(['审查材料']);
    expect(worst.handlers).to.deep.equal(['张三']);
    expect(worst.overdueWorkingMinutes).to.be.greaterThan(0);

    const green = await json(await bed.call('GET', '/v2/apps/audit/lights?colour=green', { user: AUDITOR }));
    expect(green.items.map((row: { caseId: string }) => row.caseId)).to.deep.equal(['SD-Q-2']);
    expect(green.items[0]).to.include({ overdueWorkingMinutes: 0 });
    expect(green.items[0].handlers).to.deep.equal([]);
    expect((await json(await bed.call('GET', '/v2/apps/audit/lights?department=taxation', { user: AUDITOR }))).counts.all).to.equal(0);
  });

  it('counts a case finished after the first statistics answer (the counters fold new completions)', async function () {
    const before = await json(await bed.call('GET', '/v2/apps/audit/statistics?from=2025-10-01&to=2025-10-31', { user: AUDITOR }));
    expect(before.totals).to.include({ finished: 2, onTime: 1, overdue: 1, openOverdue: 1 });

    await work(keys.fresh, true);
    const after = await json(await bed.call('GET', '/v2/apps/audit/statistics?from=2025-10-01&to=2025-10-31', { user: AUDITOR }));
    expect(after.totals).to.include({ finished: 3, onTime: 2, overdue: 1, openOverdue: 1 });
    expect(after.byDepartment[0]).to.include({ department: 'market-regulation', finished: 3, openOverdue: 1 });
  });

  it('lists users and departments in Camunda shapes for auditors and admins, and refuses staff', async function () {
    const users = await json(await bed.call('POST', '/v2/users/search', { user: ADMIN, body: { filter: { username: 'zhang.san' } } }));
    expect(users.items).to.deep.equal([{ username: 'zhang.san', name: '张三', ...(users.items[0].email ? { email: users.items[0].email } : {}) }]);
    expect(users.page.totalItems).to.equal(1);
    const groups = await json(await bed.call('POST', '/v2/groups/search', { user: AUDITOR, body: { filter: { groupId: 'market-regulation' } } }));
    expect(groups.items).to.deep.equal([{ groupId: 'market-regulation', name: '市场监管局' }]);
    const members = await json(await bed.call('POST', '/v2/groups/market-regulation/users/search', { user: ADMIN, body: {} }));
    expect(members.items.map((member: { username: string }) => member.username)).to.include('zhang.san').and.not.include('xu.ming');
    expect((await bed.call('POST', '/v2/groups/no-such-group/users/search', { user: ADMIN, body: {} })).status).to.equal(404);
    expect((await bed.call('POST', '/v2/users/search', { user: ZHANG_SAN, body: {} })).status).to.equal(403);
  });
});
