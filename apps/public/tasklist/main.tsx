/**
 * 任务列表 (department staff and supervisors): my tasks, my departments' tasks, 督办 tasks and the tasks I
 * finished, each task opening its case header, Camunda form and the case so far; accepting a case at the
 * window, recording 补正 materials, and the supervisor's department dashboard.
 */
import '../shared/ui/apps.css';
import './tasklist.css';
import { AlertOutlined, BarChartOutlined, CheckSquareOutlined, FileAddOutlined, FileDoneOutlined, InboxOutlined, TeamOutlined } from '@ant-design/icons';
import { startApp } from '../shared/ui/app-shell';
import { CasePage } from './case-page';
import { CorrectionPage } from './correction-page';
import { DashboardPage } from './dashboard-page';
import { NewCasePage } from './new-case-page';
import { TaskListPage } from './task-list-page';
import { TaskPage } from './task-page';

startApp({
  title: ['任务列表', 'Tasks'],
  menu: [
    { path: '/mine', label: ['我的任务', 'My tasks'], icon: <InboxOutlined /> },
    { path: '/group', label: ['本部门任务', 'Department tasks'], icon: <TeamOutlined /> },
    { path: '/supervision', label: ['督办任务', 'Supervision'], icon: <AlertOutlined />, roles: ['supervisor'] },
    { path: '/done', label: ['已办任务', 'Finished tasks'], icon: <CheckSquareOutlined /> },
    { path: '/new', label: ['受理新案件', 'Accept a case'], icon: <FileAddOutlined />, roles: ['staff', 'supervisor'] },
    { path: '/correction', label: ['补正到件', 'Corrections'], icon: <FileDoneOutlined />, roles: ['staff', 'supervisor'] },
    { path: '/dashboard', label: ['部门看板', 'Dashboard'], icon: <BarChartOutlined />, roles: ['supervisor'] },
  ],
  page(path, user) {
    const task = /^\/task\/(\d+)/.exec(path);
    if (task) return <TaskPage key={task[1]} taskKey={task[1]} user={user} />;
    const followed = /^\/case\/(\d+)/.exec(path);
    if (followed) return <CasePage key={followed[1]} processInstanceKey={followed[1]} />;
    if (path.startsWith('/group')) return <TaskListPage key="group" view="group" user={user} />;
    if (path.startsWith('/supervision')) return <TaskListPage key="supervision" view="supervision" user={user} />;
    if (path.startsWith('/done')) return <TaskListPage key="done" view="done" user={user} />;
    if (path.startsWith('/new')) return <NewCasePage />;
    if (path.startsWith('/correction')) return <CorrectionPage user={user} />;
    if (path.startsWith('/dashboard')) return <DashboardPage user={user} />;
    return <TaskListPage key="mine" view="mine" user={user} />;
  },
});
