import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { ADMIN, AUDITOR, type DemoUser } from './apps-test-bed';
import { launchBrowser, logIn, PHONE, DESKTOP, screenshot, type TestBrowser } from './browser-support';
import { startDemoBed, type DemoBed } from './demo-bed';

const QIN_YUE: DemoUser = { username: 'qin.yue', password: 'onego-demo' }; // 行政审批服务局 window clerk

/** Controls a screen reader would announce without a name, or by an icon's English name. */
const UNNAMED = /^\s*- (button|link|searchbox|textbox|combobox|radiogroup)( \[[^\]]*\])?:?$/;
const ICON_NAMED = /- (button|menuitem) "(search|reload|close|inbox|team|calendar|alert|table|form|bulb|file-search|bar-chart|check-square|file-add|file-done|partition|left|right|double-left|double-right|ellipsis)\b/;
const ENGLISH_DEFAULT = /"segmented control"/;

/**
 * Keyboard and screen-reader use of every page of the three apps on the demo data, read from Chromium's
 * accessibility tree (playwright's aria snapshot) and by pressing Tab as a keyboard user does.
 */
describe('every app page for keyboard and screen-reader users, on the demo data (Debian chromium)', function () {
  this.timeout(180_000);
  let bed: DemoBed;
  let browser: TestBrowser;
  let page: Page;

  before(async function () {
    bed = await startDemoBed();
    await Promise.all(['tasklist', 'audit', 'admin'].map((app) => fetch(`${bed.url}/apps/assets/${app}.js`)));
    browser = await launchBrowser();
    page = browser.page;
  });

  // Each journey signs in afresh, whatever the one before left behind.
  beforeEach(async function () {
    await browser.context.clearCookies();
  });

  after(async function () {
    await browser?.close();
    await bed?.close();
  });

  /** What Tab reaches next, as "TAG name". */
  const focused = () => page.evaluate<string>(`(() => { const e = document.activeElement; return e ? e.tagName + ' ' + (e.getAttribute('aria-label') || e.getAttribute('placeholder') || e.textContent || '').trim().slice(0, 30) : 'none'; })()`);

  /** Opens `hash` of `app` and checks its landmarks, names and Tab order; returns the aria snapshot. */
  async function checkPage(app: string, hash: string, ready: string): Promise<string> {
    await page.goto(`${bed.url}/${app}#${hash}`);
    await page.locator(ready).first().waitFor();
    await page.waitForTimeout(300);
    const tree = await page.locator('body').ariaSnapshot();
    const where = `${app}#${hash}`;
    // landmarks: a skip link, the menu as named navigation, the header and the content
    expect(tree, where).to.include('- link "跳到主要内容"').and.include('- navigation "主菜单"').and.include('- banner:').and.include('- main:');
    // every control has a name, in Chinese where it is a word
    const lines = tree.split('\n');
    expect(lines.filter((line) => UNNAMED.test(line)), `${where}: unnamed controls`).to.deep.equal([]);
    expect(lines.filter((line) => ICON_NAMED.test(line) || ENGLISH_DEFAULT.test(line)), `${where}: controls named by an icon or in English`).to.deep.equal([]);

    // Tab from the top: the skip link first, and Enter on it puts the focus on the page's content
    await page.locator('body').focus();
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    await page.keyboard.press('Tab');
    expect(await focused(), where).to.equal('A 跳到主要内容');
    await page.keyboard.press('Enter');
    expect(await page.evaluate<string>('document.activeElement.id'), where).to.equal('main-content');

    // and Tab never stays put (no control keeps the focus, e.g. a date range picker)
    const seen: string[] = [];
    for (let press = 0; press < 30; press += 1) {
      await page.keyboard.press('Tab');
      seen.push(await focused());
      const now = seen[seen.length - 1];
      if (seen.length > 1 && now === seen[seen.length - 2] && (await page.evaluate<boolean>('document.activeElement === window.__onegoLastFocus'))) expect.fail(`${where}: Tab stays on ${now} (${seen.join(' → ')})`);
      await page.evaluate('window.__onegoLastFocus = document.activeElement');
      if (now.startsWith('BODY')) break;
    }
    await page.keyboard.press('Escape');
    return tree;
  }

  it("names every control and landmark of the task list's pages, and Tab moves through them (staff)", async function () {
    const task = await bed.openTask('DEMO-QYKB-001', '材料指导与预审', QIN_YUE);
    await logIn(page, `${bed.url}/tasklist`, QIN_YUE);
    await page.locator('main').waitFor();
    await checkPage('tasklist', '/mine', 'main .ant-card');
    await checkPage('tasklist', '/group', 'tr[data-task]');
    await checkPage('tasklist', '/done', 'main .ant-card');
    await checkPage('tasklist', '/new', 'main .ant-card');
    await checkPage('tasklist', '/correction', 'main .ant-card');
    await checkPage('tasklist', `/task/${task.userTaskKey}`, '.case-history');
    await screenshot(page, 'a11y-desktop-tasklist-task');
    await page.getByRole('button', { name: '退出' }).click();
  });

  it("names every control and landmark of the audit app's pages, and Tab moves through them (auditor)", async function () {
    await logIn(page, `${bed.url}/audit`, AUDITOR);
    await page.locator('main').waitFor();
    const list = await checkPage('audit', '/instances', '.instances tr[data-row-key]');
    // the pager's arrows are named as what they do, not by their icons ("left", "right")
    expect(list).to.match(/- button "上一页"/).and.match(/- button "下一页"/);
    await page.evaluate("localStorage.setItem('onego.language', 'en')");
    try {
      await page.reload();
      await page.locator('.instances tr[data-row-key]').first().waitFor();
      const english = await page.locator('.ant-pagination').first().ariaSnapshot();
      expect(english).to.match(/- button "Previous page"/).and.match(/- button "Next page"/).and.not.match(/"(left|right)"/);
    } finally {
      // back to Chinese; a reload, since the next pages are only hash changes of this one
      await page.evaluate("localStorage.setItem('onego.language', 'zh')");
      await page.reload();
      await page.locator('.instances tr[data-row-key]').first().waitFor();
    }
    await checkPage('audit', '/lights', 'main .ant-card');
    await checkPage('audit', '/statistics', 'main .ant-card');
    const key = await page.locator('.instances tr[data-row-key]').first().getAttribute('data-row-key').catch(() => null);
    const first = key ?? (await (async () => {
      await page.goto(`${bed.url}/audit#/instances`);
      return page.locator('.instances tr[data-row-key]').first().getAttribute('data-row-key');
    })());
    await checkPage('audit', `/instance/${first}`, '.readable-history');
    await page.getByRole('button', { name: '退出' }).click();
  });

  it("names every control and landmark of the admin app's pages, and Tab moves through them (admin)", async function () {
    await logIn(page, `${bed.url}/admin`, ADMIN);
    await page.locator('main').waitFor();
    for (const [hash, ready] of [
      ['/calendar', 'main .ant-card'],
      ['/incidents', 'main .ant-card'],
      ['/processes', 'main .ant-table-row, main .ant-list-item'],
      ['/decisions', 'main .ant-table-row, main .ant-list-item'],
      ['/forms', 'main .ant-table-row, main .ant-list-item'],
      ['/users', 'main .ant-card'],
    ]) await checkPage('admin', hash, ready);
    await page.getByRole('button', { name: '退出' }).click();
  });

  it('keeps the skip link, header and content landmarks on a phone, the menu behind its button', async function () {
    await page.setViewportSize(PHONE);
    try {
      await logIn(page, `${bed.url}/audit`, AUDITOR);
      await page.locator('main').waitFor();
      await page.locator('main .ant-list-item, main .ant-card').first().waitFor();
      const tree = await page.locator('body').ariaSnapshot();
      expect(tree).to.include('- link "跳到主要内容"').and.include('- banner:').and.include('- main:');
      await page.keyboard.press('Tab');
      await screenshot(page, 'a11y-phone-audit-skip-link');
      await page.getByRole('button', { name: '退出' }).click();
    } finally {
      await page.setViewportSize(DESKTOP);
    }
  });
});
