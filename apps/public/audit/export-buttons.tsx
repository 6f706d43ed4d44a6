/** 导出 CSV / 导出 Excel for an audit list: the server builds the file from the same query the list shows. */
import { useState } from 'react';
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { apiDownload } from '../shared/download';
import { useText } from '../shared/ui/locale';

/** The lists `GET /v2/apps/audit/export/{list}` serves. */
export type ExportList = 'cases' | 'lights' | 'statistics';

/** Two buttons exporting `list` with `query` (the list's own filters) as CSV or .xlsx. */
export function ExportButtons({ list, query = {} }: { list: ExportList; query?: Record<string, string | undefined> }) {
  const t = useText();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string>();
  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(format);
    const params = new URLSearchParams({ format });
    for (const [name, value] of Object.entries(query)) if (value) params.set(name, value);
    try {
      const name = await apiDownload('GET', `/apps/audit/export/${list}?${params.toString()}`, `${list}.${format}`);
      message.success(t(`已导出 ${name}`, `Exported ${name}`));
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <Space wrap>
      <Button size="small" icon={<DownloadOutlined />} loading={busy === 'csv'} onClick={() => run('csv')} className="export-csv">
        {t('导出 CSV', 'Export CSV')}
      </Button>
      <Button size="small" icon={<DownloadOutlined />} loading={busy === 'xlsx'} onClick={() => run('xlsx')} className="export-xlsx">
        {t('导出 Excel', 'Export Excel')}
      </Button>
    </Space>
  );
}
