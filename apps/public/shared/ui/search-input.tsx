/**
 * Ant Design's search box with a search button screen readers name in the page's language ("搜索" rather
 * than the icon's English name "search"). The box itself is named by its label (or, without one, its placeholder).
 */
import { SearchOutlined } from '@ant-design/icons';
import { Button, Input } from 'antd';
import type { SearchProps } from 'antd/es/input';
import { useText } from './locale';

/** `Input.Search` with named controls; takes the same props. */
export function SearchInput(props: SearchProps) {
  const t = useText();
  return <Input.Search enterButton={<Button icon={<SearchOutlined aria-hidden />} aria-label={t('搜索', 'Search')} />} {...props} />;
}
