/**
 * The banner every app shows its signed-in users while deadlines are provisional: a year without the State
 * Council's holiday arrangement is counted on weekends only ("期限暂定") until an admin imports its notice.
 */
import { useEffect, useState } from 'react';
import { Alert } from 'antd';
import type { CurrentUser } from '../api';
import { fetchCalendar, type CalendarOverview } from '../calendar-api';
import { useText } from './locale';

/** The banner text for an overview with a warning; undefined when there is nothing to warn about. */
export function bannerText(overview: CalendarOverview, t: (zh: string, en: string) => string): string | undefined {
  if (!overview.warning) return undefined;
  const years = [...new Set([...overview.provisional.years, ...overview.missingYears])].sort();
  const missing = years.length ? t(`缺少 ${years.join('、')} 年节假日安排`, `no holiday arrangement for ${years.join(', ')}`) : '';
  const count = t(`期限暂定：${overview.provisional.openDeadlines} 个未办结期限按仅周末计算`, `Provisional deadlines: ${overview.provisional.openDeadlines} open deadlines count weekends only`);
  return [count, missing].filter(Boolean).join(t('，', '; '));
}

/** The warning banner, or nothing (also when the calendar cannot be read: the page itself still works). */
export function CalendarBanner({ user, reloadKey = 0 }: { user: CurrentUser; reloadKey?: number }) {
  const t = useText();
  const [overview, setOverview] = useState<CalendarOverview>();
  useEffect(() => {
    let live = true;
    fetchCalendar()
      .then((result) => live && setOverview(result))
      .catch(() => live && setOverview(undefined));
    return () => {
      live = false;
    };
  }, [user.username, reloadKey]);
  if (!overview) return null;
  const text = bannerText(overview, t);
  if (!text) return null;
  const isAdmin = user.roles.includes('admin');
  return (
    <Alert
      className="calendar-banner"
      data-testid="calendar-banner"
      type="warning"
      showIcon
      banner
      title={text}
      description={
        <>
          {overview.warning}
          {isAdmin ? (
            <>
              {' '}
              <a href="/admin#/calendar">{t('去导入节假日公告', 'Import the holiday notice')}</a>
            </>
          ) : null}
        </>
      }
      style={{ marginBottom: 16 }}
    />
  );
}
