import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { ADMIN, ZHANG_SAN, startAppsTestBed, type AppsTestBed, type DemoUser } from './apps-test-bed';
import { DESKTOP, launchBrowser, logIn, PHONE, screenshot, type TestBrowser } from './browser-support';

const WORKER: DemoUser = { username: 'onego-worker', password: 'onego-worker-secret' };

/** The engineering projects' time limits, a real model with a seven-row decision table. */
const TIME_LIMITS_DMN = new URL('../../bpmn/engineering-time-limits.dmn', import.meta.url);

/** The real 2026 notice (a public fact, also the calendar parser's fixture); re-importing it changes no date. */
const NOTICE_2026 = new URL('../workers/calendar/fixtures/notice-2026.txt', import.meta.url);

/**
 * Back to the desktop size after a phone check, and wait until the layout is the desktop's again: the sider
 * expanded with its inline menu (it collapses on a phone), so the next step's click meets a menu that stays put.
 */
async function backToDesktop(page: Page): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await page.locator('.ant-layout-sider:not(.ant-layout-sider-collapsed) .ant-menu-inline:not(.ant-menu-inline-collapsed)').waitFor();
}

/** Opens a page from the menu and waits until the app is on it (the hash route changed), not just for the click. */
async function openFromMenu(page: Page, label: string, hash: string): Promise<void> {
  await page.getByRole('menuitem', { name: label }).click();
  await page.waitForURL((url) => url.hash === `#${hash}`, { timeout: 5_000 });
}

/** Closes the open drawer and waits until it has slid out, so the next step sees the page, not the drawer. */
async function closeDrawer(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator('.ant-drawer-open').waitFor({ state: 'hidden' });
}

const FAILING_SERVICE_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="apps-admin-test" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="apps-licence-lookup" name="证照查询（测试）" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="lookup" />
    <bpmn:serviceTask id="lookup" name="查询电子证照">
      <bpmn:extensionElements><zeebe:taskDefinition type="apps-test-licence-lookup" /></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f2" sourceRef="lookup" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram">
    <bpmndi:BPMNPlane id="plane" bpmnElement="apps-licence-lookup">
      <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="lookup_di" bpmnElement="lookup"><dc:Bounds x="200" y="78" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="370" y="100" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="136" y="118" /><di:waypoint x="200" y="118" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="300" y="118" /><di:waypoint x="370" y="118" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;

