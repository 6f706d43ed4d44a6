/**
 * How a searched list shows that a search is under way. Ant Design dims the whole list to half its opacity
 * with a spinner 200 px into it: on a phone, where a list starts below a screen of filters, that spinner was
 * off-screen and the dimmed rows simply looked grey, as if disabled. So on a phone the rows keep their colour
 * and a "查询中…" bar sticks to the top of the screen instead; everywhere the dimming waits 300 ms (a quick
 * answer does not flash grey), and an empty list says 查询中… instead of "no tasks" until the first answer.
 */
import type { ReactNode } from 'react';
import { Spin } from 'antd';
import { useText } from './locale';

/** Milliseconds a search may take before the list shows it. */
const SHOW_AFTER_MS = 300;

/** What a list (antd `List` or `Table`) shows while `loading`: its `loading` and `locale` props, and a bar for phones. */
export function useSearching(loading: boolean, count: number, phone: boolean, emptyText?: ReactNode) {
  const t = useText();
  const quietRows = phone && count > 0;
  return {
    bar: quietRows && loading ? (
      <div role="status" className="list-searching-bar">
        <Spin size="small" /> {t('查询中…', 'Searching…')}
      </div>
    ) : null,
    props: {
      loading: { spinning: loading && !quietRows, delay: SHOW_AFTER_MS },
      locale: { emptyText: loading ? t('查询中…', 'Searching…') : emptyText },
    },
  };
}
