/**
 * 审计视图 (auditors and admins, read-only): every process instance, an instance's diagram with active and
 * completed elements marked, its history and variables, and the 亮灯 board.
 */
import '../shared/ui/apps.css';
import { BarChartOutlined, BulbOutlined, FileSearchOutlined } from '@ant-design/icons';
import { startApp } from '../shared/ui/app-shell';
import { InstancePage } from './instance-page';
import { InstancesPage } from './instances-page';
import { LightsBoard } from './lights-board';
import { StatisticsPage } from './statistics-page';

startApp({
  title: ['审计视图', 'Audit'],
  roles: ['auditor', 'admin'],
  menu: [
    { path: '/instances', label: ['案件', 'Cases'], icon: <FileSearchOutlined /> },
    { path: '/lights', label: ['亮灯看板', 'Light board'], icon: <BulbOutlined /> },
    { path: '/statistics', label: ['电子监察统计', 'Statistics'], icon: <BarChartOutlined /> },
  ],
  page(path) {
    const instance = /^\/instance\/(\d+)/.exec(path);
    if (instance) return <InstancePage key={instance[1]} instanceKey={instance[1]} />;
    if (path.startsWith('/lights')) return <LightsBoard />;
    if (path.startsWith('/statistics')) return <StatisticsPage />;
    return <InstancesPage />;
  },
});
