import { expect } from 'chai';
import { AUDITOR, ZHANG_SAN, processEvent, startAppsTestBed, type AppsTestBed } from '../apps-test-bed';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response: Response): Promise<any> => response.json();

/** Claim and complete the case's review task as zhang.san, and wait for the case to end. */
async function finishCase(bed: AppsTestBed, processInstanceKey: string): Promise<void> {
  const created = await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'CREATED' && record.value.processInstanceKey === processInstanceKey);
  const userTaskKey = String(created.value.userTaskKey ?? created.key);
  await bed.call('POST', `/v2/user-tasks/${userTaskKey}/assignment`, { user: ZHANG_SAN, body: { assignee: 'zhang.san' } });
  const completion = await bed.call('POST', `/v2/user-tasks/${userTaskKey}/completion`, { user: ZHANG_SAN, body: { variables: { decision: 'approve', opinion: '材料齐全' } } });
  expect(completion.status).to.equal(204);
  await bed.record(processEvent(processInstanceKey, 'ELEMENT_COMPLETED'));
}

describe('the 电子监察 statistics endpoint', function () {
  let bed: AppsTestBed;
  const keys: Record<string, string> = {};

  before(async function () {
    bed = await startAppsTestBed();
    // finished on time: opened now with 5 working days
    keys.onTime = (await bed.openCase('SD-S-1', '按时办结的案件')).processInstanceKey;
    await finishCase(bed, keys.onTime);
    // finished late: its 3-working-day deadline started two weeks before the clock
    keys.late = (await bed.openCase('SD-S-2', '超期办结的案件', { startedAt: '2025-09-22T09:00:00+08:00', workingDays: 3 })).processInstanceKey;
    await finishCase(bed, keys.late);
    // still open and already late
    const open = await bed.openCase('SD-S-3', '超期未办结的案件', { startedAt: '2025-09-22T09:00:00+08:00', workingDays: 2 });
    await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'CREATED' && record.value.processInstanceKey === open.processInstanceKey);
  });

  after(async function () {
    await bed?.close();
  });

  it('counts finished cases as 按时办结 or 超期办结 by their deadline, per department and per process', async function () {
    const response = await bed.call('GET', '/v2/apps/audit/statistics?from=2025-10-01&to=2025-10-31', { user: AUDITOR });
    const statistics = await json(response);

    expect(response.status).to.equal(200);
    expect(statistics.totals).to.include({ finished: 2, onTime: 1, overdue: 1, onTimeRate: 0.5, openOverdue: 1 });
    expect(statistics.byDepartment).to.have.length(1);
    expect(statistics.byDepartment[0]).to.include({ department: 'market-regulation', name: '市场监管局', finished: 2, overdue: 1, openOverdue: 1, rank: 1 });
    expect(statistics.byProcess[0]).to.include({ bpmnProcessId: 'apps-licence-review', name: '营业执照审查（测试）', finished: 2 });
  });

  it('keeps a finished case its final result on its page: 按时办结 or 超期办结 against its deadline', async function () {
    const onTime = await json(await bed.call('GET', `/v2/apps/audit/process-instances/${keys.onTime}`, { user: AUDITOR }));
    const late = await json(await bed.call('GET', `/v2/apps/audit/process-instances/${keys.late}`, { user: AUDITOR }));

    expect(onTime.result).to.deep.include({ result: 'onTime', deadline: 'stage1', dueAt: '2025-10-15T10:00:00+08:00' });
    expect(late.result).to.deep.include({ result: 'overdue', deadline: 'stage1', dueAt: '2025-09-24T17:30:00+08:00' });
  });

  it('averages the handling time in working days against the statutory limit', async function () {
    const statistics = await json(await bed.call('GET', '/v2/apps/audit/statistics?from=2025-10-01&to=2025-10-31', { user: AUDITOR }));

    // the late case ran from 2025-09-22 09:00 to 2025-10-09 10:00: 8 working days before the national holiday
    // (2025-09-28 is a 调休 Sunday) and one office hour after it; the on-time one took no time at all
    expect(statistics.totals.averageLimitWorkingDays).to.equal(4);
    expect(statistics.totals.averageWorkingDays).to.equal(Math.round(((8 + 1 / 7) / 2) * 10) / 10);
  });

  it('draws a weekly trend with every week of the period, empty weeks included', async function () {
    const statistics = await json(await bed.call('GET', '/v2/apps/audit/statistics?from=2025-09-29&to=2025-10-19', { user: AUDITOR }));

    expect(statistics.weekly).to.deep.equal([
      { week: '2025-09-29', finished: 0, onTime: 0, overdue: 0 },
      { week: '2025-10-06', finished: 2, onTime: 1, overdue: 1 },
      { week: '2025-10-13', finished: 0, onTime: 0, overdue: 0 },
    ]);
  });

  it('filters by process and leaves out cases finished outside the period', async function () {
    const other = await json(await bed.call('GET', '/v2/apps/audit/statistics?from=2025-10-01&to=2025-10-31&bpmnProcessId=another-process', { user: AUDITOR }));
    const before = await json(await bed.call('GET', '/v2/apps/audit/statistics?from=2025-09-01&to=2025-09-30', { user: AUDITOR }));

    expect(other.totals.finished).to.equal(0);
    expect(other.byProcess).to.deep.equal([]);
    expect(before.totals).to.include({ finished: 0, openOverdue: 1 });
  });

  it('refuses a malformed period in Chinese and English, and anyone but auditors and admins', async function () {
    const bad = await bed.call('GET', '/v2/apps/audit/statistics?from=2025-13-01', { user: AUDITOR });
    const reversed = await bed.call('GET', '/v2/apps/audit/statistics?from=2025-10-31&to=2025-10-01', { user: AUDITOR });
    const staff = await bed.call('GET', '/v2/apps/audit/statistics', { user: ZHANG_SAN });

    expect(bad.status).to.equal(400);
    expect((await json(bad)).detail).to.match(/YYYY-MM-DD.*日期/);
    expect(reversed.status).to.equal(400);
    expect((await json(reversed)).detail).to.include('开始日期不能晚于结束日期');
    expect(staff.status).to.equal(403);
  });
});
