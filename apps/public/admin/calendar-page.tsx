/**
 * 节假日日历 (admin): the years in force as month grids, which years are covered and which are missing,
 * and the import of a State Council notice (pasted or as a .txt file): a dry run shows the parsed year or
 * the refused lines, and only a confirmation writes it.
 */
import { useCallback, useEffect, useState } from 'react';
import { Card, Empty, Select, Space, Spin, Tag, Typography } from 'antd';
import { fetchCalendar, type CalendarOverview } from '../shared/calendar-api';
import { ErrorAlert } from '../shared/ui/error-alert';
import { useText } from '../shared/ui/locale';
import { MonthsGrid } from '../shared/ui/months-grid';
import { NoticeImport } from './notice-import';

/** Consecutive years as [first, last] ranges: 23 covered years read as one tag. */
function yearRanges(years: number[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const year of [...years].sort((a, b) => a - b)) {
    const last = ranges.at(-1);
    if (last && year === last[1] + 1) last[1] = year;
    else ranges.push([year, year]);
  }
  return ranges;
}

/** The calendar page. */
export function CalendarPage() {
  const t = useText();
  const [overview, setOverview] = useState<CalendarOverview>();
  const [error, setError] = useState<unknown>();
  const [year, setYear] = useState<number>();
  const load = useCallback(async () => {
    try {
      const result = await fetchCalendar();
      setOverview(result);
      setError(undefined);
      setYear((current) => current ?? result.years.map((entry) => entry.year).find((candidate) => candidate === new Date().getFullYear()) ?? result.years.at(-1)?.year);
    } catch (failure) {
      setError(failure);
    }
  }, []);
  useEffect(() => void load(), [load]);
  if (error) return <ErrorAlert error={error} />;
  if (!overview) return <Spin />;
  const shown = overview.years.find((entry) => entry.year === year);
  const suggestedYear = overview.missingYears[0] ?? (overview.coveredYears.at(-1) ?? new Date().getFullYear()) + 1;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={t('已覆盖的年份', 'Years covered')} size="small">
        <Space wrap data-testid="covered-years">
          {yearRanges(overview.coveredYears).map(([first, last]) => (
            <Tag key={first} color="green" data-years={`${first}-${last}`} data-covered="true">
              {first === last ? t(`${first} 年 已覆盖`, `${first} covered`) : t(`${first}–${last} 年 已覆盖`, `${first}–${last} covered`)}
            </Tag>
          ))}
          {overview.missingYears.map((missing) => (
            <Tag key={missing} color="red" data-year={missing} data-covered="false">
              {t(`${missing} 年 缺少数据`, `${missing} missing`)}
            </Tag>
          ))}
        </Space>
        {overview.provisional.openDeadlines > 0 && (
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
            <Tag color="orange">{t('期限暂定', 'Provisional')}</Tag>
            {t(
              `${overview.provisional.openDeadlines} 个未办结期限跨入 ${overview.provisional.years.join('、')} 年，暂按周一至周五、扣除法定节日计算；导入公告后自动重算。`,
              `${overview.provisional.openDeadlines} open deadlines run into ${overview.provisional.years.join(', ')} and count Monday to Friday less the statutory holidays until the notice is imported.`,
            )}
          </Typography.Paragraph>
        )}
      </Card>
      <Card
        title={t('节假日与调休', 'Holidays and make-up workdays')}
        size="small"
        extra={
          overview.years.length > 0 && (
            <Select
              value={year}
              onChange={(value) => setYear(value)}
              options={[...overview.years].reverse().map((entry) => ({ label: t(`${entry.year} 年`, String(entry.year)), value: entry.year }))}
              style={{ width: 110 }}
              aria-label={t('年份', 'Year')}
              data-testid="calendar-year"
            />
          )
        }
      >
        {shown ? (
          <>
            <Typography.Paragraph type="secondary">
              {t(`来源：${shown.source}；节假日 ${shown.holidays.length} 天，调休上班 ${shown.workdays.length} 天`, `Source: ${shown.source}; ${shown.holidays.length} holidays, ${shown.workdays.length} make-up workdays`)}
            </Typography.Paragraph>
            <MonthsGrid year={shown.year} holidays={shown.holidays} workdays={shown.workdays} />
          </>
        ) : (
          <Empty description={t('尚无节假日数据', 'No holiday data yet')} />
        )}
      </Card>
      <NoticeImport suggestedYear={suggestedYear} onImported={(imported) => (setYear(imported), void load())} />
    </Space>
  );
}
