/**
 * A long text folded to a few lines with 展开 / 收起 (More / Less), so one long value — an address, an
 * object's members, a reason — does not push the rest of a history or table off the screen.
 */
import { Typography } from 'antd';
import { useText } from './locale';

/** Texts shorter than this never need folding at the apps' widths, and keep their natural width. */
const SHORT = 80;

/** `text` on at most `rows` lines until opened; short texts render as they are. */
export function FoldedText({ text, rows = 2, className }: { text: string; rows?: number; className?: string }) {
  const t = useText();
  if (text.length <= SHORT) return <div className={className}>{text}</div>;
  return (
    <Typography.Paragraph
      // `folded`: a block as wide as its column — measured against its own (shrinking) width antd cut it to one line
      className={`${className ?? ''} folded`}
      style={{ margin: 0, wordBreak: 'break-word' }}
      title={text}
      ellipsis={{ rows, expandable: 'collapsible', symbol: (expanded: boolean) => (expanded ? t('收起', 'Less') : t('展开', 'More')) }}
    >
      {text}
    </Typography.Paragraph>
  );
}
