import { expect } from 'chai';
import { startAppsTestBed, ZHANG_SAN, type AppsTestBed } from './apps-test-bed';
import { launchBrowser, logIn, type TestBrowser } from './browser-support';

/** What every app page loads before and after signing in: nothing the server does not have. */
describe("the apps' page shell in a real browser (Debian chromium)", function () {
  this.timeout(60_000);
  let bed: AppsTestBed;
  let browser: TestBrowser;

  before(async function () {
    bed = await startAppsTestBed();
    await fetch(`${bed.url}/apps/assets/tasklist.js`);
    browser = await launchBrowser();
  });

  after(async function () {
    await browser?.close();
    await bed?.close();
  });

  it('asks the server for nothing it lacks (a tab icon of its own, no /favicon.ico 404), signed out and in', async function () {
    const { page } = browser;
    const failed: string[] = [];
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      // signed out, the app asks who is signed in and is told 401: that is how it knows to show the login form
      if (response.status() >= 400 && path !== '/v2/authentication/me') failed.push(`${response.status()} ${path}`);
    });
    await logIn(page, `${bed.url}/tasklist#/mine`, ZHANG_SAN);
    await page.getByRole('menuitem', { name: '我的任务' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(failed).to.deep.equal([]);
    expect(await page.locator('link[rel=icon]').getAttribute('href')).to.match(/^data:image\/svg\+xml,/);
  });
});
