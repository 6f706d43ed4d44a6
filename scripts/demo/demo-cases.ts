/**
 * The demo cases `npm start` opens on a fresh data folder: realistic applications for each process, chosen
 * so the task list and the 亮灯 board show cases in different states (waiting for a department, finished
 * by the workers alone, waiting for the applicant's 补正).
 */
import type { Variables } from '../../engine/api';

/** One case to open. */
export interface DemoCase {
  bpmnProcessId: string;
  /** Why this case is in the demo: the state it shows. */
  shows: string;
  variables: Variables;
}

/** Engineering-project approval: one simple low-risk project, one government-investment building. */
const engineeringCases: DemoCase[] = [
  {
    bpmnProcessId: 'engineering-approval',
    shows: 'a simple low-risk project (20 WD) waiting for the stage-1 window',
    variables: {
      caseId: 'DEMO-ENG-001',
      caseTitle: '某某物流仓库扩建项目工程建设项目审批',
      submittedAt: '2025-09-29T09:00:00+08:00',
      applicant: { name: '山东某某物流有限公司', uscc: '91370100MA3C00001X' },
      projectCode: '2025-370102-47-01-000001',
      projectName: '某某物流仓库扩建项目',
      location: '济南市历城区某某路1号',
      flowchartCategory: 'simple-low-risk',
      fastTrack: false,
      totalInvestment: 3000,
      landArea: 12000,
      regionalAssessmentArea: true,
      standardLand: false,
      eiaExempt: true,
      contact: { name: '张三', phone: '13800000000' },
    },
  },
  {
    bpmnProcessId: 'engineering-approval',
    shows: 'a government-investment building (70 WD) outside an assessed area',
    variables: {
      caseId: 'DEMO-ENG-002',
      caseTitle: '市第二人民医院门诊楼新建工程建设项目审批',
      submittedAt: '2025-09-29T10:30:00+08:00',
      applicant: { name: '某某市卫生健康委员会', uscc: '11370100004000000A' },
      projectCode: '2025-370100-84-01-000002',
      projectName: '市第二人民医院门诊楼新建工程',
      location: '济南市市中区某某街8号',
      flowchartCategory: 'government-investment',
      fastTrack: false,
      totalInvestment: 48000,
      landArea: 26000,
      regionalAssessmentArea: false,
      standardLand: false,
      eiaExempt: false,
      contact: { name: '李四', phone: '13900000000' },
    },
  },
];

/** Every demo case, in the order they are opened. */
export const demoCases: DemoCase[] = [...engineeringCases];
