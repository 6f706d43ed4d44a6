/**
 * The list of tasks (mine, my departments', finished by me): search by case number or task name, filter by
 * process, the case's place (its `jurisdiction`, as shown under the case number; a city covers its districts), light (`searchTasksByLight`, on the server) and due range, sort by due date, creation, priority or light, paged on the server, refreshed every 30 s.
 * Wide screens get a table, phones cards.
 */
import { useEffect, useMemo, useRef, useState, type HTMLAttributes } from 'react';
import { App, Button, Card, Grid, List, Select, Space, Table, Typography } from 'antd';
import { DateRangePicker } from '../shared/ui/date-range';
import { SearchInput } from '../shared/ui/search-input';
import { ReloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api, type CurrentUser } from '../shared/api';
import { formatDateTime } from '../shared/format';
import { ErrorAlert } from '../shared/ui/error-alert';
import { useText } from '../shared/ui/locale';
import { stepNameIn } from '../shared/step-names-en';
import { usePageArrows } from '../shared/ui/page-arrows';
import { useSearchPage, type SearchResult } from '../shared/ui/use-search-page';
import { useSearching } from '../shared/ui/searching';
import { placeOptionsOf, usePlaces } from '../shared/ui/use-places';
import { caseFacts, claimTask, ClaimLostError, releaseTask, searchTasks, searchTasksByLight, type CaseFacts, type LightFilter, type TaskItem, type TaskQuery, type TaskView } from './tasks-api';
import { CaseCell, DueCell, LightCell } from './task-cells';

const REFRESH_MS = 30_000;

/** The processes to filter by (latest versions); empty when the user may not list them. */
function useProcesses(): { value: string; label: string }[] {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    api<SearchResult<{ processDefinitionId: string; name?: string | null }>>('POST', '/process-definitions/search', { filter: { isLatestVersion: true }, sort: [{ field: 'name' }], page: { limit: 200 } })
      .then((result) => setOptions(result.items.map((item) => ({ value: item.processDefinitionId, label: item.name ?? item.processDefinitionId }))))
      .catch(() => setOptions([]));
  }, []);
  return options;
}

