/**
 * The demo cases `npm start` opens on a fresh data folder: realistic applications for each process, chosen
 * so the task list and the 亮灯 board show cases in different states (waiting for a department, finished
 * by the workers alone, waiting for the applicant's 补正); the late one is built at start (`late-demo-case.ts`).
 */
import type { Variables } from '../../engine/api';

/** One case to open. */
export interface DemoCase {
  bpmnProcessId: string;
  /** Why this case is in the demo: the state it shows. */
  shows: string;
  variables: Variables;
  /** Where a case taken over from another system starts (Camunda's start instructions); the start event otherwise. */
  startInstructions?: { elementId: string }[];
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

/** Enterprise opening: one smart-approval case the workers finish alone, one for the registration desk. */
const enterpriseCases: DemoCase[] = [
  {
    bpmnProcessId: 'enterprise-opening',
    shows: 'a natural-person LLC at the material-guidance window; after pre-check it is approved automatically (智能审批) and mailed free',
    variables: {
      caseId: 'DEMO-QYKB-001',
      applicant: { name: '张三', idNumber: '370102199001011234' },
      enterpriseName: '济南泉城软件有限公司',
      entityType: 'natural-person-llc',
      address: '济南市历下区泉城路1号',
      businessScope: '软件开发；信息技术咨询服务',
      registeredCapital: 100,
      legalRepresentative: { name: '张三', idNumber: '370102199001011234', phone: '13800000000' },
      investors: [{ name: '张三', idNumber: '370102199001011234', contribution: 100 }],
      insuredEmployees: 5,
      housingFundRate: 12,
      invoiceTypes: ['ordinary-electronic'],
      bankBranch: '济南泉城路支行',
      deliveryMode: 'mail',
      mailingAddress: { recipient: '张三', phone: '13800000000', address: '济南市历下区泉城路1号' },
      eSignatureConfirmed: true,
    },
  },
  {
    bpmnProcessId: 'enterprise-opening',
    shows: 'a joint-stock company filed by an agent with a power of attorney (帮办代办), waiting for the registration review at the window',
    variables: {
      caseId: 'DEMO-QYKB-002',
      applicant: { name: '王芳', idNumber: '370102198807071234' },
      enterpriseName: '济南泉城控股股份有限公司',
      entityType: 'joint-stock',
      address: '济南市历下区经十路88号',
      businessScope: '企业管理咨询；以自有资金从事投资活动',
      registeredCapital: 5000,
      legalRepresentative: { name: '王芳', idNumber: '370102198807071234', phone: '13700000000' },
      investors: [
        { name: '王芳', idNumber: '370102198807071234', contribution: 3000 },
        { name: '赵强', idNumber: '370102198512121234', contribution: 2000 },
      ],
      insuredEmployees: 20,
      housingFundRate: 10,
      invoiceTypes: ['ordinary-electronic'],
      bankBranch: '济南经十路支行',
      deliveryMode: 'window',
      eSignatureConfirmed: true,
      agentFiling: true,
      agent: { name: '刘帮办', idNumber: '370102199303031234', phone: '13600000000', powerOfAttorneyNumber: 'WT-DEMO-0001', organisation: '历下区政务服务中心帮办代办窗口' },
    },
  },
  {
    bpmnProcessId: 'enterprise-opening',
    shows: 'a limited company of 历下区 applied for at 青岛’s window (全域通办): qingdao.shenpi guides it, lixia.shichang reviews it',
    variables: {
      caseId: 'DEMO-QYKB-003',
      applicant: { name: '周敏', idNumber: '370202199104041234' },
      enterpriseName: '济南海岱贸易股份有限公司',
      entityType: 'joint-stock',
      address: '济南市历下区解放路66号',
      jurisdiction: '370102',
      acceptingJurisdiction: '370200',
      businessScope: '货物进出口；日用百货销售',
      registeredCapital: 1000,
      legalRepresentative: { name: '周敏', idNumber: '370202199104041234', phone: '13300000000' },
      investors: [{ name: '周敏', idNumber: '370202199104041234', contribution: 1000 }],
      insuredEmployees: 8,
      housingFundRate: 8,
      invoiceTypes: ['ordinary-electronic'],
      bankBranch: '青岛香港中路支行',
      deliveryMode: 'window',
      eSignatureConfirmed: true,
    },
  },
];

/** High-level talent card: a reviewed issuance waiting for the employer's service commissioner. */
const talentCases: DemoCase[] = [
  {
    bpmnProcessId: 'talent-card',
    shows: 'a reviewed issuance at 山东省某研究院’s own service commissioners (yanjiuyuan.zhuanyuan), then level by level to HRSS',
    variables: {
      caseId: 'DEMO-HCK-001',
      talent: { name: '李四', idType: 'resident-id', idNumber: '370102198502021234', nationality: '中国' },
      employer: { name: '山东省某研究院', uscc: '12370000MB1234567X' },
      category: 'reviewed',
      qualifyingBasis: '国家级人才工程入选者',
      jurisdiction: '370100',
      commissionerId: 'commissioner-1',
      staffingRequested: false,
    },
  },
];

/** Medical-insurance transfer: a transfer between two cities of the province on the provincial platform. */
const medicalInsuranceCases: DemoCase[] = [
  {
    bpmnProcessId: 'medical-insurance-transfer',
    shows: 'a Qingdao → Jinan transfer within the 15-working-day limit: 济南’s agency accepts (jinan.yibao), 青岛’s transfers out (qingdao.yibao)',
    variables: {
      caseId: 'DEMO-YBZY-001',
      insured: { name: '王五', idNumber: '370102199203031234', socialSecurityCardNumber: 'A12345678', phone: '13900000000' },
      scheme: 'employee',
      transferOutRegion: '青岛市',
      transferInRegion: '济南市',
      jurisdiction: '370100',
      transferOutJurisdiction: '370200',
      newEmployerUscc: '91370102MA3C4D5E6F',
    },
  },
];

/** Real-estate registration: a five-day transfer at 历下区's three departments, a one-day mortgage filed by an agent in 市南区. */
const realEstateCases: DemoCase[] = [
  {
    bpmnProcessId: 'real-estate-registration',
    shows: 'a five-day transfer: 历下区’s registration centre, housing-transaction and tax offices work in parallel (lixia.budongchan, lixia.fangchan, lixia.shuiwu)',
    variables: {
      caseId: 'DEMO-BDC-001',
      applicant: { name: '陈晨', idNumber: '370102198603031234', phone: '13600000000' },
      registrationType: 'transfer',
      propertyUnitNumber: '370102001001GB00001F00010001',
      propertyAddress: '济南市历下区泉城路1号1单元101室',
      jurisdiction: '370102',
      agentFiling: false,
    },
  },
  {
    bpmnProcessId: 'real-estate-registration',
    shows: 'a one-day mortgage filed by an agent (帮办代办) at 市南区’s registration centre (shinan.budongchan)',
    variables: {
      caseId: 'DEMO-BDC-002',
      applicant: { name: '刘洋', idNumber: '370202197909091234', phone: '13500000000' },
      registrationType: 'mortgage',
      propertyUnitNumber: '370202002003GB00002F00020002',
      propertyAddress: '青岛市市南区香港中路10号2单元202室',
      jurisdiction: '370202',
      agentFiling: true,
      agent: { name: '孙静', idNumber: '370202199212121234', phone: '13400000000', powerOfAttorneyNumber: 'WT-2025-0101', organisation: '市南区政务服务中心帮办代办窗口' },
    },
  },
];

/** Every demo case, in the order they are opened. */
export const demoCases: DemoCase[] = [...engineeringCases, ...enterpriseCases, ...talentCases, ...medicalInsuranceCases, ...realEstateCases];
