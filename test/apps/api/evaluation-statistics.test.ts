import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { AUDITOR, startAppsTestBed, type AppsTestBed } from '../apps-test-bed';
import { finishEvaluations } from '../evaluation-cases';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response: Response): Promise<any> => response.json();

describe('好差评 in the 电子监察 statistics: ratings, bad reviews and the rectification rate (整改率)', function () {
  let bed: AppsTestBed;

  before(async function () {
    bed = await startAppsTestBed();
    await finishEvaluations(bed);
  });

  after(async function () {
    await bed?.close();
  });

  it('counts the period’s evaluations, ratings and bad reviews, and the share of required rectifications closed', async function () {
    const statistics = await json(await bed.call('GET', '/v2/apps/audit/statistics?from=2025-10-01&to=2025-10-31', { user: AUDITOR }));

    expect(statistics.evaluations).to.deep.equal({ evaluations: 5, rated: 4, badReviews: 3, rectificationRequired: 2, rectified: 1, rectificationRate: 0.5 });
  });

  it('narrows to the evaluations of one service when a process is chosen', async function () {
    const opening = await json(await bed.call('GET', '/v2/apps/audit/statistics?from=2025-10-01&to=2025-10-31&bpmnProcessId=enterprise-opening', { user: AUDITOR }));
    const talent = await json(await bed.call('GET', '/v2/apps/audit/statistics?from=2025-10-01&to=2025-10-31&bpmnProcessId=talent-card', { user: AUDITOR }));

    expect(opening.evaluations).to.deep.equal({ evaluations: 3, rated: 3, badReviews: 2, rectificationRequired: 2, rectified: 1, rectificationRate: 0.5 });
    // nothing to rectify: no rate rather than 0% or 100%
    expect(talent.evaluations).to.deep.equal({ evaluations: 2, rated: 1, badReviews: 1, rectificationRequired: 0, rectified: 0, rectificationRate: null });
  });

  it('exports the rectification rate as the statistics workbook’s 好差评 sheet', async function () {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await bed.call('GET', '/v2/apps/audit/export/statistics?format=xlsx&from=2025-10-01&to=2025-10-31', { user: AUDITOR })).arrayBuffer());
    const sheet = workbook.getWorksheet('好差评')!;

    expect((sheet.getRow(1).values as unknown[]).slice(1)).to.deep.equal(['统计区间', '评价件数', '已评价', '差评', '需整改', '已整改', '整改率']);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).to.deep.equal(['2025-10-01 至 2025-10-31', 5, 4, 3, 2, 1, '50.0%']);
  });

  it('leaves out evaluations opened outside the period', async function () {
    const september = await json(await bed.call('GET', '/v2/apps/audit/statistics?from=2025-09-01&to=2025-09-30', { user: AUDITOR }));

    expect(september.evaluations).to.deep.include({ evaluations: 0, rectificationRate: null });
  });
});
