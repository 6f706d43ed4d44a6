/**
 * A variable's value as auditors read it instead of one line of JSON: an object as its keys with their
 * values (nested ones indented), a list as numbered items, long texts and long lists folded. A value the
 * engine cut short (too large to search) is not JSON any more and shows as it came, folded.
 */
import { useState, type ReactNode } from 'react';
import { Button, Typography } from 'antd';
import { FoldedText } from '../shared/ui/folded-text';
import { useText } from '../shared/ui/locale';

/** Lists and objects longer than this show their first members and a button for the rest. */
const FIRST_MEMBERS = 6;

type Text = (zh: string, en: string) => string;

/** A member's name by its path (`agent.idNumber`), in the page's language; undefined where none is known. */
export type MemberName = (path: string) => string | undefined;

/** The label of option `value` of the field at `path` (a form's 通过 for `approve`), in the page's language; undefined where none is known. */
export type OptionLabel = (path: string, value: string) => string | undefined;

function Members({ count, children }: { count: number; children: (shown: number) => ReactNode }) {
  const t = useText();
  const [all, setAll] = useState(false);
  const shown = all || count <= FIRST_MEMBERS + 1 ? count : FIRST_MEMBERS;
  return (
    <>
      {children(shown)}
      {count > FIRST_MEMBERS + 1 && (
        <Button type="link" size="small" className="value-more" style={{ padding: 0, height: 'auto' }} onClick={() => setAll(!all)}>
          {all ? t('收起', 'Less') : t(`展开其余 ${count - shown} 项`, `${count - shown} more`)}
        </Button>
      )}
    </>
  );
}

function render(value: unknown, t: Text, path: string, nameOf: MemberName, optionOf: OptionLabel): ReactNode {
  if (value === null || value === '') return <Typography.Text type="secondary">{t('（空）', '(empty)')}</Typography.Text>;
  if (typeof value === 'string') {
    // A form option's code reads as its label; the code stays for experts on hover.
    const option = optionOf(path, value);
    if (option) return <span className="value-option" data-value={value} title={value}>{option}</span>;
    return <FoldedText text={value} rows={3} />;
  }
  if (typeof value === 'boolean') return value ? t('是', 'yes') : t('否', 'no');
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return <Typography.Text type="secondary">{t('（空列表）', '(empty list)')}</Typography.Text>;
    return (
      <Members count={value.length}>
        {(shown) => (
          <ol className="value-list">
            {value.slice(0, shown).map((item, index) => (
              <li key={index}>{render(item, t, path, nameOf, optionOf)}</li>
            ))}
          </ol>
        )}
      </Members>
    );
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return <Typography.Text type="secondary">{t('（无字段）', '(no fields)')}</Typography.Text>;
    return (
      <Members count={entries.length}>
        {(shown) => (
          <dl className="value-object">
            {entries.slice(0, shown).map(([key, inner]) => (
              <div className="value-member" key={key} data-key={key}>
                <dt title={key}>{nameOf(`${path}.${key}`) ?? key}</dt>
                <dd>{render(inner, t, `${path}.${key}`, nameOf, optionOf)}</dd>
              </div>
            ))}
          </dl>
        )}
      </Members>
    );
  }
  return String(value);
}

/**
 * The value of one variable, from the JSON text the variable search answers with; its members named by
 * `nameOf` (paths start with the variable's `name`), their keys where it has none; option codes shown by their
 * labels from `optionOf`.
 */
export function VariableValue({ json, name = '', nameOf = () => undefined, optionOf = () => undefined }: { json: string; name?: string; nameOf?: MemberName; optionOf?: OptionLabel }) {
  const t = useText();
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return <FoldedText className="value value-raw" text={json} rows={3} />;
  }
  return <div className="value">{render(value, t, name, nameOf, optionOf)}</div>;
}
