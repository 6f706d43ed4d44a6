/**
 * 已部署表单 (admin): form versions (`POST /v2/onego/forms/search`, OneGo's extension: Camunda has no form
 * search), latest only or all, each named by its heading (`form-title.ts`) and previewed read-only with form-js
 * from Camunda's `GET /v2/forms/{formKey}`.
 */
import { useEffect, useRef, useState, type HTMLAttributes } from 'react';
import { Button, Card, Drawer, Grid, List, Segmented, Space, Spin, Table, Tag } from 'antd';
import { SearchInput } from '../shared/ui/search-input';
import { api } from '../shared/api';
import { CamundaForm } from '../shared/ui/camunda-form';
import { ErrorAlert } from '../shared/ui/error-alert';
import { useText } from '../shared/ui/locale';
import { usePageArrows } from '../shared/ui/page-arrows';
import { useSearchPage, type SearchResult } from '../shared/ui/use-search-page';
import { formTitleOf } from './form-title';

/** A form version as the search answers it. */
interface FormVersion {
  formKey: string;
  formId: string;
  version: number;
  versionTag?: string | null;
  isLatestVersion: boolean;
}

const NO_DATA = {};

/**
 * The titles of the listed forms by form key (a page at a time: Camunda's `GET /v2/forms/{formKey}` for each;
 * the form search answers no title). A form without a heading has none.
 */
function useFormTitles(forms: FormVersion[]): Record<string, string> {
  const [titles, setTitles] = useState<Record<string, string>>({});
  // Keys asked for already (a version's form never changes, so each is read once per page visit).
  const asked = useRef(new Set<string>());
  const keys = forms.map((form) => form.formKey).join(',');
  useEffect(() => {
    let live = true;
    const missing = keys ? keys.split(',').filter((key) => !asked.current.has(key)) : [];
    missing.forEach((key) => asked.current.add(key));
    if (missing.length === 0) return;
    void Promise.all(missing.map((key) => api<{ schema: unknown }>('GET', `/forms/${key}`).then((form) => [key, formTitleOf(form.schema) ?? ''] as const, () => [key, ''] as const))).then((found) => {
      if (live) setTitles((current) => ({ ...current, ...Object.fromEntries(found) }));
      else found.forEach(([key]) => asked.current.delete(key));
    });
    return () => {
      live = false;
    };
  }, [keys]);
  return titles;
}

function FormDrawer({ form, title, onClose }: { form?: FormVersion; title?: string; onClose(): void }) {
  const t = useText();
  const [loaded, setLoaded] = useState<{ key: string; schema?: unknown; error?: unknown }>();
  if (form && loaded?.key !== form.formKey) {
    const key = form.formKey;
    setLoaded({ key });
    api<{ schema: unknown }>('GET', `/forms/${key}`, undefined, t('加载表单', 'Load form')).then(
      (answer) => setLoaded((current) => (current?.key === key ? { key, schema: answer.schema } : current)),
      (error: unknown) => setLoaded((current) => (current?.key === key ? { key, error } : current)),
    );
  }
  return (
    <Drawer open={!!form} onClose={onClose} size="large" title={form ? `${title ? `${title} · ` : ''}${form.formId} v${form.version}` : ''}>
      <div className="form-preview" data-form={form?.formId}>
        {loaded?.error ? <ErrorAlert error={loaded.error} /> : loaded?.schema ? <CamundaForm key={loaded.key} schema={loaded.schema} data={NO_DATA} readOnly onReady={() => undefined} /> : <Spin />}
      </div>
    </Drawer>
  );
}

/** The forms page. */
export function FormsPage() {
  const t = useText();
  const arrows = usePageArrows();
  const phone = !Grid.useBreakpoint().md;
  const [latestOnly, setLatestOnly] = useState(true);
  const [text, setText] = useState('');
  const [open, setOpen] = useState<FormVersion>();
  const filter: Record<string, unknown> = latestOnly ? { isLatestVersion: true } : {};
  if (text) filter.formId = { $like: `*${text}*` };
  const page = useSearchPage<FormVersion>(
    (from, limit) => api<SearchResult<FormVersion>>('POST', '/onego/forms/search', { filter, sort: [{ field: 'formId' }, { field: 'version', order: 'DESC' }], page: { from, limit } }, t('查询表单', 'Load forms')),
    JSON.stringify(filter),
  );
  const titles = useFormTitles(page.items);
  const pagination = { ...arrows, current: page.page, pageSize: page.pageSize, total: page.total, onChange: page.setPage, showTotal: (total: number) => t(`共 ${total} 个`, `${total} in all`) };
  const show = (form: FormVersion) => (
    <Button type="link" size="small" onClick={() => setOpen(form)} data-action="preview">
      {t('预览', 'Preview')}
    </Button>
  );
  const version = (form: FormVersion) => (
    <>
      v{form.version} {form.versionTag && <Tag>{form.versionTag}</Tag>} {!latestOnly && form.isLatestVersion && <Tag color="green">{t('最新', 'latest')}</Tag>}
    </>
  );
  return (
    <Card
      title={t('已部署表单', 'Deployed forms')}
      size="small"
      extra={
        <Space wrap>
          <SearchInput allowClear placeholder={t('按表单 ID 筛选', 'Filter by form id')} onSearch={setText} style={{ width: 200 }} />
          <Segmented aria-label={t('版本范围', 'Versions')} value={latestOnly ? 'latest' : 'all'} onChange={(value) => setLatestOnly(value === 'latest')} options={[{ label: t('最新版本', 'Latest'), value: 'latest' }, { label: t('全部版本', 'All versions'), value: 'all' }]} />
        </Space>
      }
    >
      <ErrorAlert error={page.error} />
      {phone ? (
        <List
          className="forms"
          loading={page.loading}
          dataSource={page.items}
          pagination={pagination}
          renderItem={(form) => (
            <List.Item extra={show(form)} data-form={form.formId}>
              <List.Item.Meta title={titles[form.formKey] || form.formId} description={<>{titles[form.formKey] ? `${form.formId} · ` : ''}{version(form)}</>} />
            </List.Item>
          )}
        />
      ) : (
        <Table
          className="forms"
          size="small"
          rowKey="formKey"
          loading={page.loading}
          dataSource={page.items}
          pagination={pagination}
          onRow={(form) => ({ 'data-form': form.formId }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('名称', 'Title'), key: 'title', className: 'form-title', render: (_: unknown, row: FormVersion) => titles[row.formKey] || '—' },
            { title: t('表单 ID', 'Form id'), dataIndex: 'formId' },
            { title: t('版本', 'Version'), key: 'version', render: (_: unknown, row: FormVersion) => version(row) },
            { title: t('表单键', 'Form key'), dataIndex: 'formKey' },
            { title: t('操作', 'Actions'), key: 'show', render: (_: unknown, row: FormVersion) => show(row) },
          ]}
        />
      )}
      <FormDrawer form={open} title={open ? titles[open.formKey] : undefined} onClose={() => setOpen(undefined)} />
    </Card>
  );
}
