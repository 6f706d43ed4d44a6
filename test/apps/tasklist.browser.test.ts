import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AUDITOR, XU_MING, ZHANG_SAN, processEvent, startAppsTestBed, type AppsTestBed, type DemoUser } from './apps-test-bed';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('the apps in a real browser (Debian chromium)', function () {
  this.timeout(30_000);
  let bed: AppsTestBed;
  let userDataDir: string;
  let browser: Browser | BrowserContext;
  let page: Page;

  before(async function () {
    bed = await startAppsTestBed();
    userDataDir = await mkdtemp(join(tmpdir(), 'onego-chromium-'));
    browser = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(10_000);
  });

  after(async function () {
    await browser?.close();
    await bed?.close();
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  });

  async function logIn(path: string, user: DemoUser): Promise<void> {
    await page.goto(`${bed.url}${path}`);
    await page.fill('#username', user.username);
    await page.fill('#password', user.password);
    await page.click('form.login button[type=submit]');
  }

  it('lets department staff log in, claim their task, fill its form and complete the case', async function () {
    // given a case waiting for 市场监管局
    const { processInstanceKey } = await bed.openCase('SD-2025-0100', '某某餐饮管理有限公司设立登记');

    // when zhang.san logs in to the task list and looks at the department's tasks
    await logIn('/tasklist', ZHANG_SAN);
    await page.click('button[data-tab=group]');
    const row = page.locator('tr', { hasText: '某某餐饮管理有限公司设立登记' });
    await row.waitFor();
    expect(await row.locator('td.case-light > [data-light]').getAttribute('data-light')).to.equal('green');

    // and claims it, opens it, fills the form and submits
    await row.getByRole('button', { name: '领取' }).click();
    await page.locator('tr', { hasText: '某某餐饮管理有限公司设立登记' }).getByRole('link', { name: '办理' }).click();
    await page.getByLabel('通过', { exact: true }).check();
    await page.getByLabel('审查意见').fill('材料齐全，准予设立');
    await page.click('#complete');

    // then the task list says so, and the engine completed the process instance with the form's output
    await page.getByRole('status').filter({ hasText: '已办结' }).waitFor();
    const completed = await bed.record(processEvent(processInstanceKey, 'ELEMENT_COMPLETED'));
    expect(completed.intent).to.equal('ELEMENT_COMPLETED');
    const decision = await bed.record((record) => record.valueType === 'VARIABLE' && record.value.name === 'opinion' && record.value.processInstanceKey === processInstanceKey);
    expect(decision.value.value).to.equal(JSON.stringify('材料齐全，准予设立'));
    const taskCompleted = await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'COMPLETED' && record.value.processInstanceKey === processInstanceKey);
    expect(taskCompleted.actor).to.equal('zhang.san');
  });

  it('refuses to submit an incomplete form and says what is wrong', async function () {
    // given a claimed task
    await bed.openCase('SD-2025-0101', '某某科技有限公司设立登记');
    await page.goto(`${bed.url}/tasklist#/`);
    await page.click('button[data-tab=group]');
    await page.locator('tr', { hasText: '某某科技有限公司设立登记' }).getByRole('button', { name: '领取' }).click();
    await page.locator('tr', { hasText: '某某科技有限公司设立登记' }).getByRole('link', { name: '办理' }).click();

    // when submitting without a decision
    await page.getByLabel('审查意见').fill('待补充');
    await page.click('#complete');

    // then
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).to.include('表单填写不完整');
  });

  it("tells staff of another department that a task is not their department's", async function () {
    // given a case for 市场监管局 and a 税务局 clerk holding a link to its task
    const { processInstanceKey } = await bed.openCase('SD-2025-0102', '某某建材有限公司设立登记');
    const created = await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'CREATED' && record.value.processInstanceKey === processInstanceKey);
    await page.context().clearCookies();
    await logIn('/tasklist', XU_MING);
    await page.locator('h1', { hasText: '任务列表' }).waitFor();

    // when opening it
    await page.goto(`${bed.url}/tasklist#/task/${created.key}`);

    // then
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).to.include('不是本部门的任务');
  });

  it('shows an auditor the completed instance with its diagram marked and who completed the task', async function () {
    // given a case completed by zhang.san (first test)
    await page.context().clearCookies();

    // when the auditor opens the audit view and the instance
    await logIn('/audit', AUDITOR);
    await page.getByRole('link', { name: '某某餐饮管理有限公司设立登记' }).click();

    // then the diagram marks the task completed and the history names zhang.san
    await page.locator('#diagram [data-element-id=review].element-completed').waitFor();
    expect(await page.locator('#instance-state').getAttribute('data-state')).to.equal('COMPLETED');
    const completion = page.locator('table.history tr', { hasText: 'USER_TASK COMPLETED' });
    expect(await completion.textContent()).to.include('zhang.san');
  });

  it("shows an auditor the 亮灯 board and an open case's task with who holds it", async function () {
    // given the case zhang.san claimed but did not complete (second test), and the auditor logged in

    // when the auditor opens the 亮灯 board and the case
    await page.getByRole('link', { name: '亮灯看板' }).click();
    const row = page.locator('table.board tr', { hasText: '某某科技有限公司设立登记' });
    await row.waitFor();
    const colour = await row.locator('td:first-child [data-light]').getAttribute('data-light');
    await row.getByRole('link', { name: '某某科技有限公司设立登记' }).click();

    // then the case is green (opened at the engine's current instant) and its open task is zhang.san's
    expect(colour).to.equal('green');
    await page.locator('#diagram [data-element-id=review].element-active').waitFor();
    expect(await page.locator('table.open-tasks tbody tr').textContent()).to.include('zhang.san');
  });
});
