/**
 * Export of the audit lists (案件, 亮灯看板, 电子监察统计) as CSV or Excel (.xlsx), built on the server from the
 * same queries the pages show, so an export holds every matching row, not just the page in the browser.
 * Files are written with ExcelJS (npm `exceljs`): one maintained library for both formats, with real
 * .xlsx (column widths, a frozen header, several sheets) and CSV through its fast-csv writer. CSV starts
 * with a UTF-8 byte order mark, without which Excel on Windows reads Chinese as mojibake.
 */
import { formatShare } from '../public/shared/rates';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { badRequest } from '../../engine/gateway/rest/problem';
import type { AuditStatistics } from './audit-statistics';
import type { BoardPageRow } from './audit-light-board';
import type { CaseIndex } from './case-index/case-index';
import { instancePage, MAX_PAGE, type InstanceSummary } from './instance-records';

/** The lists that can be exported. */
export const EXPORT_LISTS = ['cases', 'lights', 'statistics'] as const;
export type ExportList = (typeof EXPORT_LISTS)[number];
export type ExportFormat = 'csv' | 'xlsx';

/** Most case rows one export holds (an auditor narrows by process, state or text beyond that). */
export const MAX_EXPORT_ROWS = 100_000;

/** One sheet: a title, its column headers with widths, and rows of cells. */
interface Sheet {
  name: string;
  columns: { header: string; width: number }[];
  rows: (string | number | null)[][];
}

/** A finished file for the HTTP answer. */
export interface ExportFile {
  body: Buffer;
  contentType: string;
  /** The file name people see (Chinese), for Content-Disposition's filename*. */
  fileName: string;
  /** An ASCII fallback for clients without filename* support. */
  asciiName: string;
}

const STATE_NAMES: Record<InstanceSummary['state'], string> = { ACTIVE: '办理中', COMPLETED: '已办结', TERMINATED: '已终止', SUSPENDED: '已挂起' };
const LIGHT_NAMES: Record<string, string> = { red: '红灯', yellow: '黄灯', green: '绿灯', paused: '暂停' };
const LIST_NAMES: Record<ExportList, string> = { cases: '案件列表', lights: '亮灯看板', statistics: '电子监察统计' };

