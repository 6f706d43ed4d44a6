/**
 * 办理经过: the case so far as a timeline in Chinese (read-only — who did what, which values, deadlines,
 * 督办 changes with their reasons, notes), with a box to add a note (备注) to the case while it runs.
 */
import { useState } from 'react';
import { App, Button, Card, Empty, Input, Space, Switch, Timeline, Typography } from 'antd';
import { ErrorAlert } from '../shared/ui/error-alert';
import { FoldedText } from '../shared/ui/folded-text';
import { useLanguage, useText } from '../shared/ui/locale';
import { addNote, type CaseOverview } from './case-api';

const COLOURS: Record<string, string> = { note: 'purple', deadline: 'orange', incident: 'red', decision: 'green', case: 'blue' };

/** The history card of a case; `onChanged` reloads the case after a note. */
export function CaseHistoryCard({ overview, userTaskKey, canWrite, onChanged }: { overview: CaseOverview; userTaskKey?: string; canWrite: boolean; onChanged(): Promise<void> | void }) {
  const t = useText();
  const { language } = useLanguage();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  // Values set outside a step (the application's fields, the workers' bookkeeping) are the form's business; one switch away.
  const [everything, setEverything] = useState(false);
  const open = overview.case.state === 'ACTIVE';
  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await addNote(overview.case.processInstanceKey, text.trim(), userTaskKey);
      setText('');
      void message.success(t('备注已添加', 'Note added'));
      await onChanged();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const lines = overview.history.filter((line) => everything || line.kind !== 'variable').reverse();
  return (
    <Card
      size="small"
      title={t('办理经过', 'Case so far')}
      className="case-history"
      extra={
        <Space size={4}>
          <Typography.Text type="secondary">{t('显示数据变更', 'Show data changes')}</Typography.Text>
          <Switch size="small" checked={everything} onChange={setEverything} aria-label={t('显示数据变更', 'Show data changes')} />
        </Space>
      }
    >
      {canWrite && open && (
        <Space.Compact style={{ width: '100%', marginBottom: 16 }}>
          <Input.TextArea
            value={text}
            onChange={(event) => setText(event.target.value)}
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={2000}
            placeholder={t('添加备注，如：申请人来电说明情况', 'Add a note to the case')}
            aria-label={t('备注', 'Note')}
            id="note-text"
          />
          <Button type="primary" id="add-note" loading={busy} disabled={!text.trim()} onClick={() => void save()}>
            {t('添加备注', 'Add note')}
          </Button>
        </Space.Compact>
      )}
      <ErrorAlert error={error} onClose={() => setError(undefined)} />
      {lines.length === 0 ? (
        <Empty description={t('暂无记录', 'Nothing yet')} />
      ) : (
        <Timeline
          items={lines.map((line) => ({
            key: line.position,
            color: COLOURS[line.kind] ?? 'gray',
            content: (
              <div className="history-line" data-kind={line.kind}>
                <Typography.Text type="secondary">{line.at}</Typography.Text> {line.who && <Typography.Text strong>{line.who}</Typography.Text>} {t(line.what, line.whatEn ?? line.what)}
                {line.changes.length > 0 && <div className="history-changes">{(language === 'en' && line.changesEn ? line.changesEn : line.changes).map((change) => <div key={change} style={{ fontSize: 12, color: 'rgba(0, 0, 0, 0.45)' }}><FoldedText text={change} /></div>)}</div>}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
