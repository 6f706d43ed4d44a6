/**
 * The departments of the process contract (`/work/shared/process-contract` → "Groups"): the candidate groups
 * the models use, with their Chinese names. A department's supervisors are the group `<id>-supervisors`.
 */
export const DEPARTMENTS: readonly { id: string; name: string }[] = [
  { id: 'development-reform', name: '发展改革委' },
  { id: 'natural-resources', name: '自然资源和规划局' },
  { id: 'housing-construction', name: '住房城乡建设局' },
  { id: 'ecology-environment', name: '生态环境局' },
  { id: 'water-resources', name: '水利局' },
  { id: 'fire-rescue', name: '消防救援机构' },
  { id: 'civil-air-defence', name: '人防办' },
  { id: 'urban-archives', name: '城建档案馆' },
  { id: 'approval-service', name: '行政审批服务局' },
  { id: 'market-regulation', name: '市场监管局' },
  { id: 'tax', name: '税务局' },
  { id: 'social-insurance', name: '社会保险经办机构' },
  { id: 'medical-insurance', name: '医保局' },
  { id: 'housing-fund', name: '住房公积金管理中心' },
  { id: 'public-security', name: '公安局' },
  { id: 'hrss', name: '省人力资源社会保障厅' },
  { id: 'staffing-office', name: '省委编办' },
  { id: 'education', name: '教育局' },
  { id: 'service-commissioners', name: '服务专员' },
];

/** Groups that are not departments: they carry roles, not tasks. */
export const ROLE_GROUPS: readonly { id: string; name: string }[] = [
  { id: 'auditors', name: '审计' },
  { id: 'admins', name: '系统管理员' },
];

/** The suffix that turns a department id into its supervisors' group id. */
export const SUPERVISORS_SUFFIX = '-supervisors';

/** `market-regulation` → `market-regulation-supervisors`. */
export function supervisorsGroupOf(departmentId: string): string {
  return `${departmentId}${SUPERVISORS_SUFFIX}`;
}