function beijing(iso: string | null): string {
  if (!iso) return '';
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Checks `list` and `format`, with a bilingual error for anything else. */
export function parseExportRequest(list: string, format: unknown): { list: ExportList; format: ExportFormat } {
  if (!(EXPORT_LISTS as readonly string[]).includes(list)) {
    throw badRequest(`Expected the list to export to be one of ${EXPORT_LISTS.join(', ')}, but was '${list}'. / 可导出的列表为：案件（cases）、亮灯看板（lights）、统计（statistics）。`);
  }
  if (format !== 'csv' && format !== 'xlsx') {
    throw badRequest(`Expected the query parameter 'format' to be csv or xlsx, but was ${JSON.stringify(format)}. / 导出格式须为 csv 或 xlsx。`);
  }
  return { list: list as ExportList, format };
}

/** Every case the audit list shows for `query` (its filters, without paging), newest first. */
export function caseSheet(index: CaseIndex, query: Record<string, unknown>, now: number): Sheet {
  const filters: Record<string, unknown> = {};
  for (const name of ['state', 'bpmnProcessId', 'text', 'department', 'place', 'applicant', 'caseId', 'startedFrom', 'startedTo', 'light']) if (query[name] !== undefined && query[name] !== '') filters[name] = query[name];
  const rows: Sheet['rows'] = [];
  let after: string | undefined;
  for (;;) {
    const page = instancePage(index, { ...filters, limit: String(MAX_PAGE), ...(after ? { after } : {}) }, now);
    for (const item of page.items) {
      // 地区: the places whose departments had the case's tasks, as the list's column shows them.
      rows.push([item.caseId, item.caseTitle, item.bpmnProcessId, item.version, STATE_NAMES[item.state], (item.places ?? []).join('、'), beijing(item.startedAt), beijing(item.endedAt), item.processInstanceKey]);
    }
    if (page.items.length < MAX_PAGE || !page.page.endCursor) break;
    if (rows.length >= MAX_EXPORT_ROWS) {
      throw badRequest(`Expected at most ${MAX_EXPORT_ROWS} cases in one export; narrow it by process, state or text. / 一次最多导出 ${MAX_EXPORT_ROWS} 件，请按流程、状态或关键字缩小范围。`);
    }
    after = page.page.endCursor;
  }
  return {
    name: '案件列表',
    columns: [
      { header: '案件编号', width: 18 },
      { header: '案件名称', width: 32 },
      { header: '流程', width: 28 },
      { header: '版本', width: 6 },
      { header: '状态', width: 8 },
      { header: '地区', width: 16 },
      { header: '受理时间', width: 17 },
      { header: '办结时间', width: 17 },
      { header: '流程实例', width: 20 },
    ],
    rows,
  };
}

/** The 亮灯 board, one row per case, its deadlines as text. */
export function lightsSheet(board: BoardPageRow[], minutesPerWorkingDay: number): Sheet {
  const remaining = (minutes: number) => {
    const days = Math.round((Math.abs(minutes) / minutesPerWorkingDay) * 10) / 10;
    return minutes < 0 ? `超期 ${days} 个工作日` : `剩余 ${days} 个工作日`;
  };
  return {
    name: '亮灯看板',
    columns: [
      { header: '亮灯', width: 8 },
      { header: '案件编号', width: 18 },
      { header: '案件名称', width: 32 },
      { header: '流程', width: 28 },
      { header: '部门', width: 16 },
      { header: '当前环节', width: 18 },
      { header: '经办人', width: 10 },
      { header: '超期时长', width: 14 },
      { header: '受理时间', width: 17 },
      { header: '时限（到期 / 剩余）', width: 48 },
      { header: '期限暂定', width: 10 },
    ],
    rows: board.map((row) => [
      row.light.colour ? LIGHT_NAMES[row.light.colour] : '无时限',
      row.caseId,
      row.caseTitle,
      row.processName ?? row.bpmnProcessId,
      row.departments.map((department) => department.name).join('、'),
      row.currentSteps.join('、'),
      row.handlers.join('、'),
      row.overdueWorkingMinutes > 0 ? remaining(-row.overdueWorkingMinutes).replace('超期 ', '') : '',
      beijing(row.startedAt),
      row.light.deadlines.map((light) => `${light.name}：${beijing(light.dueAt)} 到期，${remaining(light.remainingWorkingMinutes)}`).join('；') || row.lightError || '',
      row.provisional ? `是（${row.provisionalYear ?? ''}）` : '',
    ]),
  };
}

/** The statistics as four sheets: departments ranked, processes, weekly trend, 好差评 with the rectification rate. */
export function statisticsSheets(statistics: AuditStatistics): Sheet[] {
  const percent = (value: number | null) => formatShare(value, '');
  const countColumns = [
    { header: '办结', width: 8 },
    { header: '按时办结', width: 10 },
    { header: '超期办结', width: 10 },
    { header: '按时办结率', width: 12 },
    { header: '在办超期', width: 10 },
    { header: '平均办理（工作日）', width: 18 },
    { header: '平均时限（工作日）', width: 18 },
  ];
  const counts = (row: AuditStatistics['totals']) => [row.finished, row.onTime, row.overdue, percent(row.onTimeRate), row.openOverdue, row.averageWorkingDays, row.averageLimitWorkingDays];
  const period = `${statistics.from} 至 ${statistics.to}`;
  return [
    {
      name: '部门排名',
      columns: [{ header: '统计区间', width: 24 }, { header: '排名', width: 6 }, { header: '部门', width: 20 }, ...countColumns],
      rows: [...statistics.byDepartment.map((row) => [period, row.rank, row.name, ...counts(row)]), [period, null, '合计', ...counts(statistics.totals)]],
    },
    {
      name: '流程',
      columns: [{ header: '统计区间', width: 24 }, { header: '流程', width: 28 }, { header: '流程标识', width: 28 }, ...countColumns],
      rows: statistics.byProcess.map((row) => [period, row.name, row.bpmnProcessId, ...counts(row)]),
    },
    {
      name: '每周趋势',
      columns: [{ header: '周（周一）', width: 12 }, { header: '办结', width: 8 }, { header: '按时办结', width: 10 }, { header: '超期办结', width: 10 }],
      rows: statistics.weekly.map((week) => [week.week, week.finished, week.onTime, week.overdue]),
    },
    {
      name: '好差评',
      columns: [{ header: '统计区间', width: 24 }, { header: '评价件数', width: 10 }, { header: '已评价', width: 8 }, { header: '差评', width: 8 }, { header: '需整改', width: 8 }, { header: '已整改', width: 8 }, { header: '整改率', width: 10 }],
      rows: [[period, statistics.evaluations.evaluations, statistics.evaluations.rated, statistics.evaluations.badReviews, statistics.evaluations.rectificationRequired, statistics.evaluations.rectified, percent(statistics.evaluations.rectificationRate)]],
    },
  ];
}

/**
 * The file for `sheets`. CSV holds one table, so a CSV of several sheets (the statistics) holds the first
 * (the department ranking); the .xlsx holds them all.
 */
export async function exportFile(list: ExportList, format: ExportFormat, sheets: Sheet[], today: string): Promise<ExportFile> {
  const base = `${LIST_NAMES[list]}-${today}`;
  if (format === 'csv') {
    const workbook = new ExcelJS.Workbook();
    const sheet = sheets[0];
    const worksheet = workbook.addWorksheet(sheet.name);
    worksheet.columns = sheet.columns.map((column) => ({ header: column.header, width: column.width }));
    worksheet.addRows(sheet.rows.map((row) => row.map((cell) => cell ?? '')));
    const csv = Buffer.from(await workbook.csv.writeBuffer());
    return { body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csv]), contentType: 'text/csv; charset=utf-8', fileName: `${base}.csv`, asciiName: `audit-${list}-${today}.csv` };
  }
  return {
    body: await xlsxOf(sheets),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fileName: `${base}.xlsx`,
    asciiName: `audit-${list}-${today}.xlsx`,
  };
}

/**
 * The .xlsx of `sheets`, written with ExcelJS's streaming writer: each row is serialised once as it is added and
 * released (the in-memory workbook kept a style model per cell and rendered the whole model at the end, about
 * half of a 2,600-row board export's time). Styles are on for the bold, frozen header only.
 */
async function xlsxOf(sheets: Sheet[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = 'OneGo 一次办好';
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.columns = sheet.columns.map((column) => ({ header: column.header, width: column.width }));
    worksheet.getRow(1).font = { bold: true };
    worksheet.getRow(1).commit();
    for (const row of sheet.rows) worksheet.addRow(row.map((cell) => cell ?? '')).commit();
    worksheet.commit();
  }
  await workbook.commit();
  await finished;
  return Buffer.concat(chunks);
}
