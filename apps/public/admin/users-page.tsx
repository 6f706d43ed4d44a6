/**
 * 用户与部门 (admin, read-only): the departments and role groups (Camunda's `POST /v2/groups/search`), each
 * opening its members (`POST /v2/groups/{groupId}/users/search`), and the people (`POST /v2/users/search`).
 * Accounts live in OneGo's reviewed identity file, so nothing here edits them.
 */
import { useEffect, useState } from 'react';
import { Alert, Card, Col, Grid, List, Row, Table, Tag, Typography } from 'antd';
import { SearchInput } from '../shared/ui/search-input';
import { api } from '../shared/api';
import { ErrorAlert } from '../shared/ui/error-alert';
import { useText } from '../shared/ui/locale';
import { usePageArrows } from '../shared/ui/page-arrows';

interface Group {
  groupId: string;
  name: string;
}
interface User {
  username: string;
  name: string;
  email?: string;
}

/** A group's members as names, loaded when first shown. */
function Members({ groupId, users }: { groupId: string; users: Map<string, User> }) {
  const t = useText();
  const [members, setMembers] = useState<string[]>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    api<{ items: { username: string }[] }>('POST', `/groups/${encodeURIComponent(groupId)}/users/search`, { page: { limit: 500 } }, t('查询部门成员', 'Load members')).then(
      (result) => setMembers(result.items.map((item) => item.username)),
      setError,
    );
  }, [groupId]);
  if (error) return <ErrorAlert error={error} />;
  if (!members) return <Typography.Text type="secondary">{t('加载中…', 'Loading…')}</Typography.Text>;
  if (members.length === 0) return <Typography.Text type="secondary">{t('暂无成员', 'No members')}</Typography.Text>;
  return (
    <span className="members" data-group={groupId}>
      {members.map((username) => (
        <Tag key={username}>{users.get(username)?.name ?? username}（{username}）</Tag>
      ))}
    </span>
  );
}

/** The page. */
export function UsersPage() {
  const t = useText();
  const arrows = usePageArrows();
  const phone = !Grid.useBreakpoint().md;
  const [groups, setGroups] = useState<Group[]>();
  const [users, setUsers] = useState<User[]>();
  const [error, setError] = useState<unknown>();
  const [text, setText] = useState('');
  const [groupText, setGroupText] = useState('');
  useEffect(() => {
    api<{ items: Group[] }>('POST', '/groups/search', { page: { limit: 500 } }, t('查询部门', 'Load departments')).then((result) => setGroups(result.items), setError);
    api<{ items: User[] }>('POST', '/users/search', { page: { limit: 1000 }, sort: [{ field: 'username' }] }, t('查询用户', 'Load users')).then((result) => setUsers(result.items), setError);
  }, []);
  const byUsername = new Map((users ?? []).map((user) => [user.username, user]));
  // Jurisdictions multiply the groups (a department per place): the filter finds one without paging through them.
  const shownGroups = (groups ?? []).filter((group) => !groupText || group.groupId.includes(groupText) || group.name.includes(groupText));
  const shownUsers = (users ?? []).filter((user) => !text || user.username.includes(text) || user.name.includes(text));
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Alert type="info" showIcon title={t('账号与部门由身份文件维护（见 engine/identity/README.md），此处只读。', 'Accounts and departments come from the identity file (engine/identity/README.md); read-only here.')} />
        <ErrorAlert error={error} />
      </Col>
      <Col xs={24} lg={12}>
        <Card
          size="small"
          title={t(`部门与用户组 · ${groups?.length ?? 0}`, `Departments and groups · ${groups?.length ?? 0}`)}
          extra={
            <SearchInput allowClear className="group-filter" aria-label={t('按名称或标识筛选部门', 'Filter departments by name or ID')} placeholder={t('名称或标识', 'Name or ID')} onChange={(event) => setGroupText(event.target.value.trim())} style={{ width: phone ? 150 : 200 }} />
          }
        >
          {phone ? (
            <List
              className="groups"
              loading={!groups && !error}
              dataSource={shownGroups}
              pagination={{ ...arrows, pageSize: 10, size: 'small', align: 'center', simple: true }}
              renderItem={(group) => (
                <List.Item data-group={group.groupId}>
                  <List.Item.Meta title={group.name} description={group.groupId} />
                </List.Item>
              )}
            />
          ) : (
            <Table
              className="groups"
              size="small"
              rowKey="groupId"
              loading={!groups && !error}
              dataSource={shownGroups}
              pagination={{ ...arrows, pageSize: 20 }}
              expandable={{ expandedRowRender: (group: Group) => <Members groupId={group.groupId} users={byUsername} />, expandRowByClick: true }}
              columns={[
                { title: t('名称', 'Name'), dataIndex: 'name' },
                { title: t('标识', 'ID'), dataIndex: 'groupId', render: (id: string) => <Typography.Text code>{id}</Typography.Text> },
              ]}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card
          size="small"
          title={t(`用户 · ${users?.length ?? 0}`, `Users · ${users?.length ?? 0}`)}
          extra={
            <SearchInput allowClear aria-label={t('按姓名或账号筛选用户', 'Filter users by name or username')} placeholder={t('姓名或账号', 'Name or username')} onChange={(event) => setText(event.target.value.trim())} style={{ width: phone ? 150 : 200 }} />
          }
        >
          {phone ? (
            <List
              className="users"
              loading={!users && !error}
              dataSource={shownUsers}
              pagination={{ ...arrows, pageSize: 10, size: 'small', align: 'center', simple: true }}
              renderItem={(user) => (
                <List.Item data-user={user.username}>
                  <List.Item.Meta title={user.name} description={`${user.username}${user.email ? ` · ${user.email}` : ''}`} />
                </List.Item>
              )}
            />
          ) : (
            <Table
              className="users"
              size="small"
              rowKey="username"
              loading={!users && !error}
              dataSource={shownUsers}
              pagination={{ ...arrows, pageSize: 20 }}
              columns={[
                { title: t('姓名', 'Name'), dataIndex: 'name' },
                { title: t('账号', 'Username'), dataIndex: 'username' },
                { title: t('邮箱', 'E-mail'), dataIndex: 'email', render: (email?: string) => email ?? '—' },
              ]}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}
