import { expect } from 'chai';
import { startAppsTestBed, ZHANG_SAN, type AppsTestBed } from './apps-test-bed';
import { launchBrowser, logIn, PHONE, screenshot, type TestBrowser } from './browser-support';

/** The 期限暂定 banner on a phone: one readable line, its explanation on demand. */
describe('the 期限暂定 banner on a phone (Debian chromium)', function () {
  this.timeout(90_000);
  let bed: AppsTestBed;
  let browser: TestBrowser;

  before(async function () {
    bed = await startAppsTestBed();
    await fetch(`${bed.url}/apps/assets/tasklist.js`);
    // given an open case whose 15-working-day limit runs into 2027, a year without holiday data
    await bed.openCase('SD-2026-0902', '某某药房有限公司变更登记', { startedAt: '2026-12-20T09:00:00+08:00', workingDays: 15 });
    browser = await launchBrowser();
    await browser.page.setViewportSize(PHONE);
  });

  after(async function () {
    await browser?.close();
    await bed?.close();
  });

  it('takes one line at 390×844 with the count and the year, and explains itself when asked', async function () {
    const { page } = browser;
    await logIn(page, `${bed.url}/tasklist#/mine`, ZHANG_SAN);
    const banner = page.locator('.calendar-banner');
    await banner.waitFor();
    expect(await banner.textContent()).to.include('期限暂定 1 个').and.include('2027');
    const height = (await banner.boundingBox())!.height;
    expect(height, 'banner height on a phone').to.be.at.most(40);
    // still readable: the headline is not shrunk below 13 px
    expect(await banner.locator('.ant-alert-title').evaluate((element) => parseFloat((globalThis as unknown as { getComputedStyle(node: unknown): { fontSize: string } }).getComputedStyle(element).fontSize))).to.be.at.least(13);
    await screenshot(page, 'calendar-banner-phone-compact');

    await banner.getByRole('button', { name: '说明' }).click();
    await banner.getByText('您无需处理').waitFor();
    expect(await banner.getByRole('button', { name: '收起' }).getAttribute('aria-expanded')).to.equal('true');
    await screenshot(page, 'calendar-banner-phone-explained');
  });
});
