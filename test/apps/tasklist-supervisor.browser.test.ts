import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { EngineRecord } from '../../engine/api';
import { firstRecord } from '../support/first-record';
import { LI_SI, startAppsTestBed, type AppsTestBed, type DemoUser } from './apps-test-bed';
import { DESKTOP, launchBrowser, logIn, PHONE, screenshot, type TestBrowser } from './browser-support';
import { startDemoBed, type DemoBed } from './demo-bed';

const QIN_YUE: DemoUser = { username: 'qin.yue', password: 'onego-demo' }; // 行政审批服务局 window

describe("a supervisor's (督办) day in the task list (Debian chromium)", function () {
  this.timeout(120_000);
  let browser: TestBrowser;
  let page: Page;

  before(async function () {
    browser = await launchBrowser();
    page = browser.page;
  });

  after(async function () {
    await browser?.close();
  });

  describe('on the demo data (onego start)', function () {
    let bed: DemoBed;
    let userTaskKey: string;

    before(async function () {
      bed = await startDemoBed();
      await fetch(`${bed.url}/apps/assets/tasklist.js`);
      // given the window found DEMO-QYKB-002's materials complete, so it waits for 市场监管局's registration review
      const guidance = await bed.openTask('DEMO-QYKB-002', '材料指导与预审', QIN_YUE);
      expect((await bed.call('POST', `/v2/user-tasks/${guidance.userTaskKey}/assignment`, QIN_YUE, { assignee: 'qin.yue' })).status).to.equal(204);
      expect((await bed.call('POST', `/v2/user-tasks/${guidance.userTaskKey}/completion`, QIN_YUE, { variables: { materialsComplete: true } })).status).to.equal(204);
      ({ userTaskKey } = await bed.openTask('DEMO-QYKB-002', '登记审查', LI_SI));
      await logIn(page, `${bed.url}/tasklist`, LI_SI);
      await page.getByRole('menuitem', { name: '部门看板' }).waitFor();
    });

    after(async function () {
      await bed?.close();
    });

    const record = (predicate: (record: EngineRecord) => boolean) => firstRecord(bed.running.server.engine, predicate);

    it("reassigns a department task to a clerk of the department, choosing only among the department's people", async function () {
      // when li.si opens the task from the department's list and reassigns it
      await page.goto(`${bed.url}/tasklist#/group`);
      const row = page.locator('tr[data-task]', { hasText: 'DEMO-QYKB-002' });
      await row.getByRole('link', { name: '查看' }).click();
      await page.locator('#reassign').click();
      await page.locator('#reassign-to').click();
      const options = page.locator('.ant-select-item-option');
      await options.first().waitFor();
      // then only 市场监管局's people are offered
      expect((await options.allTextContents()).map((text) => text.replace(/（.*$/, ''))).to.have.members(['张三', '李四']);
      await options.filter({ hasText: '张三' }).click();
      await screenshot(page, 'tasklist-supervisor-desktop-reassign');
      await page.locator('#reassign-ok').click();

      // and the engine assigned it to zhang.san on li.si's command, which the case history reads
      const assigned = await record((candidate) => candidate.valueType === 'USER_TASK' && candidate.intent === 'ASSIGNED' && candidate.key === userTaskKey);
      expect(assigned.value.assignee).to.equal('zhang.san');
      expect(assigned.actor).to.equal('li.si');
      await page.locator('.case-history .history-line', { hasText: '将「登记审查」分派给 张三（市场监管局）' }).waitFor();
      // and the header names the holder as people know them, not by account
      await page.locator('#assignee', { hasText: '张三' }).waitFor();
      expect(await page.locator('#assignee').textContent()).to.equal('张三');
      // and the form says who has it now and how to take it over, not "claim it first" (there is nothing to claim)
      const held = page.locator('.held-by-other');
      await held.waitFor();
      expect(await held.textContent()).to.include('此任务由 张三 办理，表单只读。').and.include('如需接手，可将任务转派给自己。');
      expect(await page.getByText('请先领取任务再填写表单。').count()).to.equal(0);
    });

    it('changes the step due date with a reason, which the case history shows', async function () {
      await page.locator('#change-due').click();
      await page.locator('#change-due-ok').waitFor();
      // the reason is required: without it the change cannot be confirmed
      expect(await page.locator('#change-due-ok').isDisabled()).to.equal(true);
      await page.locator('#due-date').fill('2026-12-31 17:00');
      await page.locator('#due-date').press('Enter');
      await page.locator('#due-reason').fill('申请人申请延期提交公司章程修正案');
      await screenshot(page, 'tasklist-supervisor-desktop-due-date');
      await page.locator('#change-due-ok').click();

      const line = page.locator('.case-history .history-line[data-kind=note]', { hasText: '理由：申请人申请延期提交公司章程修正案' });
      await line.waitFor();
      expect(await line.textContent()).to.include('李四（市场监管局） 调整「登记审查」到期时间为 2026-12-31 17:00');
      const updated = await record((candidate) => candidate.valueType === 'USER_TASK' && candidate.intent === 'UPDATED' && candidate.key === userTaskKey);
      expect(updated.value.action).to.equal('changeDueDate');
      expect(updated.value.dueDate).to.equal('2026-12-31T09:00:00.000Z');
      expect(updated.actor).to.equal('li.si');
      await screenshot(page, 'tasklist-supervisor-desktop-task');
    });

    it("shows the department dashboard: open cases by light, the overdue list, handling time and the weekly trend", async function () {
      await page.getByRole('menuitem', { name: '部门看板' }).click();
      await page.locator('.dashboard .light-counts').waitFor();
      expect(await page.locator('.dashboard').textContent()).to.include('部门看板：市场监管局');
      // DEMO-QYKB-002's case deadline runs (1 working day): one open case, not overdue
      const counts = await page.locator('[data-light-count]').evaluateAll((elements) => elements.map((element) => element.textContent));
      expect(counts.join('|')).to.match(/红灯（超期）0/);
      expect(await page.locator('.overdue').textContent()).to.include('没有超期案件');
      await page.locator('[role=img][aria-label="每周受理与办结"] canvas').waitFor();
      await screenshot(page, 'tasklist-supervisor-desktop-dashboard');
    });

    it('lists 督办 tasks apart from the department tasks', async function () {
      await page.getByRole('menuitem', { name: '督办任务' }).click();
      await page.getByText('暂无督办任务。').waitFor();
    });

    it('shows the dashboard and the task with its 督办 actions on a phone, without overflowing', async function () {
      await page.setViewportSize(PHONE);
      try {
        await page.goto(`${bed.url}/tasklist#/dashboard`);
        await page.locator('.dashboard .light-counts').waitFor();
        expect(await page.evaluate<number>('document.documentElement.scrollWidth')).to.be.at.most(PHONE.width);
        await screenshot(page, 'tasklist-supervisor-phone-dashboard');
        await page.goto(`${bed.url}/tasklist#/task/${userTaskKey}`);
        await page.locator('#change-due').waitFor();
        expect(await page.evaluate<number>('document.documentElement.scrollWidth')).to.be.at.most(PHONE.width);
        await screenshot(page, 'tasklist-supervisor-phone-task');
      } finally {
        await page.setViewportSize(DESKTOP);
      }
    });
  });

  describe('with overdue cases (engine clock moved on)', function () {
    let bed: AppsTestBed;

    before(async function () {
      bed = await startAppsTestBed();
      await fetch(`${bed.url}/apps/assets/tasklist.js`);
      // given two 5-working-day cases opened Thu 9 Oct 2025, one claimed by zhang.san, and the clock at Mon 20 Oct
      const { processInstanceKey } = await bed.openCase('SD-2025-0700', '某某餐饮有限公司设立登记');
      await bed.openCase('SD-2025-0701', '某某商贸有限公司设立登记');
      // and two later ones: one due tomorrow morning (黄灯), one with days to go (绿灯)
      await bed.openCase('SD-2025-0702', '某某建筑劳务有限公司设立登记', { startedAt: '2025-10-14T09:00:00+08:00', workingDays: 5 });
      await bed.openCase('SD-2025-0703', '某某网络科技有限公司设立登记', { startedAt: '2025-10-17T09:00:00+08:00', workingDays: 5 });
      const created = await bed.record((candidate) => candidate.valueType === 'USER_TASK' && candidate.intent === 'CREATED' && candidate.value.processInstanceKey === processInstanceKey);
      expect((await bed.call('POST', `/v2/user-tasks/${created.key}/assignment`, { user: LI_SI, body: { assignee: 'zhang.san' } })).status).to.equal(204);
      await bed.server.engine.clock.pin(Date.parse('2025-10-20T10:00:00+08:00'));
      await page.context().clearCookies();
      // The page's timers run on a clock the test can move (the list refreshes itself every 30 s).
      await page.clock.install();
      await logIn(page, `${bed.url}/tasklist#/dashboard`, LI_SI);
    });

    after(async function () {
      await bed?.close();
    });

    it('lists each overdue case with its step, handler and how long overdue', async function () {
      const rows = page.locator('.overdue tr[data-instance]');
      await rows.nth(1).waitFor();

      const claimed = await rows.filter({ hasText: '某某餐饮有限公司设立登记' }).textContent();
      expect(claimed).to.include('审查材料');
      // the handler by name, not account
      expect(claimed).to.include('张三').and.not.include('zhang.san');
      // due Wed 15 Oct 10:00 (Saturday 11 Oct was a 调休 working day); Mon 20 Oct 10:00 is 3 working days later
      expect(claimed).to.include('超期 3 个工作日');
      expect(await rows.filter({ hasText: '某某商贸有限公司设立登记' }).textContent()).to.include('待领取');
      expect(await page.locator('[data-light-count=red]').textContent()).to.include('2');
      expect(await page.locator('[data-light-count=yellow]').textContent()).to.include('1');
      expect(await page.locator('[data-light-count=green]').textContent()).to.include('1');
      expect(await rows.count()).to.equal(2);
      await screenshot(page, 'tasklist-supervisor-desktop-dashboard-overdue');
    });

    it("shows the department's tasks with their case deadlines and lights", async function () {
      await page.getByRole('menuitem', { name: '本部门任务' }).click();
      const rows = page.locator('tr[data-task]');
      await rows.nth(3).waitFor();

      const lights = await page.locator('tr[data-task] td.case-light > [data-light]').evaluateAll((tags) => tags.map((tag) => tag.getAttribute('data-light')));
      expect(lights).to.have.members(['red', 'red', 'yellow', 'green']);
      // who holds a claimed task, by name (the account stays on the element for tests and tools)
      const holder = rows.filter({ hasText: 'SD-2025-0700' }).locator('.assignee-name');
      await holder.filter({ hasText: '张三' }).waitFor();
      expect(await holder.getAttribute('data-assignee')).to.equal('zhang.san');
      await screenshot(page, 'tasklist-supervisor-desktop-department-tasks');
    });

    it('filters the department tasks by light', async function () {
      const rows = page.locator('tr[data-task]');
      await page.locator('.light-filter').click();
      await page.locator('.ant-select-item-option', { hasText: '红灯（超期）' }).click();
      for (let tries = 0; tries < 100 && (await rows.count()) !== 2; tries += 1) await page.waitForTimeout(100);

      const lights = await page.locator('tr[data-task] td.case-light > [data-light]').evaluateAll((tags) => tags.map((tag) => tag.getAttribute('data-light')));
      expect(lights).to.deep.equal(['red', 'red']);
      expect(await page.locator('.ant-pagination-total-text').textContent()).to.include('共 2 条');
      await screenshot(page, 'tasklist-supervisor-desktop-light-filter');

      // and clearing it brings all four back
      await page.locator('.light-filter .ant-select-clear').click();
      await rows.nth(3).waitFor();
    });

    it('sorts the department tasks by light, red first, on the server', async function () {
      const lightsShown = () => page.locator('tr[data-task] td.case-light > [data-light]').evaluateAll((tags) => tags.map((tag) => tag.getAttribute('data-light')));
      const sortSelect = page.locator('.ant-select', { has: page.locator('[aria-label="排序"]') });
      await sortSelect.click();
      await page.locator('.ant-select-item-option', { hasText: '亮灯红灯在前' }).click();
      const wanted = ['red', 'red', 'yellow', 'green'];
      for (let tries = 0; tries < 100 && JSON.stringify(await lightsShown()) !== JSON.stringify(wanted); tries += 1) await page.waitForTimeout(100);

      expect(await lightsShown()).to.deep.equal(wanted);
      await screenshot(page, 'tasklist-supervisor-desktop-light-sort');

      // and back to the due date order
      await sortSelect.click();
      await page.locator('.ant-select-item-option', { hasText: '到期最早在前' }).click();
      await page.locator('tr[data-task]').nth(3).waitFor();
    });

    it('refreshes the list by itself: a case opened meanwhile appears within 30 seconds, without a reload', async function () {
      await page.locator('tr[data-task]').nth(3).waitFor();
      const { processInstanceKey } = await bed.openCase('SD-2025-0704', '某某餐饮连锁有限公司设立登记', { startedAt: '2025-10-20T09:00:00+08:00', workingDays: 5 });
      await bed.record((candidate) => candidate.valueType === 'USER_TASK' && candidate.intent === 'CREATED' && candidate.value.processInstanceKey === processInstanceKey);
      expect(await page.locator('tr[data-task]', { hasText: '某某餐饮连锁有限公司设立登记' }).count()).to.equal(0);

      await page.clock.fastForward('00:31');

      await page.locator('tr[data-task]', { hasText: '某某餐饮连锁有限公司设立登记' }).waitFor();
    });
  });
});
