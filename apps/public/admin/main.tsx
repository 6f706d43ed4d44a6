/**
 * 系统管理 (admin role): the holiday calendar, incidents with retry and resolve, the deployed processes,
 * decisions and forms by version with their diagrams, decision tables and previews, and the users and
 * departments (read-only).
 */
import '../shared/ui/apps.css';
import { AlertOutlined, CalendarOutlined, FormOutlined, PartitionOutlined, TableOutlined, TeamOutlined } from '@ant-design/icons';
import { startApp } from '../shared/ui/app-shell';
import { CalendarPage } from './calendar-page';
import { DecisionsPage } from './decisions-page';
import { DefinitionsPage } from './definitions-page';
import { FormsPage } from './forms-page';
import { IncidentsPage } from './incidents-page';
import { UsersPage } from './users-page';

startApp({
  title: ['系统管理', 'Administration'],
  roles: ['admin'],
  menu: [
    { path: '/calendar', label: ['节假日日历', 'Holiday calendar'], icon: <CalendarOutlined /> },
    { path: '/incidents', label: ['故障事件', 'Incidents'], icon: <AlertOutlined /> },
    { path: '/processes', label: ['已部署流程', 'Processes'], icon: <PartitionOutlined /> },
    { path: '/decisions', label: ['已部署决策', 'Decisions'], icon: <TableOutlined /> },
    { path: '/forms', label: ['已部署表单', 'Forms'], icon: <FormOutlined /> },
    { path: '/users', label: ['用户与部门', 'Users'], icon: <TeamOutlined /> },
  ],
  page(path) {
    if (path.startsWith('/incidents')) return <IncidentsPage />;
    if (path.startsWith('/processes')) return <DefinitionsPage />;
    if (path.startsWith('/decisions')) return <DecisionsPage />;
    if (path.startsWith('/forms')) return <FormsPage />;
    if (path.startsWith('/users')) return <UsersPage />;
    return <CalendarPage />;
  },
});
