import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { AUDITOR } from './apps-test-bed';
import { DESKTOP, launchBrowser, logIn, PHONE, screenshot, type TestBrowser } from './browser-support';
import { demoCases } from '../../scripts/demo/demo-cases';
import { startDemoBed, type DemoBed } from './demo-bed';

/** The auditor's (电子监察) case search and case page on `onego start`'s demo cases. */
describe("an auditor's case search and case diagram on the demo data (Debian chromium)", function () {
  this.timeout(120_000);
  let bed: DemoBed;
  let browser: TestBrowser;
  let page: Page;
  let downloads: string;

  const rows = () => page.locator('.instances tr[data-row-key]');

  /** Waits for the list to settle (no spinner, the same rows twice) and returns its rows' cells. */
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

  /**
   * Does `change` (a filter, a search, a page load) and returns the rows of the list the server answered for it.
   * The answer is awaited first: a loaded browser may not have started the new search (no spinner yet) when the
   * old rows are read twice, and then counted them for the new filter.
   */
  async function rowsAfter(column: number, change: () => Promise<unknown>): Promise<string[]> {
    const answered = page.waitForResponse((response) => new URL(response.url()).pathname === '/v2/apps/audit/process-instances');
    await change();
    await answered;
    return settledRows(column);
  }

  before(async function () {
    downloads = await mkdtemp(join(tmpdir(), 'onego-audit-demo-downloads-'));
    bed = await startDemoBed();
    await fetch(`${bed.url}/apps/assets/audit.js`);
    browser = await launchBrowser();
    page = browser.page;
    // the demo opens its cases right after start; the history lists them a moment later
    for (let tries = 0; tries < 120; tries += 1) {
      const listed = (await (await bed.call('GET', '/v2/apps/audit/process-instances?limit=100', AUDITOR)).json()) as { items: unknown[] };
      if (listed.items.length >= demoCases.length) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await rowsAfter(3, () => logIn(page, `${bed.url}/audit`, AUDITOR));
  });

  after(async function () {
    await browser?.close();
    await bed?.close();
    await rm(downloads, { recursive: true, force: true });
  });

  /** Clicks an export button and returns the saved file's path and name. */
  async function exported(button: string): Promise<{ path: string; name: string }> {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(button).first().click()]);
    const path = join(downloads, download.suggestedFilename());
    await download.saveAs(path);
    return { path, name: download.suggestedFilename() };
  }

  it('narrows the demo cases by process, state, acceptance date and light', async function () {
    const all = await settledRows(3);
    expect(all.length).to.be.at.least(3);
    // the list names each case's process as a person reads it, not by its id
    const processName = all[0].replace(/ v\d+.*$/, '');
    const definitions = (await (await bed.call('POST', '/v2/process-definitions/search', AUDITOR, { filter: { isLatestVersion: true } })).json()) as { items: { processDefinitionId: string; name: string }[] };
    expect(definitions.items.map((definition) => definition.name), all.join(' | ')).to.include(processName);
    expect(definitions.items.map((definition) => definition.processDefinitionId)).to.not.include(processName);

    // by process
    await page.locator('.filter-process').click();
    const byProcess = await rowsAfter(3, () => page.locator('.ant-select-item-option', { hasText: processName }).first().click());
    expect(byProcess.length).to.be.at.least(1);
    expect(byProcess.every((cell) => cell.startsWith(`${processName} v`)), byProcess.join(' | ')).to.equal(true);
    await page.locator('.filter-process').hover();
    await rowsAfter(3, () => page.locator('.filter-process .ant-select-clear').click());

    // by state: 办理中 only
    await rowsAfter(4, () => page.locator('.case-filters .ant-segmented-item', { hasText: '办理中' }).click());
    const states = await rows().locator('[data-state]').evaluateAll((tags) => tags.map((tag) => tag.getAttribute('data-state')));
    expect(states.length).to.be.at.least(1);
    expect(new Set(states)).to.deep.equal(new Set(['ACTIVE']));

    // by acceptance date: today (Beijing) holds them all, a day long past none
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const dates = page.locator('.filter-dates input');
    await dates.first().click();
    await dates.first().fill('2020-01-01');
    await dates.nth(1).fill('2020-01-02');
    await rowsAfter(2, () => dates.nth(1).press('Enter'));
    expect(await rows().count()).to.equal(0);
    await dates.first().click();
    await dates.first().fill(today);
    await dates.nth(1).fill(today);
    expect((await rowsAfter(2, () => dates.nth(1).press('Enter'))).length).to.equal(states.length);

    // by light: each light shows open cases only, and no case under two lights (cases without a deadline have none)
    const lit: string[] = [];
    for (const light of ['红灯（办理中）', '黄灯（办理中）', '绿灯（办理中）', '暂停（补正中）']) {
      await page.locator('.filter-light').click();
      const shown = await rowsAfter(2, () => page.locator('.ant-select-item-option', { hasText: light }).click());
      expect(await rows().locator('[data-state=ACTIVE]').count()).to.equal(shown.length);
      lit.push(...shown);
    }
    expect(lit.length).to.be.at.least(1).and.at.most(states.length);
    expect(new Set(lit).size, lit.join(' ')).to.equal(lit.length);
    await page.locator('.filter-light').hover();
    await rowsAfter(2, () => page.locator('.filter-light .ant-select-clear').click());
    await screenshot(page, 'audit-demo-desktop-case-search');
  });

  it('shows an open case on its diagram with counts, its light on the current step, and the history in Chinese', async function () {
    // a fresh list (no filters), open cases only
    await page.goto(`${bed.url}/audit#/instances`);
    await rowsAfter(2, () => page.reload());
    await rowsAfter(2, () => page.locator('.case-filters .ant-segmented-item', { hasText: '办理中' }).click());
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

  it('finds the demo cases by applicant and by department, and exports the found list as CSV and Excel', async function () {
    await rowsAfter(2, () => page.goto(`${bed.url}/audit#/instances`));

    // by applicant: a person (张三 applied for DEMO-QYKB-001) and part of a company's name (某某 for both projects)
    const applicant = page.getByLabel('申请人');
    await applicant.fill('张三');
    expect(await rowsAfter(2, () => applicant.press('Enter'))).to.deep.equal(['DEMO-QYKB-001']);
    await applicant.fill('某某');
    expect((await rowsAfter(2, () => applicant.press('Enter'))).sort()).to.deep.equal(['DEMO-ENG-001', 'DEMO-ENG-002']);
    await applicant.fill('');
    await rowsAfter(2, () => applicant.press('Enter'));

    // by department: 行政审批服务局 handles the two enterprise openings, chosen by typing its name
    await page.locator('.filter-department').click();
    await page.keyboard.type('行政审批');
    const byDepartment = (await rowsAfter(2, () => page.locator('.ant-select-item-option', { hasText: '行政审批服务局' }).first().click())).sort();
    expect(byDepartment).to.deep.equal(['DEMO-QYKB-001', 'DEMO-QYKB-002']);
    await screenshot(page, 'audit-demo-desktop-case-search-department');

    // the found list exports as CSV and as Excel, the same two cases in each
    const csv = await exported('.export-csv');
    expect(csv.name).to.match(/^案件列表-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = (await readFile(csv.path, 'utf8')).replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines).to.have.length(3);
    expect(lines.slice(1).join('\n')).to.include('DEMO-QYKB-001').and.include('DEMO-QYKB-002');
    const excel = await exported('.export-xlsx');
    expect(excel.name).to.match(/^案件列表-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(excel.path);
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).to.equal(3);
    const cells = [2, 3].map((row) => (sheet.getRow(row).values as unknown[]).map(String).join(' ')).join(' ');
    expect(cells).to.include('DEMO-QYKB-001').and.include('DEMO-QYKB-002');
    await page.locator('.filter-department').hover();
    await page.locator('.filter-department .ant-select-clear').click();
  });

  it('exports the 亮灯 board of the demo cases as CSV and Excel', async function () {
    await page.getByRole('link', { name: '亮灯看板' }).click();
    await page.locator('.export-csv').first().waitFor();
    const csv = await exported('.export-csv');
    const lines = (await readFile(csv.path, 'utf8')).replace(/^\uFEFF/, '').trim().split('\n');
    expect(csv.name).to.match(/\.csv$/);
    expect(lines.length).to.be.at.least(2);
    expect(lines[0]).to.include('部门');
    const excel = await exported('.export-xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(excel.path);
    expect(workbook.worksheets[0].rowCount).to.equal(lines.length);
    await screenshot(page, 'audit-demo-desktop-lights');
  });

  it("tells a demo case's history as sentences: the application under its form labels, steps by name, and in English after the switch", async function () {
    // when the auditor opens 张三's enterprise opening
    await rowsAfter(2, () => page.goto(`${bed.url}/audit#/instances`));
    await page.getByLabel('申请人').fill('张三');
    expect(await rowsAfter(2, () => page.getByLabel('申请人').press('Enter'))).to.deep.equal(['DEMO-QYKB-001']);
    await rows().first().locator('a').first().click();
    const opened = page.locator('.readable-history .history-line[data-kind=case]', { hasText: '案件开始：企业开办' });
    await opened.waitFor();

    // then the case opens with the application's values under the start form's labels, options as their labels
    const values = await opened.locator('.history-change').allTextContents();
    expect(values).to.include.members(['申请人 = 张三（身份证号码：370102199001011234）', '企业名称（自主申报） = 济南泉城软件有限公司', '市场主体类型 = 自然人投资的有限责任公司', '住所 = 济南市历下区泉城路1号', '领取方式 = 免费寄递']);
    // and automatic steps and the task's department read by name; no variable name, id or engine word shows
    const history = (await page.locator('.readable-history').textContent()) ?? '';
    expect(history).to.include('「登记申请」已自动办理').and.include('转入「材料指导与预审」（行政审批服务局）');
    expect(history).to.not.match(/[a-z]+[A-Z]\w* =|approval-service|ELEMENT_|onego-worker|\bdemo\b/);
    // and the open task names its department and the case its process, not their ids
    await page.locator('tr', { hasText: '材料指导与预审' }).filter({ hasText: '行政审批服务局' }).first().waitFor();
    expect(await page.locator('.ant-descriptions').first().textContent()).to.include('企业开办 v1').and.not.include('enterprise-opening');
    await screenshot(page, 'audit-demo-desktop-readable-history');

    // the data changes (workers' bookkeeping) are one switch away
    const before = await page.locator('.readable-history .history-line').count();
    await page.locator('.changes-toggle').click();
    await page.locator('.readable-history .history-line[data-kind=variable]').first().waitFor();
    expect(await page.locator('.readable-history .history-line').count()).to.be.greaterThan(before);
    await page.locator('.changes-toggle').click();

    // in English the sentences turn, the names stay as the case has them
    await page.getByText('EN', { exact: true }).click();
    try {
      await page.locator('.readable-history .history-line', { hasText: 'Case opened: 企业开办' }).waitFor();
      const english = (await page.locator('.readable-history').textContent()) ?? '';
      // the demo models' steps in English (step-names-en.ts), the department as the directory names it
      expect(english).to.include('Moved to 「Material guidance and pre-review」 (行政审批服务局)').and.include('「Register the application」 done automatically').and.not.include('案件开始');
      // and an option by its English label, not the form's Chinese one
      expect(english).to.include('Type of entity = Limited company owned by natural persons');
      await screenshot(page, 'audit-demo-desktop-readable-history-english');
    } finally {
      await page.getByText('中', { exact: true }).click();
    }
  });

  it("shows an object's members under their names — the forms' labels in the history and the variables, keys kept as titles — folding long values, in Chinese and English", async function () {
    // when the auditor opens the case 刘帮办 filed as agent for 王芳
    await page.goto(`${bed.url}/audit#/instances`);
    await page.getByLabel('案件编号').waitFor();
    expect(await rowsAfter(2, async () => {
      await page.getByLabel('案件编号').fill('DEMO-QYKB-002');
      await page.getByLabel('案件编号').press('Enter');
    })).to.deep.equal(['DEMO-QYKB-002']);
    await rows().first().locator('a').first().click();
    const opened = page.locator('.readable-history .history-line[data-kind=case]', { hasText: '案件开始：企业开办' });
    await opened.waitFor();

    // then the agent reads with the form's labels of each member
    const agent = opened.locator('.history-change', { hasText: '代办人（帮办代办） = 刘帮办（身份证号码：370102199303031234，' });
    expect(await agent.getAttribute('title')).to.equal('代办人（帮办代办） = 刘帮办（身份证号码：370102199303031234，手机号码：13600000000，授权委托书编号：WT-DEMO-0001，代办机构（政务服务中心帮办代办窗口等，可不填）：历下区政务服务中心帮办代办窗口）');
    // and a list of investors numbers its records, each with its members' labels
    expect(await opened.locator('.history-change', { hasText: '投资人 = ' }).getAttribute('title')).to.match(/^投资人 = 1\. 王芳（证件号码：370102198807071234，认缴出资（万元）：3000）；2\. 赵强/);

    // and the variables table shows an object as its members under the form's labels with their values, a list as
    // numbered records, not one line of JSON
    const applicant = page.locator('.variables tr[data-row-key]', { hasText: 'legalRepresentative' });
    expect(await applicant.locator('.value-member dt').allTextContents()).to.deep.equal(['姓名', '身份证号码', '手机号码']);
    expect(await applicant.locator('.value-member dt').evaluateAll((terms) => terms.map((term) => term.getAttribute('title')))).to.deep.equal(['name', 'idNumber', 'phone']);
    expect(await applicant.locator('.value-member[data-key=phone] dd').textContent()).to.equal('13700000000');
    const investors = page.locator('.variables tr[data-row-key]', { hasText: 'investors' });
    expect(await investors.locator('ol.value-list > li').count()).to.equal(2);
    expect(await page.locator('.variables').textContent()).to.not.include('{"name"');
    await screenshot(page, 'audit-demo-desktop-object-values');

    // and on a phone the long value folds to two lines until opened
    await page.setViewportSize(PHONE);
    try {
      const folded = page.locator('.readable-history .history-change', { hasText: '代办人（帮办代办） = 刘帮办' });
      expect(await folded.locator('.ant-typography-expand').textContent()).to.equal('展开');
      expect(await folded.textContent()).to.not.include('帮办代办窗口）');
      await folded.locator('.ant-typography-expand').click();
      expect(await folded.textContent()).to.include('历下区政务服务中心帮办代办窗口）').and.include('收起');
      await screenshot(page, 'audit-demo-phone-object-values');
    } finally {
      await page.setViewportSize(DESKTOP);
    }

    // in English the folding and the plain values speak English too
    await page.getByText('EN', { exact: true }).click();
    try {
      const signed = page.locator('.variables tr[data-row-key]', { hasText: 'eSignatureConfirmed' });
      await signed.locator('div.value', { hasText: 'yes' }).waitFor();
      await page.setViewportSize(PHONE);
      await page.locator('.readable-history .history-change.folded .ant-typography-expand', { hasText: /^(More|Less)$/ }).first().waitFor();
    } finally {
      await page.setViewportSize(DESKTOP);
      await page.getByText('中', { exact: true }).click();
    }
  });

  it('shows the auditor a late demo case: red on the 亮灯 board because its deadline passed on the engine clock, with a 督办 task', async function () {
    // given the demo's taken-over transfer, whose case deadline was started when the window accepted it a month ago
    const found = (await (await bed.call('GET', '/v2/apps/audit/process-instances?caseId=DEMO-BDC-003', AUDITOR)).json()) as { items: { processInstanceKey: string }[] };
    expect(found.items).to.have.length(1);
    const key = found.items[0].processInstanceKey;
    const deadlineOf = async () => {
      const variables = (await (await bed.call('POST', '/v2/variables/search', AUDITOR, { filter: { processInstanceKey: key, name: 'deadline_case' } })).json()) as { items: { value: string }[] };
      return JSON.parse(variables.items[0].value) as { startedAt: string; dueAt: string; limitWorkingMinutes: number };
    };
    const deadline = await deadlineOf();
    // then its due time lies before the engine's now (the light is computed, not set): 5 working days from a month ago
    expect(Date.parse(deadline.dueAt)).to.be.below(bed.running.server.engine.clock.now());
    expect(Date.parse(deadline.startedAt)).to.be.below(Date.parse(deadline.dueAt));
    expect(deadline.limitWorkingMinutes).to.equal(5 * 420);

    // and the board lists it under 红灯, overdue
    await page.goto(`${bed.url}/audit#/lights`);
    await page.locator('.filter-colour .ant-segmented-item', { hasText: '红灯' }).click();
    const row = page.locator('.board tr[data-instance]', { hasText: 'DEMO-BDC-003' });
    await row.waitFor();
    expect(await row.locator('td.light-cell [data-light]').getAttribute('data-light')).to.equal('red');
    expect(await row.locator('.overdue-cell').textContent()).to.match(/\d+ 个工作日/);
    await screenshot(page, 'audit-demo-desktop-late-case');

    // and the model's own 亮灯 clock fired on the engine clock: the red light's supervision task for the centre's supervisors
    const until = Date.now() + 30_000;
    let supervision: { name: string; candidateGroups: string[] } | undefined;
    while (!supervision && Date.now() < until) {
      const tasks = (await (await bed.call('POST', '/v2/user-tasks/search', AUDITOR, { filter: { processInstanceKey: key, state: 'CREATED' } })).json()) as { items: { name: string; candidateGroups: string[] }[] };
      supervision = tasks.items.find((task) => task.candidateGroups.includes('natural-resources-370102-supervisors'));
      if (!supervision) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(supervision?.name).to.equal('督办：超时办理');
    // and the case runs on its steps without a fault: the taken-over variables are all the model needs
    const incidents = (await (await bed.call('POST', '/v2/incidents/search', AUDITOR, { filter: { processInstanceKey: key } })).json()) as { items: unknown[] };
    expect(incidents.items).to.deep.equal([]);
  });

  it("lists the late demo case's department once beside its 督办 task, and its acceptance time as its task page has it", async function () {
    // given the taken-over transfer with its 督办 task open beside the registration centre's steps
    const task = await bed.openTask('DEMO-BDC-003', '督办：超时办理', AUDITOR);
    const variables = (await (await bed.call('POST', '/v2/variables/search', AUDITOR, { filter: { processInstanceKey: task.processInstanceKey, name: 'receivedAt' } })).json()) as { items: { value: string }[] };
    const receivedAt = JSON.parse(variables.items[0].value) as string;
    const beijing = new Date(Date.parse(receivedAt) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

    // when the auditor looks at the 亮灯 board
    await page.goto('about:blank');
    await page.goto(`${bed.url}/audit#/lights`);
    const row = page.locator('.board tr[data-instance]', { hasText: 'DEMO-BDC-003' });
    await row.locator('.department-cell', { hasText: '督办' }).or(row.locator('.department-cell', { hasText: '自然资源和规划局' })).first().waitFor();
    await screenshot(page, 'audit-demo-desktop-late-case-departments');

    // then the centre is named once, for its steps and the 督办 task alike, beside the tax and housing departments
    const departments = ((await row.locator('.department-cell').textContent()) ?? '').split('、');
    expect(departments.filter((name) => name.includes('自然资源和规划局'))).to.deep.equal(['济南市历下区自然资源和规划局（不动产登记中心）']);
    expect(departments).to.include('济南市历下区税务局');
    // and 受理时间 is the day the window accepted it a month ago (receivedAt), not the day OneGo took it over
    expect(Date.parse(receivedAt)).to.be.below(bed.running.server.engine.clock.now() - 7 * 86_400_000);
    expect(await row.locator('.started-cell').textContent()).to.equal(beijing);
    // as the task page's header says (its 受理时间 reads the same case overview)
    const overview = (await (await bed.call('GET', `/v2/apps/tasklist/cases/${task.processInstanceKey}`, AUDITOR)).json()) as { case: { acceptedAt: string } };
    expect(Date.parse(overview.case.acceptedAt)).to.equal(Date.parse(receivedAt));

    // and the case page names the 督办 task's group as the centre's supervisors, not by its id
    await page.goto(`${bed.url}/audit#/instance/${task.processInstanceKey}`);
    const supervision = page.locator('.open-tasks tr', { hasText: '督办：超时办理' });
    await supervision.filter({ hasText: '济南市历下区自然资源和规划局（不动产登记中心）督办' }).waitFor();
    expect(await supervision.textContent()).to.not.include('natural-resources-370102-supervisors');

    // and on its diagram the lights of the three steps stacked 20 px apart clear each other's counts and names
    const lit = page.locator('#diagram .diagram-light');
    await lit.first().waitFor();
    const rects = async (selector: string) => page.locator(selector).evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().toJSON() as { x: number; y: number; width: number; height: number }));
    const lights = await rects('#diagram .diagram-light');
    const blockers = [...(await rects('#diagram .diagram-count')), ...(await rects('#diagram .djs-element[data-element-id^="Task_"] text'))];
    const overlapping = (a: { x: number; y: number; width: number; height: number }, b: typeof a) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    expect(lights).to.have.length.of.at.least(3);
    expect(lights.filter((light) => blockers.some((blocker) => overlapping(light, blocker))), 'lights over a count or a step name').to.deep.equal([]);
  });

  it("shows the late demo case's option values by their labels and its steps in English after the switch, on the case page and the board", async function () {
    // given the taken-over transfer, registrationType 'transfer' on the start form's options
    const task = await bed.openTask('DEMO-BDC-003', '登记审核', AUDITOR);
    await page.goto(`${bed.url}/audit#/instance/${task.processInstanceKey}`);
    const registrationType = page.locator('.variables tr[data-row-key]', { hasText: 'registrationType' }).locator('.value-option');

    // then the variable table shows the form's label for the code, the code kept for experts
    await registrationType.filter({ hasText: '转移登记，买卖（五日内办结）' }).waitFor();
    expect(await registrationType.getAttribute('data-value')).to.equal('transfer');

    // and in English: the option's English label, the open steps and the history's steps in English
    await page.getByText('EN', { exact: true }).click();
    try {
      await registrationType.filter({ hasText: 'Transfer, sale (five days)' }).waitFor();
      const openTasks = (await page.locator('.open-tasks').textContent()) ?? '';
      expect(openTasks).to.include('Registration review').and.include('Tax assessment').and.include('Supervision: overdue handling').and.not.include('登记审核');
      const history = (await page.locator('.readable-history').textContent()) ?? '';
      expect(history).to.include('Registration type = Transfer, sale (five days)').and.include('Moved to 「Registration review」');
      // and the diagram's light on the waiting steps reads English too
      expect(await page.locator('#diagram .diagram-light[data-element="Task_RegistrationReview"]').textContent()).to.equal('red');
      await screenshot(page, 'audit-demo-desktop-late-case-english');

      // and the board names the case's current steps in English
      await page.goto(`${bed.url}/audit#/lights`);
      const steps = page.locator('.board tr[data-instance]', { hasText: 'DEMO-BDC-003' }).locator('.step-cell');
      await steps.filter({ hasText: 'Registration review' }).waitFor();
      expect(await steps.textContent()).to.include('Housing transaction review').and.not.include('登记审核');
      await screenshot(page, 'audit-demo-desktop-board-english');
    } finally {
      await page.getByText('中', { exact: true }).click();
    }
  });
});
