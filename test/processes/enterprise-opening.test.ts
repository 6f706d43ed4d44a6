import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Variables } from '../../engine/api';
import {
  completedJobs,
  completeTask,
  elementRecords,
  moveClockTo,
  openTasks,
  publish,
  recordedVariables,
  records,
  shanghai,
  startServiceBed,
  stopServiceBed,
  waitFor,
  waitForElement,
  waitForTasks,
  waitForVariable,
  type ServiceBed,
} from './service-bed';
import { ENTERPRISE_OPENING_FILES } from './enterprise-opening-files';
import { enterpriseApplicationSample } from '../support/sample-applications';
import { claimAndComplete, startCaseAs, taskSeenBy } from './demo-staff';
import { deployTable, tableWithRows } from './decision-tables';

/*
 * Whole runs of bpmn/enterprise-opening.bpmn on our engine with the real forms and workers. Engine time is
 * a controlled clock, so "1 working day" is measured across National Day 2025 (1–8 October off, Saturday
 * 11 October a make-up working day) exactly as the working-day calendar says.
 */

const FILES = ENTERPRISE_OPENING_FILES;

function application(caseId: string, overrides: Variables = {}): Variables {
  return { caseId, ...enterpriseApplicationSample(), ...overrides };
}

async function startCase(bed: ServiceBed, variables: Variables): Promise<string> {
  const created = await bed.zeebe.createProcessInstance({ bpmnProcessId: 'enterprise-opening', variables: variables as never });
  return created.processInstanceKey;
}

const pickup = { handedOver: ['licence', 'seals', 'invoices', 'tax-device'], pickedUpBy: '张三', pickedUpByIdNumber: '370102199001011234' };

