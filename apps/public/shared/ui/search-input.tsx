/**
 * Ant Design's search box with a search button screen readers name in the page's language ("搜索" rather
 * than the icon's English name "search"), and the placeholder as the box's name when no label is given.
 */
import { SearchOutlined } from '@ant-design/icons';
import { Button, Input } from 'antd';
import type { SearchProps } from 'antd/es/input';
import { useText } from './locale';

/** `Input.Search` with named controls; takes the same props. */
export function SearchInput(props: SearchProps) {
  const t = useText();
  const name = props['aria-label'] ?? (typeof props.placeholder === 'string' ? props.placeholder : undefined);
  return <Input.Search aria-label={name} enterButton={<Button icon={<SearchOutlined aria-hidden />} aria-label={t('搜索', 'Search')} />} {...props} />;
}
