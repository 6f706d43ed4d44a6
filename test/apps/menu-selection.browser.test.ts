import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { startAppsTestBed, ZHANG_SAN, type AppsTestBed } from './apps-test-bed';
import { launchBrowser, logIn, PHONE, DESKTOP, screenshot, type TestBrowser } from './browser-support';

/** The side menu's selected entry on pages no entry names: a task page keeps the list it was opened from. */
describe('the side menu on a task page (Debian chromium)', function () {
  this.timeout(90_000);
  let bed: AppsTestBed;
  let browser: TestBrowser;
  let page: Page;

  before(async function () {
    bed = await startAppsTestBed();
    await fetch(`${bed.url}/apps/assets/tasklist.js`);
    await bed.openCase('MENU-001', '菜单测试公司营业执照');
    browser = await launchBrowser();
    page = browser.page;
    await logIn(page, `${bed.url}/tasklist#/group`, ZHANG_SAN);
  });

  after(async function () {
    await browser?.close();
    await bed?.close();
  });

  /** The label of the menu entry marked as the current page (antd's selected item and aria-current agree). */
  async function selectedEntry(): Promise<string> {
    const selected = page.locator('.ant-menu-item-selected');
    await selected.waitFor();
    expect(await selected.locator('a[aria-current=page]').count()).to.equal(1);
    return (await selected.textContent())?.trim() ?? '';
  }

  it('keeps 本部门任务 selected on the task opened from the department list', async function () {
    await page.locator('tr[data-task]', { hasText: 'MENU-001' }).getByRole('link', { name: '查看' }).or(page.locator('tr[data-task]', { hasText: 'MENU-001' }).getByRole('link', { name: '办理' })).first().click();
    await page.waitForURL(/#\/task\/\d+/);
    await page.locator('.case-header').waitFor();
    expect(await selectedEntry()).to.equal('本部门任务');
    await screenshot(page, 'menu-selection-desktop-task-from-group');
  });

  it('keeps it after a reload of the task page, and selects 我的任务 in a new tab that opened the task by its link', async function () {
    const taskUrl = page.url();
    await page.reload();
    await page.locator('.case-header').waitFor();
    expect(await selectedEntry()).to.equal('本部门任务');

    const other = await browser.context.newPage();
    try {
      await other.setViewportSize(PHONE);
      await other.goto(taskUrl);
      await other.locator('.case-header').waitFor();
      // the phone's menu is a drawer: open it to see which entry it marks
      await other.locator('.ant-layout-sider-zero-width-trigger').click();
      const selected = other.locator('.ant-menu-item-selected');
      await selected.waitFor();
      expect((await selected.textContent())?.trim()).to.equal('我的任务');
      await screenshot(other, 'menu-selection-phone-task-by-link');
      // the drawer lies over the page instead of squeezing it, and choosing an entry closes it
      expect((await other.locator('#main-content').boundingBox())!.width).to.be.at.least(PHONE.width - 1);
      await other.getByRole('menuitem', { name: '本部门任务' }).click();
      await other.waitForURL(/#\/group$/);
      await other.locator('.ant-layout-sider.ant-layout-sider-collapsed').waitFor();
      expect(await other.locator('.menu-backdrop').count()).to.equal(0);
    } finally {
      await other.close();
      await page.setViewportSize(DESKTOP);
    }
  });
});