describe('the enterprise-opening process on our engine', function () {
  this.timeout(120_000);
  let bed: ServiceBed | undefined;

  afterEach(async () => {
    await stopServiceBed(bed);
    bed = undefined;
  });

  it('opens a natural-person LLC by smart approval: licence, insurance, housing fund, seals, tax, bank, window pickup', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:30:00'), FILES);
    const key = await startCase(bed, application('QYKB-E2E-HAPPY'));

    await completeTask(bed, key, 'Task_MaterialGuidance', { materialsComplete: true });
    await completeTask(bed, key, 'Task_WindowPickup', pickup);
    await waitForElement(bed, key, 'End_Completed');

    const result = recordedVariables(bed, key);
    expect(result.smartApprovalEligible).to.equal(true);
    expect(result.smartApprovalPassed).to.equal(true);
    expect(result.uscc).to.match(/^9137\d{4}[0-9A-Z]{10}$/);
    expect(result).to.include.keys('licence', 'socialInsuranceRegistration', 'medicalInsuranceRegistration', 'housingFundAccount', 'sealOrder', 'taxPackage', 'bankAppointment', 'resultNotification');
    expect(result.acceptedAt).to.equal((result.deadline_case as { startedAt: string }).startedAt);
    expect((result.deadline_case as { dueAt: string }).dueAt).to.equal('2025-09-30T09:30:00+08:00');
    expect(completedJobs(bed, key, 'enterprise-free-mailing')).to.have.length(0);
    expect(openTasks(bed, key, 'Task_Case_SuperviseStep')).to.have.length(0);
  });

  it('follows the smart-approval decision table: a 历下区 row that sends branches to a person changes that district’s cases only', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:30:00'), FILES);
    const row = `<rule id="Rule_LixiaBranches">
        <description>历下区：分支机构人工审查（测试）</description>
        <inputEntry id="Rule_LixiaBranches_EntityType"><text>"branch"</text></inputEntry>
        <inputEntry id="Rule_LixiaBranches_Jurisdiction"><text>"370102"</text></inputEntry>
        <outputEntry id="Rule_LixiaBranches_smartApprovalEligible"><text>false</text></outputEntry>
        <annotationEntry><text>test row</text></annotationEntry>
      </rule>`;
    await deployTable(bed, 'bpmn/enterprise-smart-approval-rules.dmn', await tableWithRows('bpmn/enterprise-smart-approval-rules.dmn', row));

    const lixia = await startCase(bed, application('QYKB-E2E-LIXIA-BRANCH', { entityType: 'branch', jurisdiction: '370102' }));
    const shinan = await startCase(bed, application('QYKB-E2E-SHINAN-BRANCH', { entityType: 'branch', jurisdiction: '370202' }));
    await completeTask(bed, lixia, 'Task_MaterialGuidance', { materialsComplete: true });
    await completeTask(bed, shinan, 'Task_MaterialGuidance', { materialsComplete: true });

    const [review] = await waitForTasks(bed, lixia, 'Task_RegistrationReview');
    expect(review!.candidateGroups).to.deep.equal(['market-regulation-370102']);
    expect(recordedVariables(bed, lixia).smartApprovalEligible).to.equal(false);
    await waitForElement(bed, shinan, 'Task_SmartApproval');
    expect(recordedVariables(bed, shinan).smartApprovalEligible, '市南区 keeps the province-wide rows').to.equal(true);
    expect(elementRecords(bed, shinan, 'Task_RegistrationReview', 'ELEMENT_ACTIVATED')).to.have.length(0);
  });

  it('takes an agent filing (帮办代办) with a power of attorney, recording agent and principal; refuses one without it, saying why', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:30:00'), FILES);
    const agent = { name: '王帮办', idNumber: '370102198808081234', phone: '13900000000', powerOfAttorneyNumber: 'WT-2025-0930-01', organisation: '历下区政务服务中心帮办代办窗口' };
    const key = await startCase(bed, application('QYKB-E2E-AGENT', { agentFiling: true, agent }));
    await completeTask(bed, key, 'Task_MaterialGuidance', { materialsComplete: true });
    await completeTask(bed, key, 'Task_WindowPickup', pickup);
    await waitForElement(bed, key, 'End_Completed');
    const result = recordedVariables(bed, key);
    expect(result.filing).to.deep.equal({
      filedBy: 'agent',
      principal: { name: '张三', idNumber: '370102199001011234' },
      agent: { name: '王帮办', idNumber: '370102198808081234', powerOfAttorneyNumber: 'WT-2025-0930-01', organisation: '历下区政务服务中心帮办代办窗口' },
    });
    expect(result.caseTitle).to.equal('企业开办：济南泉城软件有限公司（王帮办代办）');
    // The 好差评 of the case goes to the principal, not to the agent.
    const invitation = await waitFor(bed, 'the 好差评 request', () =>
      records(bed!, (r) => r.valueType === 'MESSAGE' && r.intent === 'PUBLISHED' && r.value.name === 'service-completed' && r.value.correlationKey === 'QYKB-E2E-AGENT')[0],
    );
    expect((invitation.value.variables as { evaluator: unknown }).evaluator).to.deep.equal({ name: '张三', idNumber: '370102199001011234' });

    const refused = await startCase(bed, application('QYKB-E2E-AGENT-NO-POA', { agentFiling: true, agent: { ...agent, powerOfAttorneyNumber: null } }));
    const incident = await waitFor(bed, 'the refused agent filing', () =>
      records(bed!, (r) => r.valueType === 'INCIDENT' && r.intent === 'CREATED' && r.value.processInstanceKey === refused)[0],
    );
    expect(incident.value.errorMessage).to.contain('授权委托书');
    expect(elementRecords(bed, refused, 'Task_MaterialGuidance', 'ELEMENT_ACTIVATED')).to.have.length(0);
  });

  it('mails the results free of charge when the applicant chose mailing', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:30:00'), FILES);
    const mailingAddress = { recipient: '张三', phone: '13800000000', address: '济南市历下区泉城路1号' };
    const key = await startCase(bed, application('QYKB-E2E-MAIL', { deliveryMode: 'mail', mailingAddress }));

    await completeTask(bed, key, 'Task_MaterialGuidance', { materialsComplete: true });
    await waitForElement(bed, key, 'End_Completed');

    expect((recordedVariables(bed, key).mailing as { trackingNumber: string }).trackingNumber).to.match(/^EMS\d{10}$/);
    expect(openTasks(bed, key, 'Task_WindowPickup')).to.have.length(0);
  });

  it('sends a joint-stock company to registration review; a refusal the supervisor confirms ends the case with the reasons', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:30:00'), FILES);
    const key = await startCase(bed, application('QYKB-E2E-REJECT', { entityType: 'joint-stock', enterpriseName: '济南泉城控股股份有限公司' }));

    await completeTask(bed, key, 'Task_MaterialGuidance', { materialsComplete: true });
    const [review] = await waitForTasks(bed, key, 'Task_RegistrationReview');
    expect(review!.candidateGroups).to.deep.equal(['market-regulation']);
    await bed.server.engine.completeUserTask(review!.userTaskKey, { registrationDecision: 'reject', rejectionReasons: '经营范围涉及需前置审批的金融业务' });
    // 窗口无否决权: the refusal waits for the department's supervisor.
    const [approval] = await waitForTasks(bed, key, 'Task_RefusalApproval');
    expect(approval!.candidateGroups).to.deep.equal(['market-regulation-supervisors']);
    expect(completedJobs(bed, key, 'enterprise-notify-result')).to.have.length(0);
    await bed.server.engine.completeUserTask(approval!.userTaskKey, { refusalDecision: 'confirm', rejectionReasons: '经营范围涉及需前置审批的金融业务，依据《市场主体登记管理条例》' });
    await waitForElement(bed, key, 'End_Rejected');
    expect(recordedVariables(bed, key)).to.deep.include({ refusalDecision: 'confirm', rejectionReasons: '经营范围涉及需前置审批的金融业务，依据《市场主体登记管理条例》' });

    const result = recordedVariables(bed, key);
    expect(result.uscc).to.equal(undefined);
    expect(completedJobs(bed, key, 'enterprise-notify-result')).to.have.length(1);
    expect(completedJobs(bed, key, 'enterprise-issue-licence')).to.have.length(0);
  });

  it('returns a refusal the supervisor does not confirm to the reviewer, who may then approve', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:30:00'), FILES);
    const key = await startCase(bed, application('QYKB-E2E-RETURNED', { entityType: 'joint-stock', deliveryMode: 'mail', mailingAddress: { recipient: '张三', phone: '13800000000', address: '济南市历下区泉城路1号' } }));
    await completeTask(bed, key, 'Task_MaterialGuidance', { materialsComplete: true });
    await completeTask(bed, key, 'Task_RegistrationReview', { registrationDecision: 'reject', rejectionReasons: '名称近似' });
    await completeTask(bed, key, 'Task_RefusalApproval', { refusalDecision: 'return', refusalReturnNote: '名称不构成近似，请重新审查' });

    await waitFor(bed, 'the second review', () => (elementRecords(bed!, key, 'Task_RegistrationReview', 'ELEMENT_ACTIVATED').length === 2 ? true : undefined));
    expect(recordedVariables(bed, key).refusalReturnNote).to.equal('名称不构成近似，请重新审查');
    await completeTask(bed, key, 'Task_RegistrationReview', { registrationDecision: 'approve' });
    await waitForElement(bed, key, 'End_Completed');
    expect(elementRecords(bed, key, 'End_Rejected', 'ELEMENT_ACTIVATED')).to.have.length(0);
  });

  it('loops material guidance with a one-time notice before any clock starts', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:30:00'), FILES);
    const key = await startCase(bed, application('QYKB-E2E-GUIDE'));

    await completeTask(bed, key, 'Task_MaterialGuidance', { materialsComplete: false, correctionNotice: '请补充住所使用证明' });
    await waitForElement(bed, key, 'Event_MaterialCorrectionSubmitted', 'ELEMENT_ACTIVATED');
    expect(recordedVariables(bed, key).deadline_case).to.equal(undefined);
    await moveClockTo(bed, shanghai('2025-09-30T10:00:00'));
    await publish(bed, 'correction-submitted', 'QYKB-E2E-GUIDE', { address: '济南市历下区泉城路2号' });
    await completeTask(bed, key, 'Task_MaterialGuidance', { materialsComplete: true });

    const deadline = await waitForVariable<{ startedAt: string; dueAt: string }>(bed, key, 'deadline_case');
    expect(deadline.startedAt).to.equal('2025-09-30T10:00:00+08:00');
    expect(deadline.dueAt).to.equal('2025-10-09T10:00:00+08:00');
  });

  it('pauses the case and Link A clocks while the applicant supplements over National Day, then resumes with the time left', async () => {
    bed = await startServiceBed(shanghai('2025-09-30T10:00:00'), FILES);
    const key = await startCase(bed, application('QYKB-E2E-PAUSE', { entityType: 'joint-stock' }));
    await completeTask(bed, key, 'Task_MaterialGuidance', { materialsComplete: true });
    await waitForTasks(bed, key, 'Task_RegistrationReview');

    await moveClockTo(bed, shanghai('2025-09-30T11:00:00'));
    await completeTask(bed, key, 'Task_RegistrationReview', { registrationDecision: 'supplement', supplementNotice: '请补充股东会决议' });
    await waitForElement(bed, key, 'Event_RegistrationCorrectionSubmitted', 'ELEMENT_ACTIVATED');
    const paused = recordedVariables(bed, key).deadline_case as { consumedWorkingMinutes: number; pausedAt: string };
    expect(paused).to.include({ consumedWorkingMinutes: 60, pausedAt: '2025-09-30T11:00:00+08:00' });

    // Without the pause the case would have been due on 9 October at 10:00: nothing lights while the applicant works.
    await moveClockTo(bed, shanghai('2025-10-10T09:00:00'));
    expect(completedJobs(bed, key, 'light-notify')).to.have.length(0);

    await publish(bed, 'correction-submitted', 'QYKB-E2E-PAUSE', { supplementSubmitted: true });
    const resumed = await waitForVariable<{ pausedAt: string | null; dueAt: string }>(bed, key, 'deadline_case', (d) => d.pausedAt === null);
    expect(resumed.dueAt).to.equal('2025-10-10T16:30:00+08:00');
    const linkA = await waitForVariable<{ pausedAt: string | null; dueAt: string }>(bed, key, 'deadline_linkA', (d) => d.pausedAt === null);
    expect(linkA.dueAt).to.equal('2025-10-10T11:30:00+08:00');

    await completeTask(bed, key, 'Task_RegistrationReview', { registrationDecision: 'approve' });
    await completeTask(bed, key, 'Task_WindowPickup', pickup);
    await waitForElement(bed, key, 'End_Completed');
    expect(completedJobs(bed, key, 'supervision-record')).to.have.length(0);
  });

  it('counts a 济南 case by the limits 济南 deployed in its own table row, and a 青岛 case by the province-wide row', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:30:00'), FILES);
    // What a city designer does in Modeler: one row above the province-wide row, then deploy the table.
    const table = await readFile(path.join(process.cwd(), 'bpmn/enterprise-opening-time-limits.dmn'), 'utf8');
    const jinanRow = `<rule id="Rule_Jinan"><description>济南市</description><inputEntry id="Rule_Jinan_Jurisdiction"><text>starts with(?, "3701")</text></inputEntry>${[0.5, 0.25, 0.25, 1, 1]
      .map((value, index) => `<outputEntry id="Rule_Jinan_${index}"><text>${value}</text></outputEntry>`)
      .join('')}<annotationEntry><text>济南 rule</text></annotationEntry></rule>`;
    await bed.server.engine.deployResources([{ name: 'enterprise-opening-time-limits.dmn', content: Buffer.from(table.replace('<rule id="Rule_ProvinceWide">', `${jinanRow}<rule id="Rule_ProvinceWide">`)) }]);

    const jinan = await startCase(bed, application('QYKB-E2E-JINAN', { jurisdiction: '370102', entityType: 'joint-stock' }));
    const qingdao = await startCase(bed, application('QYKB-E2E-QINGDAO', { jurisdiction: '370202', entityType: 'joint-stock' }));
    await completeTask(bed, jinan, 'Task_MaterialGuidance', { materialsComplete: true });
    await completeTask(bed, qingdao, 'Task_MaterialGuidance', { materialsComplete: true });

    const jinanCase = await waitForVariable<{ dueAt: string }>(bed, jinan, 'deadline_case');
    const qingdaoCase = await waitForVariable<{ dueAt: string }>(bed, qingdao, 'deadline_case');
    // Half a working day (210 office minutes) from 09:30 ends at 14:30 after the lunch break; a whole one the next day.
    expect(jinanCase.dueAt).to.equal('2025-09-29T14:30:00+08:00');
    expect(qingdaoCase.dueAt).to.equal('2025-09-30T09:30:00+08:00');
    expect(recordedVariables(bed, jinan).timeLimits).to.deep.include({ caseDays: 0.5, sealHours: 1 });
    expect(recordedVariables(bed, qingdao).timeLimits).to.deep.include({ caseDays: 1, sealHours: 2 });
  });

  it('is applied for in 青岛 and approved by 历下区’s registration authority (全域通办); the licence is collected in 青岛', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:30:00'), FILES, {}, { auth: 'demo' });
    const variables = application('QYKB-E2E-QUANYU', { jurisdiction: '370102', acceptingJurisdiction: '370200', entityType: 'joint-stock' });
    const key = await startCaseAs(bed, 'qingdao.shenpi', 'enterprise-opening', variables);

    const guidance = await taskSeenBy(bed, 'qingdao.shenpi', key, 'Task_MaterialGuidance');
    expect(guidance?.candidateGroups).to.deep.equal(['approval-service-370200']);
    expect(await taskSeenBy(bed, 'lixia.shenpi', key, 'Task_MaterialGuidance'), '历下’s window').to.equal(undefined);
    await claimAndComplete(bed, 'qingdao.shenpi', guidance!.userTaskKey, { materialsComplete: true });

    const review = await taskSeenBy(bed, 'lixia.shichang', key, 'Task_RegistrationReview');
    expect(review?.candidateGroups).to.deep.equal(['market-regulation-370102']);
    expect(await taskSeenBy(bed, 'qingdao.shichang', key, 'Task_RegistrationReview'), '青岛’s registration authority').to.equal(undefined);
    expect(await taskSeenBy(bed, 'jinan.shichang.duban', key, 'Task_RegistrationReview'), '济南’s city supervisor').to.not.equal(undefined);
    await claimAndComplete(bed, 'lixia.shichang', review!.userTaskKey, { registrationDecision: 'approve' });

    const pickupTask = await taskSeenBy(bed, 'qingdao.shenpi', key, 'Task_WindowPickup');
    expect(pickupTask?.candidateGroups).to.deep.equal(['approval-service-370200']);
    await claimAndComplete(bed, 'qingdao.shenpi', pickupTask!.userTaskKey, pickup);
    await waitForElement(bed, key, 'End_Completed');
    expect(recordedVariables(bed, key).licence).to.not.equal(undefined);
    // The 好差评 of the case is answered by the registration authority that decided it.
    const published = await waitFor(bed, 'the service-completed message', () =>
      records(bed!, (r) => r.valueType === 'MESSAGE' && r.intent === 'PUBLISHED' && r.value.name === 'service-completed' && r.value.correlationKey === 'QYKB-E2E-QUANYU')[0],
    );
    const sent = published.value.variables;
    expect(typeof sent === 'string' ? JSON.parse(sent) : sent).to.deep.include({ responsibleDepartment: 'market-regulation-370102', jurisdiction: '370102' });
  });

  it('stops the 1-WD case clock when the results can be collected: a pickup two weeks later leaves the case green and opens no 督办', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:30:00'), FILES);
    const key = await startCase(bed, application('QYKB-E2E-LATE-PICKUP'));

    await completeTask(bed, key, 'Task_MaterialGuidance', { materialsComplete: true });
    const [pickupTask] = await waitForTasks(bed, key, 'Task_WindowPickup');
    // The case sub-process, and with it every clock, ended when the results reached the pickup window.
    await waitForElement(bed, key, 'SubProcess_Case');
    expect(elementRecords(bed, key, 'End_Case', 'ELEMENT_COMPLETED')).to.have.length(1);
    expect(pickupTask!.candidateGroups).to.deep.equal(['approval-service']);

    await moveClockTo(bed, shanghai('2025-10-13T15:00:00'));
    expect(completedJobs(bed, key, 'light-notify')).to.have.length(0);
    expect(completedJobs(bed, key, 'supervision-record')).to.have.length(0);
    expect(openTasks(bed, key, 'Task_Case_SuperviseStep')).to.have.length(0);

    await completeTask(bed, key, 'Task_WindowPickup', pickup);
    await waitForElement(bed, key, 'End_Completed');
    expect(completedJobs(bed, key, 'light-notify')).to.have.length(0);
  });

  it('lights yellow and then red across National Day, and opens the 督办 task for the approval-service supervisors', async () => {
    bed = await startServiceBed(shanghai('2025-09-30T16:00:00'), FILES);
    const key = await startCase(bed, application('QYKB-E2E-LIGHTS', { entityType: 'joint-stock' }));
    await completeTask(bed, key, 'Task_MaterialGuidance', { materialsComplete: true });
    await waitForTasks(bed, key, 'Task_RegistrationReview');

    const deadline = recordedVariables(bed, key).deadline_case as { warnAt: string; dueAt: string };
    // 90 office minutes on 30 September, the holiday 1–8 October, the remaining 330 minutes on 9 October.
    expect(deadline.dueAt).to.equal('2025-10-09T16:00:00+08:00');
    expect(Date.parse(deadline.warnAt)).to.be.greaterThan(shanghai('2025-10-09T09:00:00')).and.lessThan(Date.parse(deadline.dueAt));

    await moveClockTo(bed, shanghai('2025-10-08T17:00:00'));
    expect(caseLights(bed, key)).to.deep.equal([]);

    await moveClockTo(bed, Date.parse(deadline.warnAt));
    await waitFor(bed, 'the yellow light of the case', () => (caseLights(bed!, key).includes('yellow') ? true : undefined));
    expect(caseLights(bed, key)).to.deep.equal(['yellow']);

    await moveClockTo(bed, Date.parse(deadline.dueAt));
    // The case's own 督办 and Link A's both open at the top level, each for its department's supervisors.
    const supervisions = await waitForTasks(bed, key, 'Task_Case_SuperviseStep', 2);
    expect(supervisions.map((task) => task.candidateGroups[0]).sort()).to.deep.equal(['approval-service-supervisors', 'market-regulation-supervisors']);
    expect(caseLights(bed, key)).to.deep.equal(['yellow', 'red']);
    expect(completedJobs(bed, key, 'supervision-record').map((job) => job.value.elementId)).to.include('Task_Case_SupervisionRecord');

    // The lights never stopped the work: the reviewer still decides and the case still completes.
    await completeTask(bed, key, 'Task_RegistrationReview', { registrationDecision: 'approve' });
    await waitForElement(bed, key, 'SubProcess_Case');
    await waitForElement(bed, key, 'Task_NotifyCompletion');
    await completeTask(bed, key, 'Task_WindowPickup', pickup);
  });
});

/** The lights of the case deadline that were sent, in order. */
function caseLights(bed: ServiceBed, key: string): string[] {
  return ['Task_Case_NotifyYellow', 'Task_Case_NotifyRed'].filter((elementId) =>
    completedJobs(bed, key, 'light-notify').some((job) => job.value.elementId === elementId),
  ).map((elementId) => (elementId.endsWith('Yellow') ? 'yellow' : 'red'));
}
