import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { DemoUser } from './apps-test-bed';
import { ADMIN } from './apps-test-bed';
import { DESKTOP, launchBrowser, logIn, PHONE, screenshot, taskRowCount, type TestBrowser } from './browser-support';
import { demoCases } from '../../scripts/demo/demo-cases';
import { startDemoBed, type DemoBed } from './demo-bed';

const QIN_YUE: DemoUser = { username: 'qin.yue', password: 'onego-demo' }; // 行政审批服务局 window

/** The department list's search, filters and sorting on the demo data, each answered by the server. */
describe("a window clerk searching, filtering and sorting the department's tasks on the demo data (Debian chromium)", function () {
  this.timeout(120_000);
  let bed: DemoBed;
  let browser: TestBrowser;
  let page: Page;

  const rows = () => page.locator('tr[data-task], .task-cards [data-task]');
  /** Case numbers of the listed rows, top to bottom. */
  const caseNumbers = async () => (await rows().allTextContents()).map((text) => /DEMO-[A-Z]+-\d+/.exec(text)?.[0] ?? text);
  const choose = async (label: string, option: string) => {
    await page.getByRole('combobox', { name: label }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
  };

  before(async function () {
    bed = await startDemoBed();
    await fetch(`${bed.url}/apps/assets/tasklist.js`);
    // given the two enterprise openings' 材料指导与预审, one due 12-20 at high priority, the other due 12-10 at low
    const first = await bed.openTask('DEMO-QYKB-001', '材料指导与预审', QIN_YUE);
    const second = await bed.openTask('DEMO-QYKB-002', '材料指导与预审', QIN_YUE);
    for (const [task, changeset] of [
      [first, { dueDate: '2026-12-20T09:00:00.000Z', priority: 80 }],
      [second, { dueDate: '2026-12-10T09:00:00.000Z', priority: 20 }],
    ] as const) expect((await bed.call('PATCH', `/v2/user-tasks/${task.userTaskKey}`, ADMIN, { changeset })).status).to.equal(204);
    browser = await launchBrowser();
    page = browser.page;
    await logIn(page, `${bed.url}/tasklist#/group`, QIN_YUE);
    await page.goto(`${bed.url}/tasklist#/group`);
    await taskRowCount(page, 2);
  });

  after(async function () {
    await browser?.close();
    await bed?.close();
  });

  it('finds tasks by task name, and none for a name no task has', async function () {
    await choose('搜索字段', '任务名称');
    const search = page.getByRole('searchbox', { name: '搜索' });
    await search.fill('材料指导');
    await search.press('Enter');
    await taskRowCount(page, 2);
    await search.fill('不存在的环节');
    await search.press('Enter');
    await taskRowCount(page, 0);
    await page.getByText('本部门暂无待办任务').waitFor();
    await search.fill('');
    await search.press('Enter');
    await taskRowCount(page, 2);
  });

  it('filters by process (事项) and by due range', async function () {
    await choose('事项', '企业开办');
    await taskRowCount(page, 2);

    // due between 12-15 and 12-25: only DEMO-QYKB-001, typed from the keyboard
    const dates = page.getByRole('textbox', { name: '到期范围' });
    await dates.first().click();
    await page.keyboard.type('2026-12-15');
    await page.keyboard.press('Enter');
    await page.keyboard.type('2026-12-25');
    await page.keyboard.press('Enter');
    await taskRowCount(page, 1);
    expect(await caseNumbers()).to.deep.equal(['DEMO-QYKB-001']);
    await screenshot(page, 'tasklist-search-desktop-due-range');
    await page.locator('.task-filters .ant-picker').hover();
    await page.locator('.task-filters .ant-picker-clear').click();
    await taskRowCount(page, 2);
  });

  it('sorts by due date and by priority', async function () {
    await choose('排序', '到期最早在前');
    await page.waitForTimeout(500);
    await expectOrder(['DEMO-QYKB-002', 'DEMO-QYKB-001']);
    await choose('排序', '优先级高在前');
    await expectOrder(['DEMO-QYKB-001', 'DEMO-QYKB-002']);
    await screenshot(page, 'tasklist-search-desktop-by-priority');
  });

  it('sorts by creation date, oldest first and newest first, as the server orders them', async function () {
    // given a third enterprise opening accepted now, after the demo's two (which the demo opens at the same instant)
    const template = demoCases.find((one) => one.variables.caseId === 'DEMO-QYKB-002')!;
    const started = await bed.call('POST', '/v2/process-instances', ADMIN, { processDefinitionId: 'enterprise-opening', variables: { ...template.variables, caseId: 'DEMO-QYKB-009' } });
    expect(started.status).to.equal(200);
    const newest = await bed.openTask('DEMO-QYKB-009', '材料指导与预审', QIN_YUE);
    const older = await bed.openTask('DEMO-QYKB-001', '材料指导与预审', QIN_YUE);
    const created = async (key: string) => Date.parse(((await (await bed.call('GET', `/v2/user-tasks/${key}`, QIN_YUE)).json()) as { creationDate: string }).creationDate);
    expect(await created(newest.userTaskKey)).to.be.greaterThan(await created(older.userTaskKey));
    await page.getByRole('button', { name: '刷新' }).click();
    await taskRowCount(page, 3);

    // when the clerk sorts by creation: the new case last, oldest first; first, newest first
    await choose('排序', '创建最早在前');
    await expectPosition('DEMO-QYKB-009', 2);
    await choose('排序', '创建最近在前');
    await expectPosition('DEMO-QYKB-009', 0);
    await screenshot(page, 'tasklist-search-desktop-newest-first');

    // and on a phone, the cards keep the order
    await page.setViewportSize(PHONE);
    try {
      await page.locator('.task-cards [data-task]').nth(2).waitFor();
      await expectPosition('DEMO-QYKB-009', 0);
      await screenshot(page, 'tasklist-search-phone-newest-first');
    } finally {
      await page.setViewportSize(DESKTOP);
    }
  });

  /** Waits (the server answers each change) until case `caseId` is row `position` (from 0) of three. */
  async function expectPosition(caseId: string, position: number): Promise<void> {
    let shown: string[] = [];
    for (let tries = 0; tries < 40; tries += 1) {
      shown = await caseNumbers();
      if (shown.length === 3 && shown[position] === caseId) return;
      await page.waitForTimeout(250);
    }
    expect(shown.indexOf(caseId), shown.join(', ')).to.equal(position);
  }

  /** Waits (the server answers each change) until the rows read `expected` from the top. */
  async function expectOrder(expected: string[]): Promise<void> {
    let shown: string[] = [];
    for (let tries = 0; tries < 40; tries += 1) {
      shown = await caseNumbers();
      if (JSON.stringify(shown) === JSON.stringify(expected)) return;
      await page.waitForTimeout(250);
    }
    expect(shown).to.deep.equal(expected);
  }
});
