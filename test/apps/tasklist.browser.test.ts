import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { pauseDeadline } from '../../workers/lights';
import { AUDITOR, calendar, LI_SI, XU_MING, ZHANG_SAN, processEvent, startAppsTestBed, type AppsTestBed } from './apps-test-bed';
import { DESKTOP, launchBrowser, logIn, PHONE, screenshot, taskRowCount, type TestBrowser } from './browser-support';

/** An instant as the apps print it: Beijing time to the minute. */
function beijingMinute(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

describe('the task list and the audit view in a real browser (Debian chromium)', function () {
  this.timeout(60_000);
  let bed: AppsTestBed;
  let browser: TestBrowser;
  let page: Page;

  before(async function () {
    bed = await startAppsTestBed();
    // The bundles are built on first request (seconds on a busy machine): build them before the clock runs.
    await fetch(`${bed.url}/apps/assets/tasklist.js`);
    browser = await launchBrowser();
    page = browser.page;
  });

  after(async function () {
    await browser?.close();
    await bed?.close();
  });

  const taskRow = (text: string) => page.locator('tr[data-task]', { hasText: text });

  async function openDepartmentTasks(): Promise<void> {
    // A fresh load, not only a hash change, so the list shows cases opened since.
    await page.goto('about:blank');
    await page.goto(`${bed.url}/tasklist#/group`);
    await page.locator('.task-filters').waitFor();
  }

  it('lets department staff log in, claim their task, fill its form and complete the case', async function () {
    // given a case waiting for 市场监管局
    const { processInstanceKey, deadline } = await bed.openCase('SD-2025-0100', '某某餐饮管理有限公司设立登记');

    // when zhang.san logs in to the task list and looks at the department's tasks
    await logIn(page, `${bed.url}/tasklist`, ZHANG_SAN);
    await page.getByRole('menuitem', { name: '本部门任务' }).click();
    const row = taskRow('某某餐饮管理有限公司设立登记');
    await row.waitFor();
    expect(await row.locator('td.case-light > [data-light]').getAttribute('data-light')).to.equal('green');
    expect(await row.locator('[data-due=case]').textContent()).to.include(`案件 ${beijingMinute(deadline.dueAt)}`);
    await screenshot(page, 'tasklist-desktop-department-tasks');

    // and claims it, opens it, fills the form and submits
    await row.getByRole('button', { name: '领取' }).click();
    await row.getByRole('link', { name: '办理' }).click();
    await page.getByLabel('通过', { exact: true }).check();
    await page.getByLabel('审查意见').fill('材料齐全，准予设立');
    await screenshot(page, 'tasklist-desktop-task');
    await page.click('#complete');

    // then the task list says the task is done and, this being the case's only step, that the case is finished
    const status = page.getByRole('status');
    await status.filter({ hasText: '任务「审查材料」已完成。' }).waitFor();
    await status.locator('.case-whereabouts', { hasText: '案件已办结。' }).waitFor();
    // and the engine completed the process instance with the form's output
    const completed = await bed.record(processEvent(processInstanceKey, 'ELEMENT_COMPLETED'));
    expect(completed.intent).to.equal('ELEMENT_COMPLETED');
    const decision = await bed.record((record) => record.valueType === 'VARIABLE' && record.value.name === 'opinion' && record.value.processInstanceKey === processInstanceKey);
    expect(decision.value.value).to.equal(JSON.stringify('材料齐全，准予设立'));
    const taskCompleted = await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'COMPLETED' && record.value.processInstanceKey === processInstanceKey);
    expect(taskCompleted.actor).to.equal('zhang.san');

    // and the task is among the finished ones
    await page.goto(`${bed.url}/tasklist#/done`);
    await page.locator(`tr[data-task="${taskCompleted.key}"]`, { hasText: '审查材料' }).waitFor();
  });

  it('takes the claim toast (已领取) away once the task is completed, leaving only the completion message', async function () {
    // given a case waiting for 市场监管局, claimed on its task page
    const { processInstanceKey } = await bed.openCase('SD-2025-0109', '某某花店有限公司设立登记');
    const created = await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'CREATED' && record.value.processInstanceKey === processInstanceKey);
    await page.goto(`${bed.url}/tasklist#/task/${created.key}`);
    await page.click('#claim');
    const claimed = page.locator('.ant-message-notice', { hasText: '已领取' });
    await claimed.first().waitFor();

    // when zhang.san completes it at once, while the toast (three seconds) is still up
    await page.getByLabel('通过', { exact: true }).check();
    await page.getByLabel('审查意见').fill('材料齐全，准予设立');
    await page.click('#complete');
    await page.getByRole('status').filter({ hasText: '任务「审查材料」已完成。' }).waitFor();

    // then the toast leaves with the form (its closing animation is a few hundred milliseconds), well before its own timeout
    await claimed.first().waitFor({ state: 'detached', timeout: 800 });
    await screenshot(page, 'tasklist-desktop-task-completed');
  });

  it('refuses to submit an incomplete form and says in Chinese what is wrong', async function () {
    // given a claimed task
    await bed.openCase('SD-2025-0101', '某某科技有限公司设立登记');
    await openDepartmentTasks();
    await taskRow('某某科技有限公司设立登记').getByRole('button', { name: '领取' }).click();
    await taskRow('某某科技有限公司设立登记').getByRole('link', { name: '办理' }).click();

    // when submitting without a decision
    await page.getByLabel('审查意见').fill('待补充');
    await page.click('#complete');

    // then the page and form-js both say so in Chinese
    await page.getByRole('alert').filter({ hasText: '表单填写不完整' }).waitFor();
    await page.getByText('此项为必填项。').first().waitFor();
    expect(await page.getByText('Field is required.').count()).to.equal(0);
    await screenshot(page, 'tasklist-desktop-form-errors');
  });

  it('finds a case by its number and releases (释放) a claimed task back to the department', async function () {
    // given two claimed cases of zhang.san
    await bed.openCase('SD-2025-0103', '某某物流有限公司设立登记');
    await openDepartmentTasks();
    await taskRow('某某物流有限公司设立登记').getByRole('button', { name: '领取' }).click();
    await taskRow('某某物流有限公司设立登记').getByRole('link', { name: '办理' }).waitFor();

    // when searching my tasks by the case number
    await page.goto(`${bed.url}/tasklist#/mine`);
    await taskRow('某某科技有限公司设立登记').waitFor();
    await page.getByRole('searchbox', { name: '搜索' }).fill('0103');
    await page.getByRole('searchbox', { name: '搜索' }).press('Enter');

    // then only that case is listed
    await taskRowCount(page, 1);
    expect(await taskRow('某某物流有限公司设立登记').count()).to.equal(1);

    // and releasing it gives it back to the department, with no "退回" anywhere
    expect(await page.getByText('退回').count()).to.equal(0);
    await taskRow('某某物流有限公司设立登记').getByRole('button', { name: '释放' }).click();
    await page.getByText('已释放回部门任务池').waitFor();
    await taskRowCount(page, 0);
    await openDepartmentTasks();
    await taskRow('某某物流有限公司设立登记').getByText('待领取').waitFor();
  });

  it('tells a clerk who lost a claim race who holds the task, and shows the row as claimed', async function () {
    // given a case zhang.san sees as unclaimed
    const { processInstanceKey } = await bed.openCase('SD-2025-0104', '某某食品有限公司设立登记');
    await openDepartmentTasks();
    const row = taskRow('某某食品有限公司设立登记');
    await row.getByRole('button', { name: '领取' }).waitFor();

    // when li.si claims it first and zhang.san clicks 领取
    const created = await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'CREATED' && record.value.processInstanceKey === processInstanceKey);
    const claimed = await bed.call('POST', `/v2/user-tasks/${created.key}/assignment`, { user: LI_SI, body: { assignee: 'li.si', allowOverride: false } });
    expect(claimed.status).to.equal(204);
    await row.getByRole('button', { name: '领取' }).click();

    // then
    await page.getByText('已被 李四 领取').waitFor();
    // (the row names the holder by display name once the case facts arrive; the account is on data-assignee)
    await row.locator('[data-assignee="li.si"]', { hasText: '李四' }).waitFor();
    expect(await row.getByRole('button', { name: '领取' }).count()).to.equal(0);
    expect(await page.getByText('无权操作').count()).to.equal(0);
  });

  it('marks a case deadline that runs into a year without holiday data as 期限暂定, apart from the step due date', async function () {
    // given a case whose 15-working-day limit starts on 2026-12-20 and so runs into 2027 (no holiday data)
    const { deadline } = await bed.openCase('SD-2026-0900', '某某医疗器械有限公司设立登记', { startedAt: '2026-12-20T09:00:00+08:00', workingDays: 15 });
    expect(deadline.provisional).to.equal(true);

    // when zhang.san looks at the department's tasks
    await openDepartmentTasks();
    const due = taskRow('某某医疗器械有限公司设立登记').locator('[data-due=case]');

    // then the case deadline carries 期限暂定 for 2027, and no step due date is shown as if it were the case's
    await due.locator('.provisional', { hasText: '期限暂定' }).waitFor();
    expect(await due.locator('.provisional').getAttribute('data-provisional-year')).to.equal('2027');
    expect(await due.textContent()).to.include(`案件 ${beijingMinute(deadline.dueAt)}`);
    expect(await taskRow('某某医疗器械有限公司设立登记').locator('[data-due=task]').count()).to.equal(0);
    await screenshot(page, 'tasklist-desktop-provisional');
  });

  it('shows the tasks as cards on a phone, without overflowing the screen', async function () {
    await page.setViewportSize(PHONE);
    try {
      await openDepartmentTasks();
      await page.locator('.task-cards [data-task]', { hasText: '某某物流有限公司设立登记' }).waitFor();
      expect(await page.locator('table').count()).to.equal(0);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).to.be.at.most(PHONE.width);
      await screenshot(page, 'tasklist-phone-department-tasks');
      await page.goto(`${bed.url}/tasklist#/mine`);
      await page.locator('.task-cards [data-task]', { hasText: '某某科技有限公司设立登记' }).getByRole('link', { name: '办理' }).click();
      await page.locator('#complete').waitFor();
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).to.be.at.most(PHONE.width);
      await screenshot(page, 'tasklist-phone-task');
    } finally {
      await page.setViewportSize(DESKTOP);
    }
  });

  it("tells staff of another department that the task is not found, as if it did not exist", async function () {
    // given a case for 市场监管局 and a 税务局 clerk holding a link to its task
    const { processInstanceKey } = await bed.openCase('SD-2025-0102', '某某建材有限公司设立登记');
    const created = await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'CREATED' && record.value.processInstanceKey === processInstanceKey);
    await page.context().clearCookies();
    await logIn(page, `${bed.url}/tasklist`, XU_MING);
    await page.getByRole('menuitem', { name: '我的任务' }).waitFor();

    // when opening it
    await page.goto(`${bed.url}/tasklist#/task/${created.key}`);

    // then: the engine answers 404 for a task the caller may not see (issue 13), so the key reveals nothing
    await page.getByRole('alert').filter({ hasText: '未找到' }).waitFor();
  });

  it('keeps a case paused for 补正 after its deadline passed marked overdue, in the list and the task header', async function () {
    // given a case two working days past its limit, then paused for 补正
    const { processInstanceKey, deadline } = await bed.openCase('SD-2025-0105', '某某药店有限公司设立登记', { startedAt: '2025-09-22T09:00:00+08:00', workingDays: 2 });
    const created = await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'CREATED' && record.value.processInstanceKey === processInstanceKey);
    const paused = pauseDeadline(deadline, new Date(bed.server.engine.clock.now()).toISOString(), calendar);
    await bed.server.engine.setVariables({ elementInstanceKey: processInstanceKey, variables: { deadline_stage1: paused }, local: false });
    await page.context().clearCookies();
    await logIn(page, `${bed.url}/tasklist#/group`, ZHANG_SAN);

    // then the list's light and the task header read 暂停计时·已超期, with how far overdue
    const listTag = taskRow('SD-2025-0105').locator('td.case-light [data-light=paused]');
    await listTag.waitFor();
    expect(await listTag.getAttribute('data-overdue')).to.equal('true');
    await page.goto(`${bed.url}/tasklist#/task/${created.key}`);
    const headerTag = page.locator('.ant-descriptions [data-light=paused][data-overdue=true]').first();
    await headerTag.waitFor();
    expect(await headerTag.textContent()).to.equal('暂停计时·已超期');
    expect(await page.locator('[data-deadline=stage1]').textContent()).to.match(/补正中，暂停计时（已超期 \d+ 个工作日/);
    await screenshot(page, 'tasklist-desktop-paused-overdue');
  });

  it('shows an auditor the completed instance with its diagram marked and who completed the task', async function () {
    // given a case completed by zhang.san (first test)
    await page.context().clearCookies();

    // when the auditor opens the audit view and the instance
    await logIn(page, `${bed.url}/audit`, AUDITOR);
    await page.getByRole('link', { name: '某某餐饮管理有限公司设立登记' }).click();

    // then the diagram marks the task completed and the history names zhang.san
    await page.locator('#diagram [data-element-id=review].element-completed').waitFor();
    expect(await page.locator('#instance-state').getAttribute('data-state')).to.equal('COMPLETED');
    const completion = page.locator('.readable-history .history-line', { hasText: '完成「审查材料」' });
    expect(await completion.textContent()).to.include('张三（市场监管局）');
    // the raw engine records stay one switch away
    await page.locator('.raw-toggle').click();
    const raw = page.locator('.history tr[data-row-key]', { hasText: 'USER_TASK COMPLETED' });
    expect(await raw.textContent()).to.include('zhang.san');
    await page.locator('.raw-toggle').click();
    await screenshot(page, 'audit-desktop-instance');
  });

  it("shows an auditor the 亮灯 board and an open case's task with who holds it", async function () {
    // given the case zhang.san claimed but did not complete (second test), and the auditor logged in

    // when the auditor opens the 亮灯 board and the case
    await page.getByRole('link', { name: '亮灯看板' }).click();
    const row = page.locator('.board tr[data-instance]', { hasText: '某某科技有限公司设立登记' });
    await row.waitFor();
    const colour = await row.locator('td:first-child [data-light]').getAttribute('data-light');
    // the case whose deadline runs into 2027 reads 期限暂定 on the board too
    const provisional = page.locator('.board tr[data-instance]', { hasText: '某某医疗器械有限公司设立登记' });
    expect(await provisional.locator('.provisional').getAttribute('data-provisional-year')).to.equal('2027');
    await screenshot(page, 'audit-desktop-lights-board');
    await row.getByRole('link', { name: '某某科技有限公司设立登记' }).click();

    // then the case is green (opened at the engine's current instant) and its open task is 张三's
    expect(colour).to.equal('green');
    await page.locator('#diagram [data-element-id=review].element-active').waitFor();
    // (by name, the account on the element)
    expect(await page.locator('.open-tasks tbody tr[data-row-key]').textContent()).to.include('张三');
    expect(await page.locator('.open-tasks .assignee-name').getAttribute('data-assignee')).to.equal('zhang.san');
  });

  it('shows an auditor the cases and the board as a list and cards on a phone', async function () {
    await page.setViewportSize(PHONE);
    try {
      await page.goto(`${bed.url}/audit#/lights`);
      await page.locator('.board [data-instance]', { hasText: '某某科技有限公司设立登记' }).waitFor();
      expect(await page.locator('table').count()).to.equal(0);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).to.be.at.most(PHONE.width);
      await screenshot(page, 'audit-phone-lights-board');
    } finally {
      await page.setViewportSize(DESKTOP);
    }
  });

  it('pages the department tasks on the server, twenty to a page', async function () {
    // given more open tasks for 市场监管局 than fit on one page
    for (let index = 0; index < 16; index += 1) await bed.openCase(`SD-2025-02${String(index).padStart(2, '0')}`, `批量测试企业${index}设立登记`);
    const search = await bed.call('POST', '/v2/user-tasks/search', { user: ZHANG_SAN, body: { filter: { state: 'CREATED', candidateGroup: 'market-regulation' }, page: { limit: 1 } } });
    const { page: { totalItems } } = (await search.json()) as { page: { totalItems: number } };
    expect(totalItems).to.be.greaterThan(20);

    // when zhang.san opens the department tasks
    await page.context().clearCookies();
    await logIn(page, `${bed.url}/tasklist#/group`, ZHANG_SAN);

    // then the first page holds twenty, the total is the server's, and the second page the rest
    await page.getByText(`共 ${totalItems} 条`).waitFor();
    expect(await page.locator('tr[data-task]').count()).to.equal(20);
    const [secondPage] = await Promise.all([
      page.waitForRequest((request) => request.url().endsWith('/v2/user-tasks/search') && (request.postDataJSON() as { page?: { from?: number } }).page?.from === 20),
      page.locator('.ant-pagination-item-2').click(),
    ]);
    expect(secondPage.postDataJSON().page.limit).to.equal(20);
    await taskRowCount(page, totalItems - 20);
  });
});
