import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { pauseDeadline } from '../../workers/lights';
import { AUDITOR, calendar, ZHANG_SAN, processEvent, startAppsTestBed, type AppsTestBed } from './apps-test-bed';
import { DESKTOP, launchBrowser, logIn, PHONE, screenshot, type TestBrowser } from './browser-support';

describe('the audit app for 电子监察 in a real browser (Debian chromium)', function () {
  this.timeout(90_000);
  let bed: AppsTestBed;
  let browser: TestBrowser;
  let page: Page;
  let downloads: string;
  /** SD-A-3, open and overdue (paused for 补正 later in the journey). */
  let overdueCase: Awaited<ReturnType<AppsTestBed['openCase']>>;

  /** Open a case and let zhang.san decide it. */
  async function finishCase(caseId: string, caseTitle: string, limit?: { startedAt: string; workingDays: number }): Promise<void> {
    const { processInstanceKey } = await bed.openCase(caseId, caseTitle, limit);
    const created = await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'CREATED' && record.value.processInstanceKey === processInstanceKey);
    const userTaskKey = String(created.value.userTaskKey ?? created.key);
    await bed.call('POST', `/v2/user-tasks/${userTaskKey}/assignment`, { user: ZHANG_SAN, body: { assignee: 'zhang.san' } });
    await bed.call('POST', `/v2/user-tasks/${userTaskKey}/completion`, { user: ZHANG_SAN, body: { variables: { decision: 'approve', opinion: '材料齐全，准予设立' } } });
    await bed.record(processEvent(processInstanceKey, 'ELEMENT_COMPLETED'));
  }

  /** Waits until the case list shows exactly these case numbers (the server answers each filter change). */
  async function caseNumbersShown(expected: string[]): Promise<void> {
    const cells = page.locator('.instances tr[data-row-key] td:nth-child(2)');
    for (let tries = 0; tries < 100; tries += 1) {
      if (JSON.stringify(await cells.allTextContents()) === JSON.stringify(expected)) return;
      await page.waitForTimeout(100);
    }
    expect(await cells.allTextContents()).to.deep.equal(expected);
  }

  before(async function () {
    bed = await startAppsTestBed();
    await fetch(`${bed.url}/apps/assets/audit.js`);
    await finishCase('SD-A-1', '某某科技有限公司设立登记');
    await finishCase('SD-A-2', '某某物流有限公司变更登记', { startedAt: '2025-09-22T09:00:00+08:00', workingDays: 3 });
    overdueCase = await bed.openCase('SD-A-3', '某某食品有限公司设立登记', { startedAt: '2025-09-22T09:00:00+08:00', workingDays: 2 });
    downloads = await mkdtemp(join(tmpdir(), 'onego-audit-downloads-'));
    browser = await launchBrowser();
    page = browser.page;
    await logIn(page, `${bed.url}/audit`, AUDITOR);
  });

  after(async function () {
    await browser?.close();
    await bed?.close();
    if (downloads) await rm(downloads, { recursive: true, force: true });
  });

  it('tells an auditor the case history in Chinese, with the raw records one switch away', async function () {
    // when the auditor opens a finished case
    await page.getByRole('link', { name: '某某科技有限公司设立登记' }).click();

    // then each line names the step, the person with their department and what was decided
    const decision = page.locator('.readable-history .history-line', { hasText: '完成「审查材料」' });
    await decision.waitFor();
    expect(await decision.textContent()).to.include('张三（市场监管局）');
    expect(await decision.locator('.history-change').allTextContents()).to.deep.equal(['审查结论 = 通过', '审查意见 = 材料齐全，准予设立']);
    expect(await page.locator('.readable-history').textContent()).to.include('「第一阶段时限」开始计时').and.not.include('ELEMENT_');
    expect(await page.locator('.case-result').getAttribute('data-result')).to.equal('onTime');
    await screenshot(page, 'audit-desktop-readable-history');
    // and the expert's raw records are behind 原始记录
    await page.locator('.raw-toggle').click();
    await page.locator('.history tr[data-row-key]', { hasText: 'USER_TASK COMPLETED' }).waitFor();
    await page.locator('.raw-toggle').click();
  });

  it('shows the statistics: on-time rate, the overdue ranking by department and the charts', async function () {
    // when the auditor opens 电子监察统计 (the last twelve weeks by default)
    await page.getByRole('link', { name: '电子监察统计' }).click();

    // then one case was late, one on time, and one open case is overdue, all at 市场监管局
    const row = page.locator('.department-ranking tr[data-row-key=market-regulation]');
    await row.waitFor();
    expect((await row.locator('td').allTextContents()).slice(0, 7)).to.deep.equal(['1', '市场监管局', '2', '1', '1', '50.0%', '1']);
    expect(await page.locator('.totals').textContent()).to.include('50.0%');
    // the charts are drawn on canvas by ECharts
    await page.locator('.department-chart canvas').waitFor();
    await page.locator('.trend-chart canvas').waitFor();
    expect(await page.locator('.process-statistics').textContent()).to.include('营业执照审查（测试）');
    await page.waitForTimeout(600); // let the chart animation settle before the screenshot
    await screenshot(page, 'audit-desktop-statistics');
  });

  it('downloads the statistics as an Excel file and the case list as CSV', async function () {
    // when the auditor exports the statistics as Excel
    const [excel] = await Promise.all([page.waitForEvent('download'), page.locator('.export-xlsx').click()]);
    const excelPath = join(downloads, excel.suggestedFilename());
    await excel.saveAs(excelPath);

    // then the workbook holds the ranking, the processes and the weekly trend
    expect(excel.suggestedFilename()).to.equal('电子监察统计-2025-10-09.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(excelPath);
    expect(workbook.worksheets.map((sheet) => sheet.name)).to.deep.equal(['部门排名', '流程', '每周趋势', '好差评']);
    expect(workbook.getWorksheet('部门排名')!.getRow(2).getCell(3).value).to.equal('市场监管局');

    // and as CSV: the department ranking (a CSV holds one table), in UTF-8 with a BOM so Excel reads the Chinese
    const [statisticsCsv] = await Promise.all([page.waitForEvent('download'), page.locator('.export-csv').click()]);
    expect(statisticsCsv.suggestedFilename()).to.equal('电子监察统计-2025-10-09.csv');
    const statisticsPath = join(downloads, statisticsCsv.suggestedFilename());
    await statisticsCsv.saveAs(statisticsPath);
    const statisticsBytes = await readFile(statisticsPath);
    expect([...statisticsBytes.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const statisticsLines = statisticsBytes.toString('utf8').replace(/^\uFEFF/, '').trim().split('\n');
    expect(statisticsLines[0]).to.include('部门');
    const marketRegulation = statisticsLines.find((line) => line.includes(',市场监管局,'));
    expect(marketRegulation, statisticsLines.join('\n')).to.match(/,1,市场监管局,2,1,1,/);
    expect(statisticsLines[statisticsLines.length - 1]).to.include('合计');

    // and the case list exports as CSV
    await page.getByRole('link', { name: '案件' }).first().click();
    await page.locator('.instances tr[data-row-key]').first().waitFor();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('.export-csv').click()]);
    const csvPath = join(downloads, csv.suggestedFilename());
    await csv.saveAs(csvPath);
    const text = (await readFile(csvPath, 'utf8')).replace(/^\uFEFF/, '');
    expect(csv.suggestedFilename()).to.equal('案件列表-2025-10-09.csv');
    expect(text.trim().split('\n')).to.have.length(4);
    expect(text).to.include('SD-A-3,某某食品有限公司设立登记');
  });

  it('finds cases on the server by final result and by case number, through labelled filters', async function () {
    await page.goto(`${bed.url}/audit#/instances`);
    await page.locator('.instances tr[data-row-key]').first().waitFor();
    // the filters are a search landmark whose controls carry their labels
    expect(await page.getByRole('search', { name: '案件筛选' }).count()).to.equal(1);

    // when the auditor asks for cases finished late
    await page.locator('.filter-light').click();
    await page.locator('.ant-select-item-option', { hasText: '超期办结' }).click();

    // then the server answers only SD-A-2
    await caseNumbersShown(['SD-A-2']);
    await screenshot(page, 'audit-desktop-cases');

    // and by case number, typed and sent with Enter from the keyboard
    await page.locator('.filter-light .ant-select-clear').click();
    await page.getByLabel('案件编号').fill('SD-A-3');
    await page.getByLabel('案件编号').press('Enter');
    await caseNumbersShown(['SD-A-3']);
  });

  it('shows the 亮灯 board with department, current step, handler and how long a case is overdue', async function () {
    await page.getByRole('link', { name: '亮灯看板' }).click();
    const row = page.locator('.board tr[data-instance]', { hasText: 'SD-A-3' });
    await row.waitFor();
    expect(await row.locator('.department-cell').textContent()).to.equal('市场监管局');
    expect(await row.locator('.step-cell').textContent()).to.equal('审查材料');
    expect(await row.locator('.handler-cell').textContent()).to.equal('待领取');
    expect(await row.locator('.overdue-cell').textContent()).to.match(/\d+ 个工作日/);
    expect(await page.locator('.board-counts').textContent()).to.include('办理中 1 件：红灯 1');
    // at 1440 px every heading and the current step stay on one line (当前环节 once broke over two)
    const lines = await page.evaluate<Record<string, number>>(`Object.fromEntries([...document.querySelectorAll('.board thead th, .board td.step-cell, .board td.light-cell')]
      .filter((cell) => cell.textContent.trim()).map((cell) => { const tops = new Set(); const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) { const range = document.createRange(); range.selectNodeContents(node);
          for (const rect of range.getClientRects()) tops.add(Math.round(rect.top)); }
        return [cell.textContent.trim(), tops.size]; }))`);
    expect(Object.entries(lines).filter(([, count]) => count > 1)).to.deep.equal([]);
    await screenshot(page, 'audit-desktop-lights');
  });

  it('still shows a case paused for 补正 as overdue when it was overdue before the pause', async function () {
    // given the overdue case paused for 补正 now (the clock stands, the overdue time stays)
    const paused = pauseDeadline(overdueCase.deadline, new Date(bed.server.engine.clock.now()).toISOString(), calendar);
    await bed.server.engine.setVariables({ elementInstanceKey: overdueCase.processInstanceKey, variables: { deadline_stage1: paused }, local: false });

    // when the auditor looks at the board, then its light reads paused and overdue, in red
    await page.reload();
    const tag = page.locator('.board tr[data-instance]', { hasText: 'SD-A-3' }).locator('td.light-cell [data-light]');
    await tag.and(page.locator('[data-light=paused]')).waitFor();
    expect(await tag.getAttribute('data-overdue')).to.equal('true');
    expect(await tag.textContent()).to.equal('暂停计时·已超期');
    const deadline = page.locator('.board tr[data-instance]', { hasText: 'SD-A-3' }).locator('[data-deadline=stage1]');
    expect(await deadline.textContent()).to.match(/补正中，暂停计时（已超期 \d+ 个工作日/);
    // and the line says which deadline it is (a case runs several at once)
    expect(await deadline.locator('.deadline-name').textContent()).to.equal('第一阶段时限');
    await screenshot(page, 'audit-desktop-lights-paused-overdue');
  });

  it('fits the statistics and the case history on a phone, the ranking as cards', async function () {
    await page.setViewportSize(PHONE);
    try {
      await page.goto(`${bed.url}/audit#/statistics`);
      const card = page.locator('.department-ranking [data-department=market-regulation]');
      await card.waitFor();
      expect(await card.textContent()).to.include('办结 2（按时 1，超期 1），在办超期 1');
      await page.locator('.department-chart canvas').waitFor();
      await page.waitForTimeout(600);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).to.be.at.most(PHONE.width);
      await screenshot(page, 'audit-phone-statistics');

      await page.goto(`${bed.url}/audit#/instances`);
      await page.getByRole('link', { name: '某某物流有限公司变更登记' }).click();
      await page.locator('.readable-history .history-line', { hasText: '完成「审查材料」' }).waitFor();
      // a case finished late keeps 超期办结 after its lights are gone
      expect(await page.locator('.case-result').textContent()).to.include('超期办结');
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).to.be.at.most(PHONE.width);
      // variables are cards, not a cramped table
      await page.locator('.variables-cards [data-variable=caseTitle]').waitFor();
      expect(await page.locator('table', { has: page.locator('text=作用域') }).count()).to.equal(0);
      await screenshot(page, 'audit-phone-readable-history');

      await page.goto(`${bed.url}/audit#/lights`);
      const boardCard = page.locator('.board [data-instance]', { hasText: 'SD-A-3' });
      await boardCard.waitFor();
      expect(await boardCard.textContent()).to.include('部门：市场监管局 · 环节：审查材料 · 经办人：待领取');
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).to.be.at.most(PHONE.width);
      await screenshot(page, 'audit-phone-lights');

      await page.goto(`${bed.url}/audit#/instances`);
      await page.locator('.instances-cards [data-instance]').first().waitFor();
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).to.be.at.most(PHONE.width);
      await screenshot(page, 'audit-phone-cases');
    } finally {
      await page.setViewportSize(DESKTOP);
    }
  });

  it('keeps the case rows on a phone in their colour while a search runs, saying 查询中… at the top of the screen', async function () {
    // given the case list on a phone, scrolled to its rows, and a search that takes a while (a loaded server)
    await page.setViewportSize(PHONE);
    const slow = '**/v2/apps/audit/process-instances?*';
    try {
      await page.goto(`${bed.url}/audit#/instances`);
      const firstRow = page.locator('.instances-cards [data-instance]').first();
      await firstRow.waitFor();
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(slow, async (route) => {
        await held;
        await route.continue();
      });
      // when the auditor picks a state and looks at the rows
      await page.locator('.ant-segmented-item', { hasText: '办理中' }).click();
      await firstRow.scrollIntoViewIfNeeded();
      // then a bar on screen says the search is under way, and the rows are not dimmed as if disabled
      const bar = page.locator('.list-searching-bar');
      await bar.waitFor({ state: 'visible' });
      const box = await bar.boundingBox();
      expect(box && box.y >= 0 && box.y + box.height <= PHONE.height, `bar at ${JSON.stringify(box)}`).to.equal(true);
      expect(await bar.textContent()).to.include('查询中…');
      expect(await page.locator('.instances-cards .ant-spin-blur').count()).to.equal(0);
      // (the page's opacity, multiplied up the row's ancestors: what the eye sees)
      const seen = `(() => { let opacity = 1; for (let node = document.querySelector('.instances-cards [data-instance]'); node; node = node.parentElement) opacity *= Number(getComputedStyle(node).opacity); return opacity; })()`;
      expect(await page.evaluate<number>(seen)).to.equal(1);
      await screenshot(page, 'audit-phone-cases-searching');
      // and once the answer is in, the bar goes
      release();
      await bar.waitFor({ state: 'detached' });
      await page.locator('.instances-cards [data-instance]').first().waitFor();
    } finally {
      await page.unroute(slow);
      await page.locator('.ant-segmented-item', { hasText: '全部' }).click().catch(() => undefined);
      await page.setViewportSize(DESKTOP);
    }
  });

  it("names the open task's holder and a step's own variable's scope by name, not by account or key", async function () {
    // given SD-A-3's open task claimed by zhang.san, with a note kept on the step itself (a local variable)
    const created = await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'CREATED' && record.value.processInstanceKey === overdueCase.processInstanceKey);
    expect((await bed.call('POST', `/v2/user-tasks/${created.key}/assignment`, { user: ZHANG_SAN, body: { assignee: 'zhang.san' } })).status).to.equal(204);
    const elementInstanceKey = String(created.value.elementInstanceKey);
    await bed.server.engine.setVariables({ elementInstanceKey, variables: { reviewNote: '营业执照副本待核' }, local: true });
    await bed.record((record) => record.valueType === 'VARIABLE' && record.intent === 'CREATED' && record.value.name === 'reviewNote');

    // when the auditor opens the case
    await page.goto(`${bed.url}/audit#/instance/${overdueCase.processInstanceKey}`);

    // then the open task reads 张三 and the note's scope reads 环节「审查材料」, each keeping its id on the element
    const holder = page.locator('.open-tasks .assignee-name');
    await holder.filter({ hasText: '张三' }).waitFor();
    expect(await holder.getAttribute('data-assignee')).to.equal('zhang.san');
    const scope = page.locator('.variables tr[data-row-key]', { hasText: 'reviewNote' }).locator('.variable-scope');
    expect(await scope.textContent()).to.equal('环节「审查材料」');
    expect(await scope.getAttribute('data-scope')).to.equal(elementInstanceKey);
    expect(await page.locator('.variables tr[data-row-key]', { hasText: 'caseTitle' }).locator('.variable-scope').textContent()).to.equal('流程');
    await screenshot(page, 'audit-desktop-names-of-holder-and-scope');
  });

  it('counts the open cases without a deadline on the 亮灯 board as 无时限, so the colours add up to every open case', async function () {
    // given an open case started without any deadline variable (no light can be computed for it)
    const { processInstanceKey } = await bed.server.engine.createProcessInstance({ bpmnProcessId: 'apps-licence-review', variables: { caseId: 'SD-A-4', caseTitle: '某某书店有限公司设立登记' } });

    // when the auditor looks at the board
    await page.goto(`${bed.url}/audit#/lights`);
    const counts = page.locator('.board-counts');
    await counts.filter({ hasText: '办理中 2 件' }).waitFor();

    // then the counts name the case without a deadline in a group of its own, and the groups add up to the open cases
    expect(await counts.textContent()).to.equal('办理中 2 件：红灯 0、黄灯 0、绿灯 0、暂停 1、无时限 1');
    const open = (await (await bed.call('POST', '/v2/process-instances/search', { user: AUDITOR, body: { filter: { state: 'ACTIVE' } } })).json()) as { page: { totalItems: number } };
    expect(open.page.totalItems).to.equal(2);
    // and the 无时限 filter lists that case alone
    await page.locator('.filter-colour .ant-segmented-item', { hasText: '无时限' }).click();
    const rows = page.locator('.board tr[data-instance]');
    await page.locator(`.board tr[data-instance="${processInstanceKey}"]`).waitFor();
    expect(await rows.count()).to.equal(1);
    expect(await rows.locator('[data-light]').getAttribute('data-light')).to.equal('none');
    await screenshot(page, 'audit-desktop-lights-no-limit');
    await page.locator('.filter-colour .ant-segmented-item', { hasText: '全部' }).click();
  });

  it('fits the open tasks (当前待办) of a case on a phone as cards, without scrolling sideways', async function () {
    // given SD-A-3's open task (claimed by zhang.san above)
    await page.setViewportSize(PHONE);
    try {
      // when the auditor opens the case at 390×844
      await page.goto(`${bed.url}/audit#/instance/${overdueCase.processInstanceKey}`);
      const card = page.locator('.open-tasks-cards [data-task]');
      await card.waitFor();

      // then the task is a card naming the step, the department, who holds it and when it was created
      expect(await page.locator('.open-tasks').count()).to.equal(0);
      expect(await card.textContent()).to.include('审查材料').and.include('市场监管局').and.include('张三').and.include('创建：');
      // and nothing on the page scrolls sideways: neither the page nor any box inside it
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).to.be.at.most(PHONE.width);
      const sideways = await page.evaluate<string[]>(`[...document.querySelectorAll('main *')].filter((element) => element.scrollWidth > element.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(element).overflowX) && !element.closest('.djs-container')).map((element) => element.className)`);
      expect(sideways).to.deep.equal([]);
      await screenshot(page, 'audit-phone-open-tasks');
    } finally {
      await page.setViewportSize(DESKTOP);
    }
  });
});
