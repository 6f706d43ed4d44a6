/**
 * The case so far, as auditors read it: one Chinese line per thing that happened (who, which step, what
 * was decided, deadlines, incidents), with the raw engine records behind a "原始记录" switch for experts.
 */
import { useState } from 'react';
import { Card, Space, Switch, Table, Timeline, Typography } from 'antd';
import { formatDateTime } from '../shared/format';
import { FoldedText } from '../shared/ui/folded-text';
import { useLanguage, useText } from '../shared/ui/locale';
import { usePageArrows } from '../shared/ui/page-arrows';
import type { HistoryEntry, ReadableEntry } from './audit-api';

/** Timeline colour per kind of line. */
const KIND_COLOURS: Record<ReadableEntry['kind'], string> = {
  case: 'blue',
  task: 'gray',
  decision: 'green',
  variable: 'gray',
  deadline: 'orange',
  incident: 'red',
  event: 'purple',
};

function RawRecords({ history }: { history: HistoryEntry[] }) {
  const t = useText();
  const arrows = usePageArrows();
  return (
    <Table
      className="history"
      size="small"
      rowKey="position"
      pagination={{ ...arrows, pageSize: 50, hideOnSinglePage: true }}
      dataSource={history}
      scroll={{ x: true }}
      columns={[
        { title: t('时间', 'Time'), dataIndex: 'at', render: formatDateTime },
        { title: t('操作人', 'Actor'), dataIndex: 'actor', render: (actor: string | null) => actor ?? <Typography.Text type="secondary">{t('引擎', 'engine')}</Typography.Text> },
        {
          title: t('记录', 'Record'),
          key: 'record',
          render: (_: unknown, entry: HistoryEntry) => (
            <>
              {`${entry.valueType} ${entry.intent}`}
              {entry.recordType === 'COMMAND_REJECTION' && <div><Typography.Text type="danger">{entry.rejection ?? ''}</Typography.Text></div>}
            </>
          ),
        },
        { title: t('节点', 'Element'), dataIndex: 'elementId' },
        { title: t('详情', 'Detail'), dataIndex: 'detail' },
      ]}
    />
  );
}

/** The history card of the instance page. */
export function HistorySection({ readable, history }: { readable: ReadableEntry[]; history: HistoryEntry[] }) {
  const t = useText();
  const { language } = useLanguage();
  const [raw, setRaw] = useState(false);
  // Values recorded outside a step (workers' bookkeeping, a next step's inputs) are one switch away.
  const [everything, setEverything] = useState(false);
  const lines = everything ? readable : readable.filter((entry) => entry.kind !== 'variable');
  return (
    <Card
      size="small"
      title={t(`办理经过 · ${lines.length}`, `Case history · ${lines.length}`)}
      extra={
        <Space wrap>
          <Typography.Text type="secondary">{t('数据变更', 'Data changes')}</Typography.Text>
          <Switch size="small" checked={everything} onChange={setEverything} aria-label={t('显示数据变更', 'Show data changes')} className="changes-toggle" disabled={raw} />
          <Typography.Text type="secondary">{t('原始记录', 'Raw records')}</Typography.Text>
          <Switch size="small" checked={raw} onChange={setRaw} aria-label={t('显示原始记录', 'Show raw records')} className="raw-toggle" />
        </Space>
      }
    >
      {raw ? (
        <RawRecords history={history} />
      ) : (
        <Timeline
          className="readable-history"
          items={lines.map((entry) => ({
            key: entry.position,
            color: KIND_COLOURS[entry.kind],
            content: (
              <div className="history-line" data-kind={entry.kind}>
                <Typography.Text type="secondary">{entry.at}</Typography.Text> {entry.who && <Typography.Text strong>{entry.who}</Typography.Text>} {t(entry.what, entry.whatEn ?? entry.what)}
                {entry.changes.length > 0 && (
                  <div>
                    {(language === 'en' && entry.changesEn ? entry.changesEn : entry.changes).map((change) => (
                      <FoldedText key={change} className="history-change" text={change} />
                    ))}
                  </div>
                )}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
