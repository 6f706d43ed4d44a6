/** 亮灯看板 (auditors): every open case's light against the engine clock, with 期限暂定 where it applies. */
import { useEffect, useState, type HTMLAttributes } from 'react';
import { Card, Grid, List, Space, Table, Typography } from 'antd';
import { api } from '../shared/api';
import { formatDateTime } from '../shared/format';
import { ErrorAlert } from '../shared/ui/error-alert';
import { DeadlineLine, LightTag } from '../shared/ui/light-tag';
import { useText } from '../shared/ui/locale';
import type { BoardRow } from './audit-api';
import { ExportButtons } from './export-buttons';

/** The board. */
export function LightsBoard() {
  const t = useText();
  const phone = !Grid.useBreakpoint().md;
  const [board, setBoard] = useState<{ now: string; cases: BoardRow[] }>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    api<{ now: string; cases: BoardRow[] }>('GET', '/apps/audit/lights', undefined, '查询亮灯').then(setBoard, setError);
  }, []);
  const cases = board?.cases ?? [];
  const count = (colour: string) => cases.filter((row) => row.light.colour === colour).length;
  const title = (row: BoardRow) => (
    <>
      <a href={`#/instance/${row.processInstanceKey}`}>{row.caseTitle ?? row.processInstanceKey}</a>
      {row.caseId && (
        <div>
          <Typography.Text type="secondary">{row.caseId}</Typography.Text>
        </div>
      )}
    </>
  );
  const deadlines = (row: BoardRow) => (
    <Space orientation="vertical" size={2}>
      {row.light.deadlines.map((deadline) => (
        <DeadlineLine key={deadline.name} light={deadline} />
      ))}
      {row.lightError && <Typography.Text type="danger">{row.lightError}</Typography.Text>}
      {row.light.deadlines.length === 0 && !row.lightError && <Typography.Text type="secondary">{t('无时限', 'No limit')}</Typography.Text>}
    </Space>
  );
  return (
    <Card size="small" title={t('亮灯看板', 'Light board')} extra={
        <Space wrap>
          {board && <Typography.Text type="secondary">{t(`引擎时间 ${formatDateTime(board.now)}`, `engine time ${formatDateTime(board.now)}`)}</Typography.Text>}
          <ExportButtons list="lights" />
        </Space>
      }
    >
      <ErrorAlert error={error} />
      {board && (
        <Typography.Paragraph>
          {t(`办理中 ${cases.length} 件：红灯 ${count('red')}、黄灯 ${count('yellow')}、绿灯 ${count('green')}、暂停 ${count('paused')}`, `${cases.length} open: ${count('red')} red, ${count('yellow')} yellow, ${count('green')} green, ${count('paused')} paused`)}
        </Typography.Paragraph>
      )}
      {phone ? (
        <List
          className="board"
          loading={!board && !error}
          dataSource={cases}
          renderItem={(row) => (
            <List.Item data-instance={row.processInstanceKey}>
              <Card size="small" style={{ width: '100%' }} title={title(row)} extra={<LightTag colour={row.light.colour} />}>
                {deadlines(row)}
              </Card>
            </List.Item>
          )}
        />
      ) : (
        <Table
          className="board"
          size="small"
          rowKey="processInstanceKey"
          loading={!board && !error}
          dataSource={cases}
          pagination={{ pageSize: 50 }}
          onRow={(row) => ({ 'data-instance': row.processInstanceKey }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('亮灯', 'Light'), key: 'light', className: 'light-cell', render: (_: unknown, row: BoardRow) => <LightTag colour={row.light.colour} /> },
            { title: t('案件', 'Case'), key: 'case', render: (_: unknown, row: BoardRow) => title(row) },
            { title: t('流程', 'Process'), dataIndex: 'bpmnProcessId' },
            { title: t('受理时间', 'Accepted'), dataIndex: 'startedAt', render: formatDateTime },
            { title: t('时限（到期 / 剩余工作时间）', 'Deadlines (due / working time left)'), key: 'deadlines', render: (_: unknown, row: BoardRow) => deadlines(row) },
          ]}
        />
      )}
    </Card>
  );
}
