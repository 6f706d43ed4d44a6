import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { AUDITOR, type DemoUser } from './apps-test-bed';
import { DESKTOP, launchBrowser, logIn, PHONE, screenshot, taskRowCount, type TestBrowser } from './browser-support';
import { startDemoBed, type DemoBed } from './demo-bed';

/** 济南市's real-estate registration supervisor: the city's centre and 历下区's (engine/identity/demo-jurisdictions.ts). */
const JINAN_SUPERVISOR: DemoUser = { username: 'jinan.budongchan.duban', password: 'onego-demo' };
const LIXIA_CLERK: DemoUser = { username: 'lixia.budongchan', password: 'onego-demo' };

/** Places by name and the place filters of the audit case search and the task list, on the demo's two cities. */
describe('places (jurisdictions) by name and the place filters, on the demo data (Debian chromium)', function () {
  this.timeout(150_000);
  let bed: DemoBed;
  let browser: TestBrowser;
  let page: Page;

  const choose = async (label: string | RegExp, option: string | RegExp) => {
    await page.getByRole('combobox', { name: label }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
    // the dropdown fades out: wait until it has, so screenshots and the next choice see the page
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'detached' });
  };
  const optionLabels = async (label: string) => {
    await page.getByRole('combobox', { name: label }).click();
    const dropdown = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await dropdown.first().waitFor();
    const labels = await dropdown.allTextContents();
    await page.keyboard.press('Escape');
    return labels;
  };

  before(async function () {
    bed = await startDemoBed();
    await Promise.all(['tasklist', 'audit'].map((app) => fetch(`${bed.url}/apps/assets/${app}.js`)));
    // given the demo's cases at their first departments: 历下区's transfer, 市南区's mortgage (and 青岛's window for an enterprise of 历下区)
    await bed.openTask('DEMO-BDC-001', '登记审核', LIXIA_CLERK);
    await bed.openTask('DEMO-BDC-002', '登记审核', { username: 'shinan.budongchan', password: 'onego-demo' });
    browser = await launchBrowser();
    page = browser.page;
  });

  after(async function () {
    await browser?.close();
    await bed?.close();
  });

  /** The case numbers the audit list shows now, once the list has settled on `expected` (or after a while). */
  async function auditCases(until: (shown: string[]) => boolean): Promise<string[]> {
    let shown: string[] = [];
    for (let tries = 0; tries < 40; tries += 1) {
      shown = (await page.locator('.instances tr[data-row-key]').allTextContents()).map((text) => /DEMO-[A-Z]+-\d+/.exec(text)?.[0] ?? text);
      if (until(shown)) return shown;
      await page.waitForTimeout(250);
    }
    return shown;
  }

  it("offers the auditor the places by name and finds a city's cases with its districts', on the server", async function () {
    await logIn(page, `${bed.url}/audit#/instances`, AUDITOR);
    await page.locator('.instances tr[data-row-key]').first().waitFor();
    expect(await optionLabels('地区')).to.deep.equal(['济南市', '济南市 · 历下区', '青岛市', '青岛市 · 市南区']);
    // named for what it is: where the case's departments are, which is not always the case's own place (全域通办)
    expect(await page.locator('.instances th', { hasText: '办理地区' }).count()).to.equal(1);
    expect(await page.getByRole('combobox', { name: '办理地区' }).count()).to.equal(1);

    // 青岛市: its window's enterprise case and 市南区's mortgage, not 历下区's transfer
    await choose('地区', '青岛市');
    const qingdao = await auditCases((shown) => shown.includes('DEMO-BDC-002') && !shown.includes('DEMO-BDC-001'));
    expect(qingdao).to.include('DEMO-BDC-002').and.include('DEMO-QYKB-003').and.not.include('DEMO-BDC-001');
    // each row names its places, not group ids or codes
    expect(await page.locator('.instances tr[data-row-key]', { hasText: 'DEMO-BDC-002' }).locator('td.places-cell').textContent()).to.equal('青岛市市南区');
    expect(await page.locator('.instances tr[data-row-key]', { hasText: 'DEMO-QYKB-003' }).locator('td.places-cell').textContent()).to.equal('青岛市');
    // and its own place (案件地区, its jurisdiction) apart: 青岛's window handled 历下区's enterprise (全域通办)
    expect(await page.locator('.instances th', { hasText: '案件地区' }).count()).to.equal(1);
    expect(await page.locator('.instances tr[data-row-key]', { hasText: 'DEMO-QYKB-003' }).locator('td.case-place-cell').textContent()).to.equal('济南市历下区');
    expect(await page.locator('.instances tr[data-row-key]', { hasText: 'DEMO-BDC-002' }).locator('td.case-place-cell').textContent()).to.equal('青岛市市南区');
    await screenshot(page, 'places-desktop-audit-qingdao');

    // the 亮灯 board names the case's place under the same heading
    await page.goto(`${bed.url}/audit#/lights`);
    const boardRow = page.locator('.board tr[data-instance]', { hasText: 'DEMO-QYKB-003' });
    await boardRow.waitFor();
    expect(await page.locator('.board th', { hasText: '案件地区' }).count()).to.equal(1);
    expect(await boardRow.locator('td.case-place-cell').textContent()).to.equal('济南市历下区');
    await screenshot(page, 'places-desktop-audit-lights');
    await page.goto(`${bed.url}/audit#/instances`);
    await page.locator('.instances tr[data-row-key]').first().waitFor();
    await choose('地区', '青岛市');

    // 历下区: the transfer, not 市南区's mortgage
    await choose('地区', '历下区');
    const lixia = await auditCases((shown) => shown.includes('DEMO-BDC-001') && !shown.includes('DEMO-BDC-002'));
    expect(lixia).to.include('DEMO-BDC-001').and.not.include('DEMO-BDC-002').and.not.include('DEMO-YBZY-001');

    // the server refuses a place that is not a code, in Chinese and English
    const refused = await bed.call('GET', '/v2/apps/audit/process-instances?place=jinan', AUDITOR);
    expect(refused.status).to.equal(400);
    expect(((await refused.json()) as { detail: string }).detail).to.include('行政区划代码').and.include('six-digit place code');
    await page.getByRole('button', { name: '退出' }).click();
  });

  /** Each shown task row's case number and case place (`data-place`), once the rows name their case's place. */
  async function taskRows(): Promise<{ caseId: string; place: string | null }[]> {
    const rows = page.locator('tr[data-task]');
    const shown: { caseId: string; place: string | null }[] = [];
    for (let index = 0; index < (await rows.count()); index += 1) {
      const row = rows.nth(index);
      await row.locator('.case-cell').waitFor();
      const place = row.locator('.case-place');
      shown.push({ caseId: /DEMO-[A-Z]+-\d+/.exec((await row.textContent()) ?? '')?.[0] ?? '', place: (await place.count()) ? await place.getAttribute('data-place') : null });
    }
    return shown;
  }

  it("lets a city's supervisor narrow the department's tasks to the case's place, a city with its districts, at desktop and phone size", async function () {
    await logIn(page, `${bed.url}/tasklist#/group`, JINAN_SUPERVISOR);
    await page.goto(`${bed.url}/tasklist#/group`);
    await page.locator('tr[data-task]').first().waitFor();
    // the department column names the place's department, not its group id
    const departments = await page.locator('tr[data-task] td').allTextContents();
    expect(departments.join(' ')).to.include('济南市历下区自然资源和规划局').and.not.include('natural-resources-');
    // every place, as the audit search names them: a window may handle another place's case (全域通办)
    expect(await optionLabels('地区')).to.deep.equal(['济南市', '济南市 · 历下区', '青岛市', '青岛市 · 市南区']);
    // the header names the first department and how many more, on one line (the title stays in view)
    const who = page.locator('.app-header .who');
    expect(await who.textContent()).to.equal('济南市自然资源和规划局（不动产登记中心）督办（济南市自然资源和规划局（不动产登记中心） 等 2 个部门）');
    const header = (await page.locator('.app-header').boundingBox())!;
    const whoBox = (await who.boundingBox())!;
    expect(whoBox.y, 'the name inside the header').to.be.at.least(header.y - 1);
    expect(whoBox.y + whoBox.height, 'the name inside the header').to.be.at.most(header.y + header.height + 1);
    expect((await page.locator('.app-header h4').boundingBox())!.width, "the app's title keeps its room").to.be.greaterThan(60);

    // 历下区: the cases whose own place (shown under the number) is 历下区
    await choose('地区', '历下区');
    await page.locator('tr[data-task]', { hasText: 'DEMO-BDC-001' }).first().waitFor();
    const lixia = await taskRows();
    expect(lixia.map((row) => row.caseId)).to.include('DEMO-BDC-001');
    expect(lixia.every((row) => row.place === '370102'), JSON.stringify(lixia)).to.equal(true);
    await screenshot(page, 'places-desktop-tasklist-lixia');

    // 济南市 covers 历下区: the district's case stays (by the department's place it would not have)
    await choose('地区', /^济南市$/);
    await page.locator('tr[data-task]', { hasText: 'DEMO-BDC-001' }).first().waitFor();
    const jinan = await taskRows();
    expect(jinan.every((row) => row.place === '370100' || row.place === '370102'), JSON.stringify(jinan)).to.equal(true);

    // 青岛市: none of this supervisor's departments has a case of 青岛
    await choose('地区', /^青岛市$/);
    await taskRowCount(page, 0);
    await page.getByText('本部门暂无待办任务').waitFor();

    await page.setViewportSize(PHONE);
    try {
      await choose('地区', '历下区');
      await page.locator('.task-cards [data-task]', { hasText: 'DEMO-BDC-001' }).first().waitFor();
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).to.be.at.most(PHONE.width);
      await screenshot(page, 'places-phone-tasklist-lixia');
    } finally {
      await page.setViewportSize(DESKTOP);
    }
  });

  it("names the case's own place (its jurisdiction) in the task list where a department of another place handles it (全域通办)", async function () {
    // given 历下区's enterprise opening accepted at 青岛's window
    const qingdaoWindow: DemoUser = { username: 'qingdao.shenpi', password: 'onego-demo' };
    await bed.openTask('DEMO-QYKB-003', '材料指导与预审', qingdaoWindow);

    // when 青岛's window clerk signs in and looks at the department's tasks
    await page.getByRole('button', { name: '退出' }).click();
    await page.locator('#username').waitFor();
    await logIn(page, `${bed.url}/tasklist#/group`, qingdaoWindow);
    const row = page.locator('tr[data-task]', { hasText: 'DEMO-QYKB-003' }).first();
    await row.locator('.case-place').waitFor();

    // then the case reads 济南市历下区 while the department is 青岛's
    expect(await row.locator('.case-place').textContent()).to.equal('案件地区：济南市历下区');
    expect(await row.locator('.case-place').getAttribute('data-place')).to.equal('370102');
    expect(await row.locator('td.department-cell').textContent()).to.include('青岛市');
    await screenshot(page, 'places-desktop-tasklist-case-place');

    // and the place filter finds it by the case's place, which no department of 青岛's window is in
    await choose('地区', '历下区');
    await page.locator('tr[data-task]', { hasText: 'DEMO-QYKB-003' }).first().waitFor();
    const lixia = await taskRows();
    expect(lixia.every((row) => row.place === '370102'), JSON.stringify(lixia)).to.equal(true);
    await screenshot(page, 'places-desktop-tasklist-filter-case-place');
    await choose('地区', '市南区');
    await page.locator('tr[data-task]', { hasText: 'DEMO-QYKB-003' }).waitFor({ state: 'detached' });
    expect((await taskRows()).every((row) => row.place === '370202')).to.equal(true);
    await page.locator('.place-filter .ant-select-clear').click({ force: true });

    await page.setViewportSize(PHONE);
    try {
      const card = page.locator('.task-cards [data-task]', { hasText: 'DEMO-QYKB-003' }).first();
      await card.locator('.case-place').waitFor();
      expect(await card.locator('.case-place').textContent()).to.equal('案件地区：济南市历下区');
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).to.be.at.most(PHONE.width);
      await screenshot(page, 'places-phone-tasklist-case-place');
    } finally {
      await page.setViewportSize(DESKTOP);
    }
  });
});
