import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { ADMIN, AUDITOR, ZHANG_SAN, processEvent, startAppsTestBed, type AppsTestBed } from './apps-test-bed';
import { DESKTOP, launchBrowser, logIn, PHONE, screenshot, type TestBrowser } from './browser-support';

const CJK = /[\u4e00-\u9fa5]/;

/** The side menu's labels cut off with an ellipsis. */
function cutMenuLabels(page: Page): Promise<(string | null)[]> {
  return page.locator('.ant-menu-title-content').evaluateAll((items) => items.filter((item) => item.scrollWidth > item.clientWidth).map((item) => item.textContent));
}

/** The texts of the elements `selector` matches that still contain Chinese. */
async function chineseIn(page: Page, selector: string): Promise<string[]> {
  const texts = await page.locator(selector).allTextContents();
  return texts.map((text) => text.trim()).filter((text) => CJK.test(text));
}

describe('the English switch in all three apps (Debian chromium)', function () {
  this.timeout(90_000);
  let bed: AppsTestBed;
  let browser: TestBrowser;
  let page: Page;
  let decidedCase: string;

  before(async function () {
    bed = await startAppsTestBed();
    await Promise.all(['tasklist', 'audit', 'admin'].map((app) => fetch(`${bed.url}/apps/assets/${app}.js`)));
    // one case overdue by days, one with days left: both units show
    await bed.openCase('SD-EN-1', '某某科技有限公司设立登记', { startedAt: '2025-09-22T09:00:00+08:00', workingDays: 2 });
    await bed.openCase('SD-EN-2', '某某物流有限公司变更登记', { startedAt: '2025-10-09T10:00:00+08:00', workingDays: 5 });
    // a case whose review was decided on the form (审查结论, 审查意见): its history and variables carry form fields
    ({ processInstanceKey: decidedCase } = await bed.openCase('SD-EN-3', '某某餐饮有限公司设立登记'));
    const created = await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'CREATED' && record.value.processInstanceKey === decidedCase);
    const userTaskKey = String(created.value.userTaskKey ?? created.key);
    await bed.call('POST', `/v2/user-tasks/${userTaskKey}/assignment`, { user: ZHANG_SAN, body: { assignee: 'zhang.san' } });
    await bed.call('POST', `/v2/user-tasks/${userTaskKey}/completion`, { user: ZHANG_SAN, body: { variables: { decision: 'approve', opinion: '材料齐全，准予设立' } } });
    await bed.record(processEvent(decidedCase, 'ELEMENT_COMPLETED'));
    browser = await launchBrowser();
    page = browser.page;
  });

  after(async function () {
    await browser?.close();
    await bed?.close();
  });

  it('turns the task list, its units and lights into English', async function () {
    await logIn(page, `${bed.url}/tasklist#/group`, ZHANG_SAN);
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('menuitem', { name: 'Department tasks' }).waitFor();
    await page.locator('tr[data-task]').nth(1).waitFor();

    const lights = (await page.locator('tr[data-task] td.case-light').allTextContents()).sort();
    expect(lights).to.deep.equal(['Green5 working days left', 'Redoverdue by 6 working days 1 h']);
    expect(await chineseIn(page, 'th, .ant-menu-item, .task-filters .ant-select-selection-placeholder, td.case-light, td [data-due]')).to.deep.equal([]);
    expect(await cutMenuLabels(page)).to.deep.equal([]);
    // the cases' titles name the item in English; the enterprise's name stays as recorded
    expect((await page.locator('tr[data-task] .case-cell > div').allTextContents()).sort()).to.deep.equal(['Change registration: 某某物流有限公司', 'Company registration: 某某科技有限公司']);
    await screenshot(page, 'english-desktop-tasklist');

    // and so do the phone's cards
    await page.setViewportSize(PHONE);
    try {
      await page.locator('.task-cards [data-task]').nth(1).waitFor();
      expect((await page.locator('.task-cards .case-cell > div').allTextContents()).sort()).to.deep.equal(['Change registration: 某某物流有限公司', 'Company registration: 某某科技有限公司']);
      await screenshot(page, 'english-phone-tasklist');
    } finally {
      await page.setViewportSize(DESKTOP);
    }
  });

  it('turns the audit board and statistics into English', async function () {
    await page.getByRole('button', { name: 'Log out' }).click();
    await logIn(page, `${bed.url}/audit#/lights`, AUDITOR);
    const row = page.locator('.board tr[data-instance]', { hasText: 'SD-EN-1' });
    await row.waitFor();
    expect(await row.locator('.overdue-cell').textContent()).to.equal('6 working days 1 h');
    expect(await row.getByRole('link').first().textContent()).to.equal('Company registration: 某某科技有限公司');
    expect(await chineseIn(page, 'th, .ant-menu-item, .board-counts, .overdue-cell, [data-deadline]')).to.deep.equal([]);
    expect(await cutMenuLabels(page)).to.deep.equal([]);
    await screenshot(page, 'english-desktop-audit-lights');
    // on a phone the board's cards label their facts with an English colon, not the full-width one
    await page.setViewportSize(PHONE);
    try {
      const card = page.locator('.board [data-instance]', { hasText: 'SD-EN-1' });
      await card.waitFor();
      const facts = (await card.locator('.ant-card-body .ant-typography').first().textContent()) ?? '';
      expect(facts).to.include('Dept.: ').and.include('Step: ').and.not.include('：');
      // and the light filter's six English choices (无时限 among them) do not widen the page
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).to.be.at.most(PHONE.width);
    } finally {
      await page.setViewportSize(DESKTOP);
    }

    await page.getByRole('link', { name: 'Statistics' }).click();
    await page.locator('.department-ranking th').first().waitFor();
    expect(await chineseIn(page, 'th, .ant-statistic-title, .ant-card-head-title')).to.deep.equal([]);
  });

  it("names a case's form fields and variables in English on the audit case page, keys beside them", async function () {
    await page.goto(`${bed.url}/audit#/instance/${decidedCase}`);
    const completed = page.locator('.readable-history .history-line[data-kind=decision]');
    await completed.first().waitFor();
    // the form's fields by their English names (the form itself has only Chinese labels); the values as recorded
    expect(await completed.locator('.history-change').allTextContents()).to.deep.equal(['Decision = 通过', 'Opinion = 材料齐全，准予设立']);
    const names = await page.locator('.variables .variable-name').evaluateAll((cells) => cells.map((cell) => [cell.getAttribute('data-variable-name'), cell.firstChild?.textContent]));
    expect(names).to.deep.include.members([
      ['caseTitle', 'Case title'],
      ['decision', 'Decision'],
      ['opinion', 'Opinion'],
      ['deadline_stage1', 'Stage 1 deadline'],
    ]);
    // an object's members too: the deadline's due time, not `dueAt`
    const deadline = page.locator('.variables tr', { has: page.locator('[data-variable-name=deadline_stage1]') });
    expect(await deadline.locator('.value-member[data-key=dueAt] dt').textContent()).to.equal('Due at');
    await screenshot(page, 'english-desktop-audit-variables');

    // in Chinese the same table reads the form's labels
    await page.getByText('中', { exact: true }).click();
    await page.locator('.variables [data-variable-name=decision]', { hasText: '审查结论' }).waitFor();
    expect(await deadline.locator('.value-member[data-key=dueAt] dt').textContent()).to.equal('到期时间');
    expect(await deadline.locator('.value-member[data-key=name] dt').textContent()).to.equal('名称');
    expect(await completed.locator('.history-change').allTextContents()).to.deep.equal(['审查结论 = 通过', '审查意见 = 材料齐全，准予设立']);
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('menuitem', { name: 'Cases' }).waitFor();
  });

  it('turns the admin app into English', async function () {
    await page.getByRole('button', { name: 'Log out' }).click();
    await logIn(page, `${bed.url}/admin#/forms`, ADMIN);
    await page.locator('.forms tr[data-form]').first().waitFor();
    expect(await chineseIn(page, 'th, .ant-menu-item, .ant-card-head-title, .ant-card .ant-segmented-item')).to.deep.equal([]);
    await page.getByRole('menuitem', { name: 'Holiday calendar' }).click();
    await page.locator('.months').first().waitFor();
    expect(await chineseIn(page, '.ant-card-head-title, .month-grid .weekday, .months-legend')).to.deep.equal([]);
    // the menu's labels fit the side menu (none cut off with an ellipsis)
    expect(await cutMenuLabels(page)).to.deep.equal([]);
    await screenshot(page, 'english-desktop-admin-calendar');

    // and back to Chinese for whoever uses this browser next
    await page.getByText('中', { exact: true }).click();
    await page.getByRole('menuitem', { name: '节假日日历' }).waitFor();
  });
});
