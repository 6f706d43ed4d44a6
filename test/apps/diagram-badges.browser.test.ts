import { expect } from 'chai';
import type { Locator } from 'playwright-core';
import { pauseDeadline } from '../../workers/lights';
import { AUDITOR, calendar, startAppsTestBed, type AppsTestBed } from './apps-test-bed';
import { launchBrowser, logIn, PHONE, screenshot, type TestBrowser } from './browser-support';

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

  it("keeps a paused, overdue case's 暂停·已超期 light off its task's box and name on a phone", async function () {
    // given a case two working days past its limit, then paused for 补正
    const { processInstanceKey: paused, deadline } = await bed.openCase('DIAG-002', '徽标手机测试有限公司设立登记', { startedAt: '2025-09-22T09:00:00+08:00', workingDays: 2 });
    const pausedDeadline = pauseDeadline(deadline, new Date(bed.server.engine.clock.now()).toISOString(), calendar);
    await bed.server.engine.setVariables({ elementInstanceKey: paused, variables: { deadline_stage1: pausedDeadline }, local: false });

    // when an auditor opens it on a phone
    const { page } = browser;
    await page.setViewportSize(PHONE);
    try {
      await page.goto(`${bed.url}/audit#/instance/${paused}`);
      const light = page.locator('#diagram .diagram-light[data-element="review"]');
      await light.waitFor();
      expect(await light.textContent()).to.equal('暂停·已超期');
      await screenshot(page, 'diagram-badges-phone-paused');

      // then the light sits above the task's box, covering neither the box nor its name 审查材料
      const shape = await box(page.locator('#diagram .djs-element[data-element-id="review"] .djs-visual'));
      const name = await box(page.locator('#diagram .djs-element[data-element-id="review"] text'));
      expect(overlap(await box(light), name), 'light over the task name').to.equal(false);
      expect(overlap(await box(light), shape), `light over the task box: ${JSON.stringify([await box(light), shape])}`).to.equal(false);
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });
});