/** The list page for one view. */
export function TaskListPage({ view, user }: { view: TaskView; user: CurrentUser }) {
  const t = useText();
  const arrows = usePageArrows();
  const { message } = App.useApp();
  const phone = !Grid.useBreakpoint().md;
  const processes = useProcesses();
  // Every place by name (a window may handle another place's cases, 全域通办): the filter is the case's place.
  const places = usePlaces();
  const placeOptions = placeOptionsOf(places);
  const [query, setQuery] = useState<Omit<TaskQuery, 'view'>>({ searchField: 'caseId', text: '', sort: 'dueDate', order: 'ASC' });
  const fullQuery: TaskQuery = useMemo(() => ({ ...query, view }), [query, view]);
  const page = useSearchPage<TaskItem>(async (from, limit) => {
    // The light filter and sort are for open tasks only: a finished task's light is not this clerk's business any more.
    if (view === 'done' || (!fullQuery.light && fullQuery.sort !== 'caseLight')) return searchTasks(fullQuery, user, from, limit);
    return searchTasksByLight(fullQuery, user, from, limit);
  }, JSON.stringify(fullQuery));
  const [facts, setFacts] = useState<Record<string, CaseFacts>>({});
  const [actionError, setActionError] = useState<unknown>();
  const [refreshedAt, setRefreshedAt] = useState(() => new Date());

  const keys = page.items.map((task) => task.userTaskKey).join(',');
  useEffect(() => {
    let live = true;
    caseFacts(keys ? keys.split(',') : [])
      .then((result) => live && setFacts(result))
      .catch((error: unknown) => live && setActionError(error));
    setRefreshedAt(new Date());
    return () => {
      live = false;
    };
  }, [keys, page.items]);
  const reload = useRef(page.reload);
  reload.current = page.reload;
  useEffect(() => {
    const timer = window.setInterval(() => void reload.current(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, []);

  const act = async (run: () => Promise<void>, done: string) => {
    setActionError(undefined);
    try {
      await run();
      void message.success(done);
    } catch (error) {
      if (error instanceof ClaimLostError) void message.warning(t(`已被 ${error.assignee} 领取`, `Already claimed by ${error.assignee}`));
      else setActionError(error);
    }
    await page.reload();
  };
  const actions = (task: TaskItem) => {
    const mine = task.assignee === user.username;
    return (
      <Space size={4} wrap={phone}>
        <Button size="small" type={mine && view !== 'done' ? 'primary' : 'default'} href={`#/task/${task.userTaskKey}`}>
          {mine && view !== 'done' ? t('办理', 'Work on') : t('查看', 'View')}
        </Button>
        {view !== 'done' && !task.assignee && (
          <Button size="small" onClick={() => void act(() => claimTask(task.userTaskKey, user), t('已领取', 'Claimed'))}>
            {t('领取', 'Claim')}
          </Button>
        )}
        {view !== 'done' && mine && (
          <Button size="small" onClick={() => void act(() => releaseTask(task.userTaskKey), t('已释放回部门任务池', 'Released to the department'))}>
            {t('释放', 'Release')}
          </Button>
        )}
      </Space>
    );
  };
  const departments = (task: TaskItem) => task.candidateGroups.map((id) => user.groups[user.groupIds.indexOf(id)] ?? id).join('、');
  // Who holds the task by name (the account name only where the directory does not know it).
  const assignee = (task: TaskItem) =>
    task.assignee ? (
      task.assignee === user.username ? t('我', 'me') : <span className="assignee-name" data-assignee={task.assignee}>{facts[task.userTaskKey]?.assigneeName ?? task.assignee}</span>
    ) : (
      <Typography.Text type="secondary">{t('待领取', 'unclaimed')}</Typography.Text>
    );
  const pagination = { ...arrows, current: page.page, pageSize: page.pageSize, total: page.total, onChange: page.setPage, showSizeChanger: !phone, showTotal: (total: number) => t(`共 ${total} 条`, `${total} in all`) };
  const empty = view === 'mine' ? t('您没有待办任务。可在“本部门任务”中领取。', 'No tasks of yours. Claim one in the department tasks.') : view === 'group' ? t('本部门暂无待办任务。案件转到本部门后会出现在这里。', 'No open department tasks. Cases sent to your department appear here.') : view === 'supervision' ? t('暂无督办任务。本部门有案件环节超期时，系统会在这里派发督办任务。', 'No supervision tasks. When a step of a case in your department runs late, a supervision task appears here.') : t('还没有已办任务。您办结的任务会列在这里。', 'No finished tasks yet. Tasks you complete are listed here.');
  const range = (dates: [Dayjs | null, Dayjs | null] | null) =>
    setQuery((current) => ({ ...current, dueFrom: dates?.[0]?.startOf('day').toISOString(), dueTo: dates?.[1]?.endOf('day').toISOString() }));

  const searching = useSearching(page.loading, page.items.length, phone, empty);
  return (
    <Card size="small" title={view === 'mine' ? t('我的任务', 'My tasks') : view === 'group' ? t('本部门任务', 'Department tasks') : view === 'supervision' ? t('督办任务', 'Supervision tasks') : t('已办任务', 'Finished tasks')} extra={<Typography.Text type="secondary">{t(`${formatDateTime(refreshedAt.toISOString())} 刷新`, `refreshed ${formatDateTime(refreshedAt.toISOString())}`)}</Typography.Text>}>
      <Space wrap style={{ marginBottom: 12 }} className="task-filters">
        <Space.Compact>
          <Select
            value={query.searchField}
            onChange={(searchField) => setQuery((current) => ({ ...current, searchField }))}
            options={[{ value: 'caseId', label: t('案件编号', 'Case no.') }, { value: 'applicant', label: t('申请人/案件名称', 'Applicant or title') }, { value: 'name', label: t('任务名称', 'Task name') }]}
            style={{ width: phone ? 110 : 150 }}
            aria-label={t('搜索字段', 'Search field')}
          />
          <SearchInput allowClear placeholder={t('输入后回车搜索', 'Type and press Enter')} onSearch={(text) => setQuery((current) => ({ ...current, text }))} style={{ width: phone ? 200 : 240 }} aria-label={t('搜索', 'Search')} />
        </Space.Compact>
        {processes.length > 0 && (
          <Select allowClear placeholder={t('全部事项', 'All processes')} options={processes} value={query.processDefinitionId} onChange={(processDefinitionId) => setQuery((current) => ({ ...current, processDefinitionId }))} style={{ width: 200 }} aria-label={t('事项', 'Process')} />
        )}
        {placeOptions.length > 0 && (
          <Select
            allowClear
            className="place-filter"
            placeholder={t('全部地区', 'All places')}
            options={placeOptions}
            value={query.place}
            onChange={(place?: string) => setQuery((current) => ({ ...current, place, placeCovers: places.find((one) => one.code === place)?.covers }))}
            style={{ width: 160 }}
            aria-label={t('案件地区', 'Case place')}
          />
        )}
        {view !== 'done' && (
          <Select
            allowClear
            className="light-filter"
            placeholder={t('全部亮灯', 'Any light')}
            value={query.light}
            onChange={(light?: LightFilter) => setQuery((current) => ({ ...current, light }))}
            options={[
              { value: 'red', label: t('红灯（超期）', 'Red (overdue)') },
              { value: 'yellow', label: t('黄灯（临期）', 'Yellow (due soon)') },
              { value: 'green', label: t('绿灯', 'Green') },
              { value: 'paused', label: t('暂停计时（补正）', 'Paused (补正)') },
            ]}
            style={{ width: 150 }}
            aria-label={t('亮灯', 'Light')}
          />
        )}
        <DateRangePicker placeholder={[t('任务到期自', 'Due from'), t('至', 'to')]} onChange={(dates) => range(dates as [Dayjs | null, Dayjs | null] | null)} aria-label={t('到期范围', 'Due range')} />
        <Select
          value={`${query.sort}:${query.order}`}
          onChange={(value: string) => {
            const [sort, order] = value.split(':') as [TaskQuery['sort'], TaskQuery['order']];
            setQuery((current) => ({ ...current, sort, order }));
          }}
          options={[
            { value: 'dueDate:ASC', label: t('到期最早在前', 'Due soonest first') },
            { value: 'creationDate:ASC', label: t(view === 'done' ? '办结最早在前' : '创建最早在前', 'Oldest first') },
            { value: 'creationDate:DESC', label: t(view === 'done' ? '办结最近在前' : '创建最近在前', 'Newest first') },
            { value: 'priority:DESC', label: t('优先级高在前', 'Highest priority first') },
            ...(view === 'done' ? [] : [{ value: 'caseLight:ASC', label: t('亮灯红灯在前', 'Red lights first') }]),
          ]}
          style={{ width: 150 }}
          aria-label={t('排序', 'Sort')}
        />
        <Button icon={<ReloadOutlined />} onClick={() => void page.reload()} aria-label={t('刷新', 'Refresh')} />
      </Space>
      <ErrorAlert error={page.error ?? actionError} onClose={actionError ? () => setActionError(undefined) : undefined} />
      {searching.bar}
      {phone ? (
        <List
          className="task-cards"
          {...searching.props}
          dataSource={page.items}
          pagination={pagination}
          renderItem={(task) => (
            <List.Item data-task={task.userTaskKey} style={{ padding: '6px 0' }}>
              <Card size="small" style={{ width: '100%' }} title={t(task.name, stepNameIn('en', task.name))} extra={view === 'done' ? null : <LightCell facts={facts[task.userTaskKey]} compact />}>
                <CaseCell task={task} facts={facts[task.userTaskKey]} places={places} />
                <Typography.Paragraph type="secondary" style={{ margin: '4px 0' }}>
                  {task.processName} · {departments(task)} · {t('办理人', 'Assignee')}：{assignee(task)}
                </Typography.Paragraph>
                <DueCell task={task} facts={facts[task.userTaskKey]} card />
                <div style={{ marginTop: 8 }}>{actions(task)}</div>
              </Card>
            </List.Item>
          )}
        />
      ) : (
        <Table
          className="tasks"
          size="small"
          rowKey="userTaskKey"
          {...searching.props}
          dataSource={page.items}
          pagination={pagination}
          onRow={(task) => ({ 'data-task': task.userTaskKey }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('案件', 'Case'), key: 'case', render: (_: unknown, task: TaskItem) => <CaseCell task={task} facts={facts[task.userTaskKey]} places={places} /> },
            {
              title: t('任务 / 事项', 'Task / process'),
              key: 'task',
              className: 'task-cell',
              render: (_: unknown, task: TaskItem) => (
                <div>
                  <div>{t(task.name, stepNameIn('en', task.name))}</div>
                  <Typography.Text type="secondary">{task.processName}</Typography.Text>
                </div>
              ),
            },
            // A place's department has a long name (济南市历下区自然资源和规划局（不动产登记中心）): it wraps, the task's name keeps its room.
            { title: t('部门', 'Department'), key: 'departments', className: 'department-cell', render: (_: unknown, task: TaskItem) => departments(task) },
            { title: t('办理人', 'Assignee'), key: 'assignee', className: 'nowrap', render: (_: unknown, task: TaskItem) => assignee(task) },
            view === 'done'
              ? { title: t('办结时间', 'Completed'), dataIndex: 'completionDate', className: 'nowrap', render: formatDateTime }
              : { title: t('环节开始', 'Step started'), dataIndex: 'creationDate', className: 'nowrap', render: formatDateTime },
            { title: t('到期', 'Due'), key: 'due', className: 'nowrap', render: (_: unknown, task: TaskItem) => <DueCell task={task} facts={facts[task.userTaskKey]} /> },
            // A finished task's case may still run, but its light is not this clerk's business any more.
            ...(view === 'done' ? [] : [{ title: t('亮灯', 'Light'), key: 'light', className: 'case-light', render: (_: unknown, task: TaskItem) => <LightCell facts={facts[task.userTaskKey]} /> }]),
            { title: t('操作', 'Actions'), key: 'actions', className: 'nowrap', render: (_: unknown, task: TaskItem) => actions(task) },
          ]}
        />
      )}
    </Card>
  );
}
