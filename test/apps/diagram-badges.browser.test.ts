import { expect } from 'chai';
import type { Locator } from 'playwright-core';
import { AUDITOR, startAppsTestBed, type AppsTestBed } from './apps-test-bed';
import { launchBrowser, logIn, screenshot, type TestBrowser } from './browser-support';

type Box = { x: number; y: number; width: number; height: number };

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The audit diagram's counts and lights keep clear of the names events write under themselves. */
describe("the audit diagram's badges beside element names (Debian chromium)", function () {
  this.timeout(90_000);
  let bed: AppsTestBed;
  let browser: TestBrowser;
  let processInstanceKey: string;

  before(async function () {
    bed = await startAppsTestBed();
    await fetch(`${bed.url}/apps/assets/audit.js`);
    ({ processInstanceKey } = await bed.openCase('DIAG-001', '徽标位置测试有限公司设立登记'));
    browser = await launchBrowser();
  });

  after(async function () {
    await browser?.close();
    await bed?.close();
  });

  const box = async (locator: Locator): Promise<Box> => {
    const found = await locator.boundingBox();
    expect(found, 'element on screen').to.not.equal(null);
    return found!;
  };

  it("puts the start event's count where its name 受理 is not, and the step's count and light on the step", async function () {
    const { page } = browser;
    await logIn(page, `${bed.url}/audit#/instance/${processInstanceKey}`, AUDITOR);
    const diagram = page.locator('#diagram');
    const startCount = diagram.locator('.diagram-count[data-element="start"]');
    await startCount.waitFor();
    // the label's text, not its (wider) hit area
    const startLabel = await box(diagram.locator('.djs-element[data-element-id="start_label"] text'));
    expect(overlap(await box(startCount), startLabel), 'start count over the 受理 label').to.equal(false);
    const startShape = await box(diagram.locator('.djs-element[data-element-id="start"] .djs-visual'));
    expect(overlap(await box(startCount), startShape), 'start count over the start event').to.equal(false);

    // a task's name is inside its box: its count and light still sit on its corners, not on its name
    const reviewCount = diagram.locator('.diagram-count[data-element="review"]');
    const reviewLight = diagram.locator('.diagram-light[data-element="review"]');
    const reviewName = await box(diagram.locator('.djs-element[data-element-id="review"] text'));
    expect(overlap(await box(reviewCount), reviewName)).to.equal(false);
    expect(overlap(await box(reviewLight), reviewName)).to.equal(false);
    await screenshot(page, 'diagram-badges-desktop');
  });
});
