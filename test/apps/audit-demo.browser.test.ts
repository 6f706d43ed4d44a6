import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { AUDITOR } from './apps-test-bed';
import { DESKTOP, launchBrowser, logIn, PHONE, screenshot, type TestBrowser } from './browser-support';
import { startDemoBed, type DemoBed } from './demo-bed';

/** The auditor's (电子监察) case search and case page on `onego start`'s demo cases. */
describe("an auditor's case search and case diagram on the demo data (Debian chromium)", function () {
  this.timeout(120_000);
  let bed: DemoBed;
  let browser: TestBrowser;
  let page: Page;

  const rows = () => page.locator('.instances tr[data-row-key]');

  /** Waits for the list to settle after a filter change (the server answers each one) and returns its rows' cells. */
  async function settledRows(column: number): Promise<string[]> {
    let previous = '';
    for (let tries = 0; tries < 50; tries += 1) {
      await page.waitForTimeout(200);
      if (await page.locator('.instances .ant-spin-spinning').count()) continue;
      const now = JSON.stringify(await rows().locator(`td:nth-child(${column})`).allTextContents());
      if (now === previous) return JSON.parse(now) as string[];
      previous = now;
    }
    return JSON.parse(previous) as string[];
  }

  before(async function () {
    bed = await startDemoBed();
    await fetch(`${bed.url}/apps/assets/audit.js`);
    browser = await launchBrowser();
    page = browser.page;
    await logIn(page, `${bed.url}/audit`, AUDITOR);
    // the demo opens its cases right after start
    for (let tries = 0; tries < 60 && (await rows().count()) < 3; tries += 1) {
      await page.waitForTimeout(500);
      if (tries % 6 === 5) await page.reload();
    }
  });

  after(async function () {
    await browser?.close();
    await bed?.close();
  });

  it('narrows the demo cases by process, state, acceptance date and light', async function () {
    const all = await settledRows(3);
    expect(all.length).to.be.at.least(3);
    const processId = all[0].split(' ')[0];
    const definitions = (await (await bed.call('POST', '/v2/process-definitions/search', AUDITOR, { filter: { processDefinitionId: processId, isLatestVersion: true } })).json()) as { items: { name: string }[] };

    // by process
    await page.locator('.filter-process').click();
    await page.locator('.ant-select-item-option', { hasText: definitions.items[0].name }).first().click();
    const byProcess = await settledRows(3);
    expect(byProcess.length).to.be.at.least(1);
    expect(byProcess.every((cell) => cell.startsWith(`${processId} `)), byProcess.join(' | ')).to.equal(true);
    await page.locator('.filter-process').hover();
    await page.locator('.filter-process .ant-select-clear').click();

    // by state: 办理中 only
    await page.locator('.case-filters .ant-segmented-item', { hasText: '办理中' }).click();
    await settledRows(4);
    const states = await rows().locator('[data-state]').evaluateAll((tags) => tags.map((tag) => tag.getAttribute('data-state')));
    expect(states.length).to.be.at.least(1);
    expect(new Set(states)).to.deep.equal(new Set(['ACTIVE']));

    // by acceptance date: today (Beijing) holds them all, a day long past none
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const dates = page.locator('.filter-dates input');
    await dates.first().click();
    await dates.first().fill('2020-01-01');
    await dates.nth(1).fill('2020-01-02');
    await dates.nth(1).press('Enter');
    await settledRows(2);
    expect(await rows().count()).to.equal(0);
    await dates.first().click();
    await dates.first().fill(today);
    await dates.nth(1).fill(today);
    await dates.nth(1).press('Enter');
    expect((await settledRows(2)).length).to.equal(states.length);

    // by light: each light shows open cases only, and no case under two lights (cases without a deadline have none)
    let lit = 0;
    for (const light of ['红灯（办理中）', '黄灯（办理中）', '绿灯（办理中）', '暂停（补正中）']) {
      await page.locator('.filter-light').click();
      await page.locator('.ant-select-item-option', { hasText: light }).click();
      const shown = await settledRows(2);
      expect(await rows().locator('[data-state=ACTIVE]').count()).to.equal(shown.length);
      lit += shown.length;
    }
    expect(lit).to.be.at.least(1).and.at.most(states.length);
    await page.locator('.filter-light').hover();
    await page.locator('.filter-light .ant-select-clear').click();
    await settledRows(2);
    await screenshot(page, 'audit-demo-desktop-case-search');
  });

  it('shows an open case on its diagram with counts, its light on the current step, and the history in Chinese', async function () {
    // a fresh list (no filters), open cases only
    await page.goto(`${bed.url}/audit#/instances`);
    await page.reload();
    await page.locator('.case-filters .ant-segmented-item', { hasText: '办理中' }).click();
    await settledRows(2);
    await rows().first().locator('a').first().click();
    const diagram = page.locator('#diagram');
    await diagram.locator('.diagram-count').first().waitFor();

    // the start event ran once; the step the case is at carries the case's light
    const counts = await diagram.locator('.diagram-count').evaluateAll((badges) => badges.map((badge) => ({ element: badge.getAttribute('data-element'), completed: Number(badge.getAttribute('data-completed')), active: Number(badge.getAttribute('data-active')) })));
    expect(counts.some((count) => count.completed >= 1)).to.equal(true);
    expect(counts.some((count) => count.active >= 1)).to.equal(true);
    const light = diagram.locator('.diagram-light');
    expect(await light.count()).to.be.at.least(1);
    const lit = await light.first().getAttribute('data-element');
    expect(counts.find((count) => count.element === lit)?.active).to.be.at.least(1);
    expect(await page.locator('.djs-element.element-active').count()).to.be.at.least(1);
    expect(await page.locator('.readable-history').textContent()).to.include('案件开始').and.not.include('ELEMENT_');
    await screenshot(page, 'audit-demo-desktop-case-diagram');

    await page.setViewportSize(PHONE);
    try {
      await page.waitForTimeout(300);
      const wide = await page.evaluate<string[]>(
        `[...document.querySelectorAll('body *')].filter((e) => {
          if (e instanceof SVGElement || e.getBoundingClientRect().right <= ${PHONE.width + 1}) return false;
          for (let box = e.parentElement; box && box !== document.body; box = box.parentElement) {
            if (getComputedStyle(box).overflowX !== 'visible' && box.getBoundingClientRect().right <= ${PHONE.width + 1}) return false;
          }
          return true;
        }).slice(0, 6).map((e) => e.tagName + '.' + String(e.className).slice(0, 60) + ' ' + Math.round(e.getBoundingClientRect().right))`,
      );
      expect(await page.evaluate<number>('document.documentElement.scrollWidth'), `wider than the phone: ${wide.join(' | ')}`).to.be.at.most(PHONE.width);
      await screenshot(page, 'audit-demo-phone-case-diagram');
    } finally {
      await page.setViewportSize(DESKTOP);
    }
  });
});
