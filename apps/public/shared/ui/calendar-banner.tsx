/**
 * The banner every app shows its signed-in users while deadlines are provisional: a year without the State
 * Council's holiday arrangement is counted on weekends only ("期限暂定") until an admin imports its notice. Admins
 * read the server's warning with a link to the import; everyone else what it means for them (nothing to do).
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Grid } from 'antd';
import type { CurrentUser } from '../api';
import { fetchCalendar, type CalendarOverview } from '../calendar-api';
import { useText } from './locale';

/**
 * The banner's headline for an overview with a warning (the server's `warning` is its description); `short` is the
 * phone's one line, which keeps the count and the year and drops the words around them.
 */
export function bannerTitle(overview: CalendarOverview, t: (zh: string, en: string) => string, short = false): string | undefined {
  if (!overview.warning) return undefined;
  const { openDeadlines, years } = overview.provisional;
  if (openDeadlines > 0) {
    return short
      ? t(`期限暂定 ${openDeadlines} 个 · 缺 ${years.join('、')} 年节假日`, `${openDeadlines} provisional · no ${years.join(', ')} holidays`)
      : t(`期限暂定：${openDeadlines} 个在办期限（缺少 ${years.join('、')} 年节假日安排）`, `Provisional deadlines: ${openDeadlines} open (no holiday data for ${years.join(', ')})`);
  }
  return short
    ? t(`缺 ${overview.missingYears.join('、')} 年节假日安排`, `No ${overview.missingYears.join(', ')} holidays`)
    : t(`缺少 ${overview.missingYears.join('、')} 年节假日安排`, `No holiday data for ${overview.missingYears.join(', ')}`);
}

/** The warning banner, or nothing (also when the calendar cannot be read: the page itself still works). */
export function CalendarBanner({ user, reloadKey = 0 }: { user: CurrentUser; reloadKey?: string | number }) {
  const t = useText();
  const [overview, setOverview] = useState<CalendarOverview>();
  // On a phone the banner is one line; its explanation opens on demand (it took a fifth of a 390×844 screen).
  const phone = !Grid.useBreakpoint().md;
  const [explained, setExplained] = useState(false);
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
  const text = bannerTitle(overview, t, phone);
  if (!text) return null;
  const isAdmin = user.roles.includes('admin');
  const compact = phone && !explained;
  return (
    <Alert
      className={phone ? 'calendar-banner calendar-banner-phone' : 'calendar-banner'}
      data-testid="calendar-banner"
      type="warning"
      showIcon
      banner
      title={text}
      action={
        phone ? (
          <Button size="small" type="link" className="banner-toggle" aria-expanded={explained} onClick={() => setExplained(!explained)}>
            {explained ? t('收起', 'Less') : t('说明', 'Why')}
          </Button>
        ) : undefined
      }
      description={
        compact ? undefined : isAdmin ? (
          <>
            {overview.warning}{' '}
            <a href="/admin#/calendar">{t('去导入节假日公告', 'Import the holiday notice')}</a>
          </>
        ) : (
          // The server's text asks for the import, which only an admin can do: staff and auditors read what it means for them.
          t('标有“期限暂定”的期限暂按周一至周五、扣除法定节日计算；管理员导入节假日安排后将自动重算，您无需处理。', 'Deadlines marked provisional count Monday to Friday less the statutory holidays for now; they are recomputed once an administrator imports the holiday arrangement. Nothing to do for you.')
        )
      }
      style={{ marginBottom: phone ? 12 : 16 }}
    />
  );
}
