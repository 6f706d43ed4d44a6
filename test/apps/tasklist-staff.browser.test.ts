import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { EngineRecord } from '../../engine/api';
import { firstRecord } from '../support/first-record';
import type { DemoUser } from './apps-test-bed';
import { DESKTOP, launchBrowser, logIn, PHONE, screenshot, taskRowCount, type TestBrowser } from './browser-support';
import { startDemoBed, type DemoBed } from './demo-bed';

const QIN_YUE: DemoUser = { username: 'qin.yue', password: 'onego-demo' }; // 行政审批服务局 window
const AUDITOR: DemoUser = { username: 'sun.shen', password: 'onego-demo' };
const KONG_WEI: DemoUser = { username: 'kong.wei', password: 'onego-demo' }; // 医疗保障局 window

describe("a window clerk's day in the task list, on the demo data (onego start, Debian chromium)", function () {
  this.timeout(120_000);
  let bed: DemoBed;
  let browser: TestBrowser;
  let page: Page;
  let processInstanceKey: string;

  before(async function () {
    bed = await startDemoBed();
    // Bundles are built on first request: build them before the first page waits on them.
    await fetch(`${bed.url}/apps/assets/tasklist.js`);
    browser = await launchBrowser();
    page = browser.page;
    await logIn(page, `${bed.url}/tasklist`, QIN_YUE);
    await page.getByRole('menuitem', { name: '我的任务' }).waitFor();
  });

  after(async function () {
    await browser?.close();
    await bed?.close();
  });

  const record = (predicate: (record: EngineRecord) => boolean) => firstRecord(bed.running.server.engine, predicate);
  const row = (text: string) => page.locator('tr[data-task]', { hasText: text });

  it('finds a department task by the applicant, claims it and sees the case header and the case so far', async function () {
    ({ processInstanceKey } = await bed.openTask('DEMO-QYKB-002', '材料指导与预审', QIN_YUE));

    // when qin.yue searches the department's tasks by the enterprise's name
    await page.goto(`${bed.url}/tasklist#/group`);
    await row('DEMO-QYKB-001').waitFor();
    await page.getByRole('combobox', { name: '搜索字段' }).click();
    await page.locator('.ant-select-item-option', { hasText: '申请人/案件名称' }).click();
    await page.getByRole('searchbox', { name: '搜索' }).fill('泉城控股');
    await page.getByRole('searchbox', { name: '搜索' }).press('Enter');

    // then only that case is listed
    await taskRowCount(page, 1);
    expect(await row('DEMO-QYKB-002').count()).to.equal(1);
    await screenshot(page, 'tasklist-staff-desktop-search-applicant');

    // and after claiming it, the task page shows who applied, when it was accepted, and the case so far
    await row('DEMO-QYKB-002').getByRole('button', { name: '领取' }).click();
    await row('DEMO-QYKB-002').getByRole('link', { name: '办理' }).click();
    const header = page.locator('.case-header');
    await header.getByText('王芳').waitFor();
    expect(await header.textContent()).to.include('受理时间');
    await page.locator('.case-history .history-line', { hasText: '案件开始：企业开办' }).waitFor();
    await page.locator('.case-history .history-line', { hasText: '领取「材料指导与预审」' }).waitFor();
  });

  it('adds a note to the case, which the case history shows with who wrote it', async function () {
    await page.locator('#note-text').fill('申请人来电：股东会决议原件明日上午送达');
    await page.locator('#add-note').click();

    const line = page.locator('.case-history .history-line[data-kind=note]', { hasText: '备注：申请人来电：股东会决议原件明日上午送达' });
    await line.waitFor();
    expect(await line.textContent()).to.include('秦月（行政审批服务局）');
    await screenshot(page, 'tasklist-staff-desktop-task');
  });

  it('sends the applicant a one-time notice (一次性告知) and later records the 补正 materials by case number, which resumes the case', async function () {
    // given the materials are incomplete: the clerk sends the one-time notice
    await page.getByLabel('一次性告知：需补正的全部材料及要求').fill('请补交股东会决议原件及全体股东签字页');
    await page.click('#complete');
    // then the page says the task is done and that the case now waits for the applicant (not that it is finished)
    const status = page.getByRole('status');
    await status.filter({ hasText: '任务「材料指导与预审」已完成。' }).waitFor();
    await status.locator('.case-whereabouts', { hasText: '案件等待申请人补正材料，补正到件后继续办理。' }).waitFor({ timeout: 30_000 });
    expect(await status.textContent()).not.to.include('已办结');
    // and the clerk can follow the case from there, to the case page
    expect(await page.locator('#follow-case').getAttribute('href')).to.match(/^#\/case\/\d+$/);
    const waiting = await record((candidate) => candidate.valueType === 'PROCESS_MESSAGE_SUBSCRIPTION' && candidate.intent === 'CREATED' && candidate.value.messageName === 'correction-submitted' && candidate.value.correlationKey === 'DEMO-QYKB-002');
    expect(waiting.intent).to.equal('CREATED');

    // when a case number that waits for nothing is entered, the clerk is told so and nothing is recorded
    await page.getByRole('menuitem', { name: '补正到件' }).click();
    await page.locator('#correction-case').fill('DEMO-QYKB-001');
    await page.locator('#record-correction').click();
    await page.getByRole('alert').filter({ hasText: '当前没有在等待补正材料' }).waitFor();

    // and with the right one the case goes on: the materials task is back in the department's list
    await page.locator('#correction-case').fill('DEMO-QYKB-002');
    await page.locator('#correction-remark').fill('股东会决议原件已收');
    await page.locator('#record-correction').click();
    await page.getByRole('status').filter({ hasText: '已登记补正材料：DEMO-QYKB-002' }).waitFor();
    await screenshot(page, 'tasklist-staff-desktop-correction');
    const asked = await record((candidate) => candidate.valueType === 'MESSAGE_CORRELATION' && candidate.recordType === 'COMMAND' && candidate.value.correlationKey === 'DEMO-QYKB-002');
    expect(asked.actor).to.equal('qin.yue');
    await record((candidate) => candidate.valueType === 'MESSAGE_CORRELATION' && candidate.intent === 'CORRELATED' && candidate.value.correlationKey === 'DEMO-QYKB-002');
    const again = await bed.openTask('DEMO-QYKB-002', '材料指导与预审', QIN_YUE);
    expect(again.assignee ?? null).to.equal(null);
  });

  it('lists the finished task among 已办任务, with its case', async function () {
    await page.getByRole('menuitem', { name: '已办任务' }).click();
    // with its case's title and number, which history keeps after the task ended
    await row('材料指导与预审').filter({ hasText: '企业开办：济南泉城控股股份有限公司' }).filter({ hasText: 'DEMO-QYKB-002' }).first().waitFor();
  });

  it('works on a phone: cards, the task page with the case so far, and the forms fit the screen', async function () {
    await page.setViewportSize(PHONE);
    try {
      await page.goto(`${bed.url}/tasklist#/group`);
      const card = page.locator('.task-cards [data-task]', { hasText: 'DEMO-QYKB-002' });
      await card.waitFor();
      expect(await page.locator('table').count()).to.equal(0);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).to.be.at.most(PHONE.width);
      await screenshot(page, 'tasklist-staff-phone-department-tasks');
      await card.getByRole('link', { name: '查看' }).click();
      await page.locator('.case-history .history-line', { hasText: '备注：' }).waitFor();
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).to.be.at.most(PHONE.width);
      await screenshot(page, 'tasklist-staff-phone-task');
      await page.goto(`${bed.url}/tasklist#/correction`);
      await page.locator('#correction-case').waitFor();
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).to.be.at.most(PHONE.width);
      await page.goto(`${bed.url}/tasklist#/new`);
      await page.locator('#new-case-process').waitFor();
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).to.be.at.most(PHONE.width);
      await screenshot(page, 'tasklist-staff-phone-new-case');
    } finally {
      await page.setViewportSize(DESKTOP);
    }
  });

  it('keeps the notes and the 补正 in the audit trail an auditor reads', async function () {
    const audit = (await (await bed.call('GET', `/v2/apps/audit/process-instances/${processInstanceKey}`, AUDITOR)).json()) as { readableHistory: { what: string }[] };
    const lines = audit.readableHistory.map((line) => line.what);
    expect(lines).to.include('备注：申请人来电：股东会决议原件明日上午送达');
  });

  it('says, once the materials are complete, that the case goes on and at which step it waits now', async function () {
    // given the materials task back in the department after the 补正
    await page.goto(`${bed.url}/tasklist#/group`);
    await row('DEMO-QYKB-002').filter({ hasText: '材料指导与预审' }).getByRole('button', { name: '领取' }).click();
    await row('DEMO-QYKB-002').filter({ hasText: '材料指导与预审' }).getByRole('link', { name: '办理' }).click();
    // when the clerk finds them complete and submits
    await page.getByLabel('材料齐全、符合要求，进入办理').check();
    await page.click('#complete');
    // then the page names the next department and step, not the finished task
    const status = page.getByRole('status');
    await status.filter({ hasText: '任务「材料指导与预审」已完成。' }).waitFor();
    const whereabouts = status.locator('.case-whereabouts', { hasText: '案件继续办理，现在：' });
    await whereabouts.waitFor({ timeout: 30_000 });
    expect(await whereabouts.textContent()).to.match(/^案件继续办理，现在：\S+「[^」]+」（待领取）/).and.not.include('材料指导与预审');
    await screenshot(page, 'tasklist-staff-desktop-task-done');
    // and the same in English
    await page.getByText('EN', { exact: true }).click();
    await status.locator('.case-whereabouts', { hasText: /^The case goes on, now at: .+ · “.+” \(not claimed yet\)/ }).waitFor();
    // the demo model's step in English (step-names-en.ts)
    expect(await status.textContent()).to.include('Task "Material guidance and pre-review" is done.');
    await page.getByText('中', { exact: true }).click();
  });

  it('accepts a new case at the window through the process start form, in Chinese', async function () {
    // given kong.wei at the 医保局 window (a department accepts the cases of its own processes)
    await page.context().clearCookies();
    // a fresh load (a hash change alone would keep the signed-out page from showing)
    await page.goto('about:blank');
    await logIn(page, `${bed.url}/tasklist#/new`, KONG_WEI);
    // when kong.wei chooses 医保关系转移接续 and fills its start form
    await page.getByRole('menuitem', { name: '受理新案件' }).click();
    await page.locator('#new-case-process').click();
    // the items by name only, as the window knows them (no deployed version numbers)
    await page.locator('.ant-select-item-option').first().waitFor();
    const items = await page.locator('.ant-select-item-option').allTextContents();
    expect(items).to.include('医保关系转移接续');
    expect(items.filter((item) => /v\d/.test(item))).to.deep.equal([]);
    await page.locator('.ant-select-item-option', { hasText: '医保关系转移接续' }).click();
    await page.getByLabel('姓名').fill('赵六');
    await page.getByLabel('身份证号码').fill('370102199203031234');
    await page.getByLabel('社会保障卡号').fill('A12345678');
    await page.getByLabel('手机号码').fill('13600000000');
    await page.getByLabel('城乡居民基本医疗保险').check();
    await page.getByLabel('转出地（原参保地）').fill('青岛市');
    await page.getByLabel('转入地（现参保地）').fill('济南市');
    await screenshot(page, 'tasklist-staff-desktop-new-case');
    await page.locator('#start-case').click();

    // then the case is opened by kong.wei with the form's values
    await page.getByRole('status').filter({ hasText: '已受理：医保关系转移接续' }).waitFor();
    const created = await record((candidate) => candidate.valueType === 'PROCESS_INSTANCE_CREATION' && candidate.recordType === 'EVENT' && candidate.value.bpmnProcessId === 'medical-insurance-transfer' && JSON.stringify(candidate.value.variables ?? {}).includes('赵六'));
    const asked = await record((candidate) => candidate.valueType === 'PROCESS_INSTANCE_CREATION' && candidate.recordType === 'COMMAND' && candidate.position < created.position && candidate.actor === 'kong.wei');
    expect(asked.actor).to.equal('kong.wei');

    // and the success page says where the case went — its number, the department and step it waits at — in Chinese
    const status = page.getByRole('status');
    await status.locator('.case-whereabouts[data-steps="1"]').waitFor({ timeout: 30_000 });
    const caseNumber = (await status.locator('.case-number').textContent()) ?? '';
    expect(caseNumber).to.match(/^案件编号 \S+/);
    const whereabouts = (await status.locator('.case-whereabouts').textContent()) ?? '';
    expect(whereabouts).to.match(/^现在：\S*(局|中心|窗口|机构)\S*「[^」]+」（待领取）$/);
    await screenshot(page, 'tasklist-staff-desktop-new-case-accepted');

    // with a link to follow it (opened in a tab of its own, so this page can accept the next case): the case page
    // names the same number and place, read-only, with the case so far
    const link = status.getByRole('link', { name: '跟踪案件' });
    expect(await link.getAttribute('href')).to.equal(`#/case/${created.value.processInstanceKey}`);
    const follow = await page.context().newPage();
    try {
      await follow.goto(`${bed.url}/tasklist#/case/${created.value.processInstanceKey}`);
      const header = follow.locator('.case-header');
      await header.getByText(whereabouts.replace('现在：', '')).waitFor();
      expect(await header.textContent()).to.include(caseNumber.replace('案件编号 ', '')).and.include('当前所在');
      await follow.locator('.case-history .history-line', { hasText: '案件开始' }).waitFor();
      expect(await follow.locator('#note-text').count()).to.equal(0);
      await screenshot(follow, 'tasklist-staff-desktop-case-followed');
      // and in English for English readers
      await follow.getByText('EN', { exact: true }).click();
      await header.getByText(/^.+ · “.+” \(not claimed yet\)$/).waitFor();
      await follow.getByText('中', { exact: true }).click();
    } finally {
      await follow.close();
    }
  });

  it('refuses to open a case from an incomplete start form and says what is missing', async function () {
    await page.getByRole('button', { name: '继续受理' }).click();
    await page.locator('#new-case-process').click();
    await page.locator('.ant-select-item-option', { hasText: '医保关系转移接续' }).click();
    await page.getByLabel('姓名').fill('钱七');
    await page.locator('#start-case').click();

    await page.getByRole('alert').filter({ hasText: '受理表单填写不完整或有误' }).waitFor();
    await page.getByText('此项为必填项。').first().waitFor();
  });
});
