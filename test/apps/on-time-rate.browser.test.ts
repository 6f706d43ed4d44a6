import { expect } from 'chai';
import { AUDITOR, LI_SI, ZHANG_SAN, processEvent, startAppsTestBed, type AppsTestBed } from './apps-test-bed';
import { launchBrowser, logIn, screenshot, type TestBrowser } from './browser-support';

/** 按时办结率 on the supervisor's department dashboard and the auditor's statistics: one rule, one figure. */
describe('the on-time rate on the department dashboard and the statistics page (Debian chromium)', function () {
  this.timeout(90_000);
  let bed: AppsTestBed;
  let browser: TestBrowser;

  /** Open a case and let zhang.san decide it at once (on time, unless its deadline already ran out). */
  async function finishCase(caseId: string, limit?: { startedAt: string; workingDays: number }): Promise<void> {
    const { processInstanceKey } = await bed.openCase(caseId, `${caseId} 设立登记`, limit);
    const created = await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'CREATED' && record.value.processInstanceKey === processInstanceKey);
    const userTaskKey = String(created.value.userTaskKey ?? created.key);
    await bed.call('POST', `/v2/user-tasks/${userTaskKey}/assignment`, { user: ZHANG_SAN, body: { assignee: 'zhang.san' } });
    await bed.call('POST', `/v2/user-tasks/${userTaskKey}/completion`, { user: ZHANG_SAN, body: { variables: { decision: 'approve', opinion: '材料齐全，准予设立' } } });
    await bed.record(processEvent(processInstanceKey, 'ELEMENT_COMPLETED'));
  }

  before(async function () {
    bed = await startAppsTestBed();
    await Promise.all(['tasklist', 'audit'].map((app) => fetch(`${bed.url}/apps/assets/${app}.js`)));
    // given two cases finished on time and one late: 2 / 3, a rate that needs rounding (66.666… %)
    await finishCase('RATE-1');
    await finishCase('RATE-2');
    await finishCase('RATE-3', { startedAt: '2025-09-22T09:00:00+08:00', workingDays: 3 });
    browser = await launchBrowser();
  });

  after(async function () {
    await browser?.close();
    await bed?.close();
  });

  it('shows 66.7% to the supervisor and to the auditor, and the servers answer the same rounded share', async function () {
    const { page } = browser;
    await logIn(page, `${bed.url}/tasklist#/dashboard`, LI_SI);
    const dashboardRate = page.locator('.handling td.on-time-rate');
    await dashboardRate.waitFor();
    expect(await dashboardRate.textContent()).to.equal('66.7%');
    await screenshot(page, 'on-time-rate-desktop-dashboard');
    await page.getByRole('button', { name: '退出' }).click();

    await logIn(page, `${bed.url}/audit#/statistics`, AUDITOR);
    await page.locator('.totals').waitFor();
    expect(await page.locator('.totals').textContent()).to.include('66.7%');
    await screenshot(page, 'on-time-rate-desktop-statistics');

    const dashboard = (await (await bed.call('GET', '/v2/apps/tasklist/dashboard', { user: LI_SI })).json()) as { handling: { onTimeRate: number }[] };
    const statistics = (await (await bed.call('GET', '/v2/apps/audit/statistics', { user: AUDITOR })).json()) as { totals: { onTimeRate: number } };
    expect(dashboard.handling[0].onTimeRate).to.equal(0.667).and.equal(statistics.totals.onTimeRate);
  });
});
