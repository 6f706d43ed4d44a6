/**
 * Names for the pager's arrows. antd draws 上一页 / 下一页 and the five-page jumps as icon-only buttons, which a
 * screen reader announces by the icon's English name ("left", "double-right"); these replacements carry the same
 * icons (hidden from the reader) and a name in the current language. Spread into every `pagination` prop.
 */
import { DoubleLeftOutlined, DoubleRightOutlined, EllipsisOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import type { PaginationProps } from 'antd';
import { useText } from './locale';

/** The four arrow props of antd's Pagination (`prevIcon`, `nextIcon`, `jumpPrevIcon`, `jumpNextIcon`), named. */
export function usePageArrows(): Pick<PaginationProps, 'prevIcon' | 'nextIcon' | 'jumpPrevIcon' | 'jumpNextIcon'> {
  const t = useText();
  // The same markup antd uses (class names, a button kept out of the Tab order: the list item takes the focus).
  const jump = (label: string, icon: React.ReactNode) => (
    <a className="ant-pagination-item-link" aria-label={label}>
      <div className="ant-pagination-item-container">
        {icon}
        <span className="ant-pagination-item-ellipsis" aria-hidden="true">
          <EllipsisOutlined />
        </span>
      </div>
    </a>
  );
  return {
    prevIcon: (
      <button className="ant-pagination-item-link" type="button" tabIndex={-1} aria-label={t('上一页', 'Previous page')}>
        <LeftOutlined aria-hidden="true" />
      </button>
    ),
    nextIcon: (
      <button className="ant-pagination-item-link" type="button" tabIndex={-1} aria-label={t('下一页', 'Next page')}>
        <RightOutlined aria-hidden="true" />
      </button>
    ),
    jumpPrevIcon: jump(t('向前 5 页', 'Back 5 pages'), <DoubleLeftOutlined className="ant-pagination-item-link-icon" aria-hidden="true" />),
    jumpNextIcon: jump(t('向后 5 页', 'Forward 5 pages'), <DoubleRightOutlined className="ant-pagination-item-link-icon" aria-hidden="true" />),
  };
}
