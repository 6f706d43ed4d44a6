/**
 * Importing a year: paste the State Council notice (or pick its .txt file), run a dry run, look at the
 * parsed months or at the refused lines (line, text, reason in Chinese), then confirm to write the year.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Grid, Input, InputNumber, List, Space, Table, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { ApiError } from '../shared/api';
import { importNotice, type CalendarImportResult, type NoticeLineError } from '../shared/calendar-api';
import { ErrorAlert } from '../shared/ui/error-alert';
import { useText } from '../shared/ui/locale';
import { MonthsGrid } from '../shared/ui/months-grid';

/** The line errors of a refused notice, if the answer carries them. */
function lineErrors(error: unknown): NoticeLineError[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.body.errors)) return [];
  return error.body.errors as NoticeLineError[];
}

/** The import card; `onImported(year)` after a confirmed import. */
export function NoticeImport({ suggestedYear, onImported }: { suggestedYear: number; onImported(year: number): void }) {
  const t = useText();
  const { message } = App.useApp();
  const phone = !Grid.useBreakpoint().md;
  const [year, setYear] = useState<number | null>(suggestedYear);
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<CalendarImportResult>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState<'dry' | 'write'>();

  const run = async (dryRun: boolean) => {
    if (!year || !text.trim()) {
      setError(new Error(t('请填写年份并粘贴或选择公告全文', 'Enter the year and paste or pick the notice text')));
      return;
    }
    setBusy(dryRun ? 'dry' : 'write');
    setError(undefined);
    try {
      const result = await importNotice(year, text, dryRun);
      if (dryRun) setPreview(result);
      else {
        setPreview(undefined);
        setText('');
        void message.success(t(`${result.year} 年节假日安排已导入${result.recomputedSignal ? '，未办结期限正在重算' : ''}`, `${result.year} imported${result.recomputedSignal ? '; open deadlines are being recomputed' : ''}`));
        onImported(result.year);
      }
    } catch (failure) {
      setPreview(undefined);
      setError(failure);
    } finally {
      setBusy(undefined);
    }
  };
  const errors = lineErrors(error);
  const changed = () => (setPreview(undefined), setError(undefined));

  return (
    <Card title={t('导入国务院办公厅节假日安排通知', "Import the State Council's holiday notice")} size="small" className="notice-import">
      <Form layout="vertical">
        <Form.Item label={t('年份', 'Year')} htmlFor="notice-year">
          <InputNumber id="notice-year" min={2000} max={2100} value={year} onChange={(value) => (setYear(value), changed())} />
        </Form.Item>
        <Form.Item label={t('通知全文', 'Notice text')} htmlFor="notice-text" extra={t('逐行粘贴通知正文，例如“一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。”', 'Paste the notice, one item per line.')}>
          <Input.TextArea id="notice-text" rows={8} value={text} onChange={(event) => (setText(event.target.value), changed())} />
        </Form.Item>
        <Space wrap>
          <Upload
            accept=".txt,text/plain"
            showUploadList={false}
            beforeUpload={async (file) => {
              setText(await file.text());
              changed();
              return false;
            }}
          >
            <Button icon={<UploadOutlined />}>{t('选择 .txt 文件', 'Choose a .txt file')}</Button>
          </Upload>
          <Button onClick={() => void run(true)} loading={busy === 'dry'} data-testid="dry-run">
            {t('预检', 'Check')}
          </Button>
          <Button type="primary" disabled={!preview} onClick={() => void run(false)} loading={busy === 'write'} data-testid="confirm-import">
            {t('确认导入', 'Confirm import')}
          </Button>
        </Space>
      </Form>
      <div style={{ marginTop: 16 }}>
        <ErrorAlert error={error} />
        {errors.length > 0 &&
          (phone ? (
            <List
              className="notice-errors"
              dataSource={errors}
              renderItem={(item) => (
                <List.Item>
                  <List.Item.Meta title={t(`第 ${item.line} 行：${item.reason}`, `Line ${item.line}: ${item.reason}`)} description={item.text} />
                </List.Item>
              )}
            />
          ) : (
            <Table
              className="notice-errors"
              size="small"
              rowKey={(item) => `${item.line}-${item.reason}`}
              pagination={false}
              dataSource={errors}
              columns={[
                { title: t('行', 'Line'), dataIndex: 'line', width: 60 },
                { title: t('原文', 'Text'), dataIndex: 'text' },
                { title: t('原因', 'Reason'), dataIndex: 'reason' },
              ]}
            />
          ))}
        {preview && (
          <>
            <Alert
              type="info"
              showIcon
              className="notice-preview"
              title={t(`预检通过：${preview.year} 年 节假日 ${preview.holidays.length} 天，调休上班 ${preview.workdays.length} 天。请核对下方月历后确认导入。`, `Check passed: ${preview.year} has ${preview.holidays.length} holidays and ${preview.workdays.length} make-up workdays. Review the months, then confirm.`)}
              style={{ marginBottom: 12 }}
            />
            <Typography.Title level={5}>{t(`${preview.year} 年（预览，尚未保存）`, `${preview.year} (preview, not saved)`)}</Typography.Title>
            <MonthsGrid year={preview.year} holidays={preview.holidays} workdays={preview.workdays} />
          </>
        )}
      </div>
    </Card>
  );
}
