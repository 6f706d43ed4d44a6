import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { AUDITOR, REVIEW_BPMN, XU_MING, ZHANG_SAN, processEvent, startAppsTestBed, type AppsTestBed } from '../apps-test-bed';

/** The rows of the first (or named) sheet of an .xlsx answer, as plain values. */
async function xlsxRows(response: Response, sheet?: string): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  const worksheet = sheet ? workbook.getWorksheet(sheet)! : workbook.worksheets[0];
  const rows: unknown[][] = [];
  // An empty cell (no handler yet) reads as '': the streaming writer leaves it out of the file, as Excel does.
  worksheet.eachRow((row) => rows.push(Array.from({ length: worksheet.columnCount }, (_, column) => row.getCell(column + 1).value ?? '')));
  return rows;
}

describe('the audit lists exported as CSV and Excel', function () {
  let bed: AppsTestBed;

  before(async function () {
    bed = await startAppsTestBed();
    const finished = await bed.openCase('SD-E-1', '某某商贸有限公司设立登记');
    const created = await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'CREATED' && record.value.processInstanceKey === finished.processInstanceKey);
    const userTaskKey = String(created.value.userTaskKey ?? created.key);
    await bed.call('POST', `/v2/user-tasks/${userTaskKey}/assignment`, { user: ZHANG_SAN, body: { assignee: 'zhang.san' } });
    await bed.call('POST', `/v2/user-tasks/${userTaskKey}/completion`, { user: ZHANG_SAN, body: { variables: { decision: 'approve', opinion: '材料齐全' } } });
    await bed.record(processEvent(finished.processInstanceKey, 'ELEMENT_COMPLETED'));
    const open = await bed.openCase('SD-E-2', '某某餐饮有限公司设立登记', { startedAt: '2025-09-22T09:00:00+08:00', workingDays: 2 });
    await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'CREATED' && record.value.processInstanceKey === open.processInstanceKey);
    // a case of 历下区: its task goes to that district's 市场监管局 (a department of a place is `<department>-<code>`)
    const lixia = REVIEW_BPMN.replace('process id="apps-licence-review"', 'process id="apps-licence-review-lixia"').replace('bpmnElement="apps-licence-review"', 'bpmnElement="apps-licence-review-lixia"').replace('candidateGroups="market-regulation"', 'candidateGroups="market-regulation-370102"');
    await bed.server.engine.deployResources([{ name: 'apps-licence-review-lixia.bpmn', content: Buffer.from(lixia) }]);
    const placed = await bed.server.engine.createProcessInstance({ bpmnProcessId: 'apps-licence-review-lixia', variables: { caseId: 'SD-E-3', caseTitle: '某某书店有限公司设立登记' } });
    await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'CREATED' && record.value.processInstanceKey === placed.processInstanceKey);
  });

  after(async function () {
    await bed?.close();
  });

  it('exports the case list as CSV with a byte order mark, Chinese headers and a Chinese file name', async function () {
    const response = await bed.call('GET', '/v2/apps/audit/export/cases?format=csv', { user: AUDITOR });
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.subarray(3).toString('utf8');

    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^text\/csv/);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(response.headers.get('content-disposition')!)![1])).to.equal('案件列表-2025-10-09.csv');
    expect([...bytes.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    expect(text.split('\n')[0]).to.equal('案件编号,案件名称,流程,版本,状态,地区,受理时间,办结时间,流程实例');
    expect(text).to.include('SD-E-1,某某商贸有限公司设立登记,apps-licence-review,1,已办结,,2025-10-09 10:00,2025-10-09 10:00');
    expect(text).to.include('SD-E-2,某某餐饮有限公司设立登记,apps-licence-review,1,办理中,,');
    // a case whose task went to a place's department names that place
    expect(text).to.include('SD-E-3,某某书店有限公司设立登记,apps-licence-review-lixia,1,办理中,济南市历下区,');
  });

  it('exports only the cases the list filter shows', async function () {
    const response = await bed.call('GET', '/v2/apps/audit/export/cases?format=xlsx&state=COMPLETED', { user: AUDITOR });
    const rows = await xlsxRows(response);

    expect(response.headers.get('content-type')).to.equal('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(rows.map((row) => row[0])).to.deep.equal(['案件编号', 'SD-E-1']);
  });

  it('exports the 亮灯 board with each case light, its department, step and handler, and how far it is overdue', async function () {
    const rows = await xlsxRows(await bed.call('GET', '/v2/apps/audit/export/lights?format=xlsx', { user: AUDITOR }));

    expect(rows[0]).to.deep.equal(['亮灯', '案件编号', '案件名称', '流程', '部门', '当前环节', '经办人', '超期时长', '受理时间', '时限（到期 / 剩余）', '期限暂定']);
    // the two open cases: 历下区's has no time limit
    expect(rows.slice(1).map((row) => row[1])).to.have.members(['SD-E-2', 'SD-E-3']);
    const red = rows.find((row) => row[1] === 'SD-E-2')!;
    expect(red.slice(0, 7)).to.deep.equal(['红灯', 'SD-E-2', '某某餐饮有限公司设立登记', '营业执照审查（测试）', '市场监管局', '审查材料', '']);
    // due 2025-09-23 17:30; six working days (2025-09-28 is a 调休 Sunday) and an office hour later by the clock
    expect(red[7]).to.equal('6.1 个工作日');
    expect(red[9]).to.equal('stage1：2025-09-23 17:30 到期，超期 6.1 个工作日');
    expect(rows.find((row) => row[1] === 'SD-E-3')![0]).to.equal('无时限');
  });

  it('exports the statistics as a department ranking, a process sheet and a weekly trend', async function () {
    const response = await bed.call('GET', '/v2/apps/audit/export/statistics?format=xlsx&from=2025-10-01&to=2025-10-31', { user: AUDITOR });
    const departments = await xlsxRows(response.clone(), '部门排名');
    const weekly = await xlsxRows(response, '每周趋势');

    expect(departments[1].slice(0, 7)).to.deep.equal(['2025-10-01 至 2025-10-31', 1, '市场监管局', 1, 1, 0, '100.0%']);
    expect(departments[departments.length - 1][2]).to.equal('合计');
    expect(weekly.find((row) => row[0] === '2025-10-06')).to.deep.equal(['2025-10-06', 1, 1, 0]);
  });

  it('refuses an unknown list or format in Chinese and English, and staff who are not auditors', async function () {
    const list = await bed.call('GET', '/v2/apps/audit/export/tasks?format=csv', { user: AUDITOR });
    const format = await bed.call('GET', '/v2/apps/audit/export/cases?format=pdf', { user: AUDITOR });
    const staff = await bed.call('GET', '/v2/apps/audit/export/cases?format=csv', { user: XU_MING });

    expect(list.status).to.equal(400);
    expect(((await list.json()) as { detail: string }).detail).to.include('可导出的列表');
    expect(format.status).to.equal(400);
    expect(((await format.json()) as { detail: string }).detail).to.include('导出格式须为 csv 或 xlsx');
    expect(staff.status).to.equal(403);
  });
});
