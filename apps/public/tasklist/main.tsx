/**
 * 任务列表 (department staff and supervisors): my tasks, my departments' tasks and the tasks I finished,
 * each task opening its case header and Camunda form.
 */
import '../shared/ui/apps.css';
import { CheckSquareOutlined, InboxOutlined, TeamOutlined } from '@ant-design/icons';
import { startApp } from '../shared/ui/app-shell';
import { TaskListPage } from './task-list-page';
import { TaskPage } from './task-page';

startApp({
  title: ['任务列表', 'Tasks'],
  menu: [
    { path: '/mine', label: ['我的任务', 'My tasks'], icon: <InboxOutlined /> },
    { path: '/group', label: ['本部门任务', 'Department tasks'], icon: <TeamOutlined /> },
    { path: '/done', label: ['已办任务', 'Finished tasks'], icon: <CheckSquareOutlined /> },
  ],
  page(path, user) {
    const task = /^\/task\/(\d+)/.exec(path);
    if (task) return <TaskPage key={task[1]} taskKey={task[1]} user={user} />;
    if (path.startsWith('/group')) return <TaskListPage key="group" view="group" user={user} />;
    if (path.startsWith('/done')) return <TaskListPage key="done" view="done" user={user} />;
    return <TaskListPage key="mine" view="mine" user={user} />;
  },
});
