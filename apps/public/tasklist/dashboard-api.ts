/** The supervisor's department dashboard as `GET /v2/apps/tasklist/dashboard` answers it. */
import { api } from '../shared/api';

/** One overdue open case. */
export interface OverdueCase {
  processInstanceKey: string;
  caseId: string | null;
  caseTitle: string | null;
  processName: string;
  steps: { userTaskKey: string; name: string; assignee: string | null; assigneeName?: string }[];
  paused: boolean;
  dueAt: string;
  overdueWorkingMinutes: number;
}

/** The dashboard. */
export interface DepartmentDashboard {
  departments: { id: string; name: string }[];
  now: string;
  byLight: Record<'red' | 'yellow' | 'green' | 'paused' | 'none', number>;
  overdue: OverdueCase[];
  handling: { bpmnProcessId: string; name: string; finished: number; onTime: number; overdue: number; onTimeRate: number | null; averageWorkingDays: number | null; limitWorkingDays: number | null }[];
  weekly: { week: string; received: number; finished: number; overdue: number }[];
}

/** Read it. */
export function departmentDashboard(): Promise<DepartmentDashboard> {
  return api<DepartmentDashboard>('GET', '/apps/tasklist/dashboard', undefined, '加载部门看板');
}
