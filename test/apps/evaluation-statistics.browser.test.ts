import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { AUDITOR, startAppsTestBed, type AppsTestBed } from './apps-test-bed';
import { DESKTOP, launchBrowser, logIn, PHONE, screenshot, type TestBrowser } from './browser-support';
import { finishEvaluations } from './evaluation-cases';

/** The 好差评 card of 电子监察统计: the rectification rate (整改率) an auditor checks against [002]'s 100%. */
describe('the rectification rate (整改率) in the audit statistics, in a real browser (Debian chromium)', function () {
  this.timeout(90_000);
  let bed: AppsTestBed;
  let browser: TestBrowser;
  let page: Page;

  before(async function () {
    bed = await startAppsTestBed();
    await fetch(`${bed.url}/apps/assets/audit.js`);
    await finishEvaluations(bed);
    browser = await launchBrowser();
    page = browser.page;
    await logIn(page, `${bed.url}/audit`, AUDITOR);
  });

  after(async function () {
    await browser?.close();
    await bed?.close();
  });

  it('shows the period’s ratings, bad reviews and the rectification rate, red while one is still open, on a desktop and a phone', async function () {
    // when the auditor opens 电子监察统计 (the last twelve weeks by default)
    await page.getByRole('link', { name: '电子监察统计' }).click();
    const card = page.locator('.evaluation-statistics');
    await card.waitFor();

    // then one of the two required rectifications is closed: 50%, in red
    const rate = card.locator('.rectification-rate');
    expect(await rate.getAttribute('data-rate')).to.equal('0.5');
    expect(await rate.textContent()).to.include('整改率').and.include('50.0%');
    expect(await rate.locator('.ant-statistic-content').getAttribute('style')).to.include('color: rgb(207, 19, 34)');
    const text = (await card.textContent()) ?? '';
    for (const [label, value] of [['评价件数', 5], ['已评价', 4], ['差评', 3], ['需整改', 2], ['已整改', 1]] as const) expect(text).to.include(`${label}${value}`);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'audit-desktop-statistics-evaluations');

    // and on a phone the card's figures wrap two by two within the screen
    await page.setViewportSize(PHONE);
    try {
      await page.waitForTimeout(500);
      const wide = await page.evaluate<string[]>(
        `[...document.querySelectorAll('body *')].filter((e) => !(e instanceof SVGElement) && e.getBoundingClientRect().right > ${PHONE.width + 1}).slice(-6).map((e) => e.tagName + '.' + String(e.className).slice(0, 60) + ' ' + Math.round(e.getBoundingClientRect().right))`,
      );
      expect(await page.evaluate<number>('document.documentElement.scrollWidth'), `wider than the phone: ${wide.join(' | ')}`).to.be.at.most(PHONE.width);
      await card.scrollIntoViewIfNeeded();
      await screenshot(page, 'audit-phone-statistics-evaluations');
    } finally {
      await page.setViewportSize(DESKTOP);
    }
  });
});