describe('the admin app in a real browser (Debian chromium)', function () {
  this.timeout(60_000);
  let bed: AppsTestBed;
  let browser: TestBrowser;
  let page: Page;
  /** The page's requests and errors as they ended, for the failure report below. */
  const requests: string[] = [];

  before(async function () {
    bed = await startAppsTestBed();
    // and a form that starts with a heading, as the designers' forms do
    const windowCheck = { schemaVersion: 18, id: 'apps-window-check', type: 'default', components: [{ type: 'text', id: 'Text_Title', text: '## 窗口核验：{{caseTitle}}' }, { type: 'checkbox', id: 'Field_Ok', key: 'ok', label: '材料齐全' }] };
    await bed.server.engine.deployResources([{ name: 'apps-window-check.form', content: Buffer.from(JSON.stringify(windowCheck)) }]);
    await fetch(`${bed.url}/apps/assets/admin.js`);
    browser = await launchBrowser();
    page = browser.page;
    page.on('requestfinished', (request) => void request.response().then((response) => requests.push(`${request.method()} ${new URL(request.url()).pathname} ${response?.status() ?? '?'}`)));
    page.on('requestfailed', (request) => requests.push(`${request.method()} ${new URL(request.url()).pathname} failed: ${request.failure()?.errorText}`));
    page.on('pageerror', (error) => requests.push(`page error: ${String(error).slice(0, 200)}`));
  });

  after(async function () {
    await browser?.close();
    await bed?.close();
  });

  // What the page showed when a step failed, for a failure in CI that does not happen here.
  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !page) return;
    await screenshot(page, `admin-failed-${this.currentTest.title.slice(0, 40)}`).catch(() => undefined);
    const shown = await page.evaluate<string>(`JSON.stringify({ url: location.href, width: innerWidth, md: matchMedia('(min-width: 768px)').matches, main: (document.querySelector('main') || document.body).innerText.slice(0, 300) })`).catch(String);
    console.log(`    the page when "${this.currentTest.title}" failed: ${shown}\n    its last requests: ${requests.slice(-12).join(' | ')}`);
  });

  /**
   * A case of the licence lookup whose job failed without retries: an open incident. `name` makes it a process
   * and job type of its own, so a job an earlier test retried is not the one activated here.
   */
  async function openIncident(errorMessage = '证照库接口超时', name = 'licence-lookup'): Promise<{ jobKey: string; processInstanceKey: string }> {
    const bpmn = FAILING_SERVICE_BPMN.replaceAll('apps-licence-lookup', `apps-${name}`).replaceAll('apps-test-licence-lookup', `apps-test-${name}`);
    await bed.server.engine.deployResources([{ name: `apps-${name}.bpmn`, content: Buffer.from(bpmn) }]);
    const { processInstanceKey } = await bed.server.engine.createProcessInstance({ bpmnProcessId: `apps-${name}`, variables: {} });
    const activated = await bed.call('POST', '/v2/jobs/activation', { user: WORKER, body: { type: `apps-test-${name}`, maxJobsToActivate: 1, timeout: 60_000, worker: 'admin-test' } });
    const { jobs } = (await activated.json()) as { jobs: { jobKey: string }[] };
    expect(jobs).to.have.length(1);
    const failed = await bed.call('POST', `/v2/jobs/${jobs[0].jobKey}/failure`, { user: WORKER, body: { retries: 0, errorMessage } });
    expect(failed.status).to.equal(204);
    await bed.record((record) => record.valueType === 'INCIDENT' && record.intent === 'CREATED' && record.value.processInstanceKey === processInstanceKey);
    return { jobKey: jobs[0].jobKey, processInstanceKey };
  }

  it('keeps department staff out of the admin app', async function () {
    await logIn(page, `${bed.url}/admin`, ZHANG_SAN);
    await page.getByText('无权使用此应用').waitFor();
    expect(await page.getByRole('menuitem', { name: '故障事件' }).count()).to.equal(0);
    await page.getByRole('button', { name: '退出' }).click();
    await page.locator('#username').waitFor();
  });

  it('retries an incident: the job gets a retry and the incident is resolved', async function () {
    // given a failed job's incident
    const { jobKey, processInstanceKey } = await openIncident();

    // when the admin opens the incidents and retries it
    await logIn(page, `${bed.url}/admin#/incidents`, ADMIN);
    const row = page.locator('tr[data-incident]', { hasText: '证照库接口超时' });
    await row.waitFor();
    expect(await row.textContent()).to.include('作业重试次数用尽');
    // named as the admin knows them, not by their ids (apps-licence-lookup, its element id)
    await row.locator('.incident-element', { hasText: '查询电子证照' }).waitFor();
    await row.locator('.incident-process', { hasText: '证照查询（测试）' }).waitFor();
    await screenshot(page, 'admin-desktop-incidents');
    await row.getByRole('button', { name: '重试' }).click();

    // then the engine set the job's retries and resolved the incident, and the list is empty
    const retried = await bed.record((record) => record.valueType === 'JOB' && record.intent === 'RETRIES_UPDATED' && record.key === jobKey);
    expect(retried.value.retries).to.equal(1);
    const resolved = await bed.record((record) => record.valueType === 'INCIDENT' && record.intent === 'RESOLVED' && record.value.processInstanceKey === processInstanceKey);
    expect(resolved.actor).to.equal('guan.li');
    await page.getByText('没有故障').waitFor();
  });

  it("shows a worker's long bilingual incident message whole (two lines, then 展开) and links the instance to its audit page", async function () {
    // given an incident whose message is a worker's Chinese-then-English validation failure
    const message =
      '自动步骤（作业类型 enterprise-free-mailing）收到的数据不合格：缺少「寄递信息 · 收件人」；缺少「寄递信息 · 寄递地址」 / Expected the variables of job type \'enterprise-free-mailing\' to be valid, but mailingAddress.recipient is a required field; mailingAddress.address is a required field';
    const { processInstanceKey } = await openIncident(message, 'mailing-check');
    // when the admin (signed in since the last test) opens the incidents afresh
    await openFromMenu(page, '已部署流程', '/processes');
    await openFromMenu(page, '故障事件', '/incidents');
    const row = page.locator('tr[data-incident]', { hasText: '收到的数据不合格' });
    await row.waitFor();
    // then the Chinese part is readable in the list (not cut after ten characters) and the rest opens
    const cell = row.locator('.incident-message-cell');
    expect(await cell.locator('.folded').getAttribute('title')).to.equal(message);
    expect(await cell.textContent()).to.include('缺少「寄递信息 · 收件人」');
    await cell.locator('.ant-typography-expand').click();
    expect(await cell.textContent()).to.include('mailingAddress.address is a required field');
    // and the instance opens the case in the audit app
    expect(await row.locator('a.incident-instance').getAttribute('href')).to.equal(`/audit#/instance/${processInstanceKey}`);
    await screenshot(page, 'admin-desktop-incident-bilingual');
    await bed.call('POST', `/v2/process-instances/${processInstanceKey}/cancellation`, { user: ADMIN, body: {} });
  });

  it('says in words that a model deployed without its drawing (no BPMN DI) cannot be drawn, without an empty box', async function () {
    // given a process deployed by a program, without diagram interchange
    const undrawn = FAILING_SERVICE_BPMN.replace(/<bpmndi:BPMNDiagram[\s\S]*<\/bpmndi:BPMNDiagram>/, '').replace(/id="apps-licence-lookup"/, 'id="apps-undrawn"').replace(/bpmnElement="apps-licence-lookup"/, '');
    expect(undrawn).to.not.include('BPMNDiagram');
    await bed.server.engine.deployResources([{ name: 'apps-undrawn.bpmn', content: Buffer.from(undrawn) }]);
    // when the admin opens its diagram
    await openFromMenu(page, '已部署流程', '/processes');
    const row = page.locator('tr[data-definition=apps-undrawn]');
    await row.waitFor();
    await row.getByRole('button', { name: '流程图' }).click();
    // then the drawer says why, in Chinese, instead of bpmn-js's "no diagram to display", and shows no empty canvas
    const missing = page.locator('.diagram-missing');
    await missing.waitFor();
    expect(await missing.textContent()).to.include('此流程模型没有图形布局（BPMN DI），无法绘制流程图。');
    expect(await page.getByText('no diagram to display').count()).to.equal(0);
    expect(await page.locator('#definition-diagram').isVisible()).to.equal(false);
    await closeDrawer(page);
  });

  it('lists the deployed processes by version and shows a diagram', async function () {
    await openFromMenu(page, '已部署流程', '/processes');
    const row = page.locator('tr[data-definition=apps-licence-review]');
    await row.waitFor();
    expect(await row.textContent()).to.include('营业执照审查（测试）');
    await row.getByRole('button', { name: '流程图' }).click();
    await page.locator('#definition-diagram [data-element-id=review]').waitFor();
    await page.waitForTimeout(500); // the drawer's slide-in, for a readable screenshot
    await screenshot(page, 'admin-desktop-process-diagram');
    await closeDrawer(page);
  });

  it('lists the deployed decisions by version and shows a decision as its requirements drawing and its table', async function () {
    // given the engineering time limits, deployed twice (the second time changed: a new version)
    const dmn = await readFile(TIME_LIMITS_DMN, 'utf8');
    await bed.server.engine.deployResources([{ name: 'engineering-time-limits.dmn', content: Buffer.from(dmn) }]);
    await bed.server.engine.deployResources([{ name: 'engineering-time-limits.dmn', content: Buffer.from(dmn.replace('<text>70</text>', '<text>68</text>')) }]);

    // when the admin opens 已部署决策: the latest version only, then all versions
    await openFromMenu(page, '已部署决策', '/decisions');
    const rows = page.locator('.decisions tr[data-decision=engineering-time-limits]');
    await rows.first().waitFor();
    expect(await rows.count()).to.equal(1);
    expect(await rows.first().textContent()).to.include('v2');
    await page.getByText('全部版本').click();
    await page.locator('.decisions tr[data-decision=engineering-time-limits]', { hasText: 'v1' }).waitFor();
    expect(await rows.count()).to.equal(2);

    // then the decision opens as its table: inputs and outputs as columns, a row per rule, the new value
    await rows.first().getByRole('button', { name: '决策表' }).click();
    const table = page.locator('.dmn-decision[data-decision=engineering-time-limits]');
    await table.locator('.dmn-table tbody tr.ant-table-row').first().waitFor();
    expect(await table.locator('.dmn-table thead').textContent()).to.include('流程图类别').and.include('全流程时限（工作日）');
    expect(await table.textContent()).to.include('命中策略 FIRST').and.include('政府投资建筑工程审批流程图（70日）');
    expect(await table.locator('.dmn-table tbody tr.ant-table-row').count()).to.be.greaterThan(3);
    expect(await table.locator('.dmn-table tbody tr.ant-table-row').first().textContent()).to.include('68');
    // above the tables, dmn-js draws the decision requirements with the opened decision marked
    const drawing = page.locator('.dmn-drawing');
    await drawing.locator('.djs-element[data-element-id=engineering-time-limits]').waitFor();
    expect(await drawing.getAttribute('aria-label')).to.equal('决策需求图');
    expect(await drawing.locator('.djs-element.dmn-focus').getAttribute('data-element-id')).to.equal('engineering-time-limits');
    expect((await drawing.locator('.djs-element[data-element-id=engineering-time-limits] text').allTextContents()).join('')).to.equal('工程建设项目审批时限');
    await page.waitForTimeout(500); // the drawer's slide-in, for a readable screenshot
    await screenshot(page, 'admin-desktop-decision-table');
    await closeDrawer(page);

    // and on a phone the versions are cards, and the table scrolls inside its drawer, not the page
    await page.setViewportSize(PHONE);
    try {
      const card = page.locator('.decisions [data-decision=engineering-time-limits]').first();
      await card.waitFor();
      await card.getByRole('button', { name: '决策表' }).click();
      await page.locator('.dmn-table tbody tr.ant-table-row').first().waitFor();
      await page.waitForTimeout(500);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).to.be.at.most(PHONE.width);
      await screenshot(page, 'admin-phone-decision-table');
      await closeDrawer(page);
    } finally {
      await backToDesktop(page);
    }
  });

  it("links to the audit app from the menu like the app's own entries: with an icon, its words in line with theirs", async function () {
    await openFromMenu(page, '已部署流程', '/processes');
    const audit = page.locator('.ant-menu-item', { has: page.locator('a.other-app', { hasText: '审计视图' }) });
    expect(await audit.locator('.anticon').count()).to.equal(1);
    const own = (await page.locator('.ant-menu-item a', { hasText: '已部署流程' }).boundingBox())!;
    const other = (await audit.locator('a').boundingBox())!;
    expect(Math.abs(other.x - own.x), 'the labels start at the same x').to.be.at.most(1);
  });

  it('lists the deployed forms by version and previews one read-only', async function () {
    await openFromMenu(page, '已部署表单', '/forms');
    const row = page.locator('.forms tr[data-form=apps-licence-review]');
    await row.waitFor();
    expect(await row.textContent()).to.include('v1');
    // each form is named by its heading, as the clerk sees it (a form without one: —)
    const named = page.locator('.forms tr[data-form=apps-window-check] td.form-title');
    await named.filter({ hasText: '窗口核验' }).waitFor();
    expect(await named.textContent()).to.equal('窗口核验');
    expect(await row.locator('td.form-title').textContent()).to.equal('—');
    await row.getByRole('button', { name: '预览' }).click();
    const preview = page.locator('.form-preview[data-form=apps-licence-review]');
    await preview.getByText('审查结论').waitFor();
    expect(await preview.locator('textarea').first().isEditable()).to.equal(false);
    await page.waitForTimeout(500);
    await screenshot(page, 'admin-desktop-form-preview');
    await closeDrawer(page);

    // and on a phone the versions are cards that fit the screen
    await page.setViewportSize(PHONE);
    try {
      await page.locator('.forms [data-form=apps-licence-review]').waitFor();
      await page.waitForTimeout(500); // the sider's collapse to the phone layout, which narrows the content
      const wide = await page.evaluate<string[]>(
        `[...document.querySelectorAll('body *')].filter((e) => !(e instanceof SVGElement) && e.getBoundingClientRect().right > ${PHONE.width + 1}).slice(-6).map((e) => e.tagName + '.' + String(e.className).slice(0, 60) + ' ' + Math.round(e.getBoundingClientRect().right))`,
      );
      expect(await page.evaluate<number>('document.documentElement.scrollWidth'), `wider than the phone: ${wide.join(' | ')}`).to.be.at.most(PHONE.width);
      await screenshot(page, 'admin-phone-forms');
    } finally {
      await backToDesktop(page);
    }
  });

  it('lists the departments with their members and the users, read-only, on a desktop and a phone', async function () {
    // the page asks Camunda's group search once; its answer is what the table shows
    const answered = page.waitForResponse((response) => new URL(response.url()).pathname === '/v2/groups/search');
    await openFromMenu(page, '用户与部门', '/users');
    const answer = await answered;
    expect(answer.status(), await answer.text()).to.equal(200);
    expect(((await answer.json()) as { items: unknown[] }).items.length).to.be.greaterThan(0);
    await page.locator('.groups tr[data-row-key]').first().waitFor();
    // the department is found by the filter, wherever the groups' order puts it (a department per place makes many)
    const filter = page.getByRole('searchbox', { name: '按名称或标识筛选部门' });
    await filter.fill('market-regulation');
    const department = page.locator('.groups tr[data-row-key=market-regulation]');
    await department.waitFor();
    const shown = await page.locator('.groups tr[data-row-key]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-row-key') ?? ''));
    expect(shown.length).to.be.greaterThan(0);
    for (const id of shown) expect(id).to.include('market-regulation');
    await department.click();
    const members = page.locator('.members[data-group=market-regulation]');
    await members.waitFor();
    expect(await members.textContent()).to.include('张三（zhang.san）');
    expect(await page.locator('.users tr[data-row-key="guan.li"]').textContent()).to.include('guan.li');
    // workers are clients, not people
    expect(await page.locator('.users tr[data-row-key=onego-worker]').count()).to.equal(0);
    await screenshot(page, 'admin-desktop-users');

    await page.setViewportSize(PHONE);
    try {
      // the phone's cards keep the filter: the department is on the first card page
      await page.locator('.groups [data-group=market-regulation]').waitFor();
      await page.locator('.users [data-user]').first().waitFor();
      const wide = await page.evaluate<string[]>(
        `[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > ${PHONE.width + 1}).slice(-4).map((e) => e.tagName + '.' + String(e.className).slice(0, 60) + ' ' + Math.round(e.getBoundingClientRect().right))`,
      );
      expect(await page.evaluate<number>('document.documentElement.scrollWidth'), `wider than the phone: ${wide.join(' | ')}`).to.be.at.most(PHONE.width);
      await screenshot(page, 'admin-phone-users');
    } finally {
      await backToDesktop(page);
    }
  });

  it('shows the holiday calendar as months, with covered and missing years', async function () {
    await openFromMenu(page, '节假日日历', '/calendar');
    const covered = page.locator('[data-testid=covered-years] [data-covered=true]').last();
    await covered.waitFor();
    expect(await covered.textContent()).to.match(/2026 年 已覆盖$/);
    await page.getByTestId('calendar-year').click();
    await page.locator('.ant-select-item-option', { hasText: '2026 年' }).click();
    const newYear = page.locator('.months[data-year="2026"] [data-date="2026-01-01"]');
    expect(await newYear.getAttribute('data-kind')).to.equal('holiday');
    await screenshot(page, 'admin-desktop-calendar');
  });

  it('refuses a notice that does not parse, line by line in Chinese, and changes nothing', async function () {
    await page.locator('#notice-year').fill('2026');
    await page.locator('#notice-text').fill('一、元旦：1月1日（周四）至3日（周六）放假调休，共5天。\n这一行不是通知的内容');
    await page.getByTestId('dry-run').click();
    const errors = page.locator('.notice-errors');
    await errors.waitFor();
    expect(await errors.textContent()).to.match(/[\u4e00-\u9fa5]/);
    expect(await page.getByTestId('confirm-import').isDisabled()).to.equal(true);
    await screenshot(page, 'admin-desktop-notice-errors');
  });

  it('previews a notice in a dry run and imports it once confirmed', async function () {
    await page.locator('#notice-text').fill(await readFile(NOTICE_2026, 'utf8'));
    await page.getByTestId('dry-run').click();
    await page.locator('.notice-preview').waitFor();
    expect(await page.locator('.notice-import .months[data-year="2026"] [data-date="2026-01-04"]').getAttribute('data-kind')).to.equal('workday');
    await page.getByTestId('confirm-import').click();
    await page.getByText('2026 年节假日安排已导入').waitFor();
    const signal = await bed.record((record) => record.valueType === 'SIGNAL' && record.intent === 'BROADCASTED');
    expect(signal.actor).to.equal('guan.li');
  });

  it('shows the calendar on a phone without overflowing the screen', async function () {
    await page.setViewportSize(PHONE);
    try {
      await page.reload();
      await page.locator('.months').first().waitFor();
      await screenshot(page, 'admin-phone-calendar');
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).to.be.at.most(PHONE.width);
    } finally {
      await backToDesktop(page);
    }
  });

  it('shows every signed-in user the 期限暂定 banner while an open deadline runs into a year without data', async function () {
    // given a case whose 15-working-day limit runs into 2027
    await bed.openCase('SD-2026-0901', '某某药房有限公司变更登记', { startedAt: '2026-12-20T09:00:00+08:00', workingDays: 15 });

    // when the admin looks at any page, then the banner names the count and the year, with a link to the import
    await page.goto(`${bed.url}/admin#/incidents`);
    const banner = page.locator('.calendar-banner');
    await banner.waitFor();
    expect(await banner.textContent()).to.match(/期限暂定：\d+ 个在办期限（缺少 2027 年节假日安排）/);
    expect(await banner.getByRole('link', { name: '去导入节假日公告' }).count()).to.equal(1);
    await screenshot(page, 'admin-desktop-banner');

    // and department staff see it in the task list, without the admin's link
    await page.getByRole('button', { name: '退出' }).click();
    await logIn(page, `${bed.url}/tasklist`, ZHANG_SAN);
    await banner.waitFor();
    expect(await banner.textContent()).to.include('缺少 2027 年节假日安排');
    expect(await banner.getByRole('link').count()).to.equal(0);
    // told what it means for them, not asked to import what only an admin can
    expect(await banner.textContent()).to.include('您无需处理').and.not.include('请导入');
  });

  it('switches the task list to English and back', async function () {
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('menuitem', { name: 'My tasks' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).to.equal('en');
    await page.getByText('中', { exact: true }).click();
    await page.getByRole('menuitem', { name: '我的任务' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).to.equal('zh-CN');
  });
});
