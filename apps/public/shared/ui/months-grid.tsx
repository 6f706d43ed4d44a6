/**
 * A year as twelve small month grids (Monday first): holidays in red marked 休, 调休 working days marked
 * 班, each with the festival's name on hover and for screen readers.
 */
import { Card, Col, Row, Typography } from 'antd';
import type { CalendarDay } from '../calendar-api';
import { useText } from './locale';

const WEEKDAYS_ZH = ['一', '二', '三', '四', '五', '六', '日'];
const WEEKDAYS_EN = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function Month({ year, month, holidays, workdays }: { year: number; month: number; holidays: Map<string, string>; workdays: Map<string, string> }) {
  const t = useText();
  const first = new Date(Date.UTC(year, month - 1, 1));
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7;
  const cells: (number | null)[] = [...Array<null>(lead).fill(null), ...Array.from({ length: days }, (_, index) => index + 1)];
  return (
    <Card size="small" title={t(`${month} 月`, new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en', { month: 'long', timeZone: 'UTC' }))} className="month" data-month={month}>
      <div className="month-grid" role="grid" aria-label={`${year}-${month}`}>
        {(t('zh', 'en') === 'zh' ? WEEKDAYS_ZH : WEEKDAYS_EN).map((weekday) => (
          <div key={weekday} className="weekday" role="columnheader">
            {weekday}
          </div>
        ))}
        {cells.map((day, index) => {
          if (day === null) return <div key={`blank-${index}`} />;
          const date = isoDate(year, month, day);
          const weekend = index % 7 >= 5;
          const holiday = holidays.get(date);
          const workday = workdays.get(date);
          const kind = holiday !== undefined ? 'holiday' : workday !== undefined ? 'workday' : weekend ? 'weekend' : 'plain';
          const label = holiday !== undefined ? `${holiday} ${t('休', 'off')}` : workday !== undefined ? `${workday} ${t('调休上班', 'make-up workday')}` : undefined;
          return (
            <div key={date} className={`day ${kind}`} data-date={date} data-kind={kind} title={label} aria-label={label ? `${date} ${label}` : date} role="gridcell">
              {day}
              {holiday !== undefined && <sup>{t('休', 'off')}</sup>}
              {workday !== undefined && <sup>{t('班', 'work')}</sup>}
            </div>
          );
        })}
      </div>
    </Card>
  );
}

/** The twelve months of `year` with its holidays and 调休 working days. */
export function MonthsGrid({ year, holidays, workdays }: { year: number; holidays: CalendarDay[]; workdays: CalendarDay[] }) {
  const t = useText();
  const holidayMap = new Map(holidays.map((day) => [day.date, day.name]));
  const workdayMap = new Map(workdays.map((day) => [day.date, day.name]));
  return (
    <div className="months" data-year={year}>
      <Typography.Paragraph type="secondary" className="months-legend">
        <span className="day holiday legend-swatch">{t('休', 'off')}</span> {t('法定节假日', 'public holiday')} <span className="day workday legend-swatch">{t('班', 'work')}</span> {t('调休上班', 'make-up workday')}{' '}
        <span className="day weekend legend-swatch">{t('六', 'Sa')}</span> {t('周末', 'weekend')}
      </Typography.Paragraph>
      <Row gutter={[12, 12]}>
        {Array.from({ length: 12 }, (_, index) => (
          <Col key={index} xs={12} md={8} xl={6}>
            <Month year={year} month={index + 1} holidays={holidayMap} workdays={workdayMap} />
          </Col>
        ))}
      </Row>
    </div>
  );
}
