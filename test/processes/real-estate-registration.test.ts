import { expect } from 'chai';
import type { Variables } from '../../engine/api';
import {
  completedJobs,
  completeTask,
  moveClockTo,
  openTasks,
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
import { claimAndComplete, startCaseAs, taskSeenBy } from './demo-staff';
import { realEstateApplicationSample } from '../support/sample-applications';

/*
 * Whole runs of bpmn/real-estate-registration.bpmn on our engine with its decision table, forms and the real
 * workers. The controlled clock crosses National Day 2025 (1–8 October off, Saturday 11 October a make-up
 * working day), so the one-day and five-day limits are read off the real working-day calendar.
 */

const FILES = [
  'bpmn/real-estate-registration.bpmn',
  'bpmn/real-estate-time-limits.dmn',
  'forms/real-estate-application.form',
  'forms/real-estate-registration-review.form',
  'forms/real-estate-transaction-review.form',
  'forms/real-estate-tax-assessment.form',
  'forms/refusal-approval.form',
  'forms/supervision.form',
];

function application(caseId: string, overrides: Variables = {}): Variables {
  return { caseId, ...realEstateApplicationSample(), ...overrides };
}

async function startCase(bed: ServiceBed, variables: Variables): Promise<string> {
  const created = await bed.zeebe.createProcessInstance({ bpmnProcessId: 'real-estate-registration', variables: variables as never });
  return created.processInstanceKey;
}

/** The lights of the case deadline that were sent, in order. */
function caseLights(bed: ServiceBed, key: string): string[] {
  const sent = completedJobs(bed, key, 'light-notify').map((job) => String(job.value.elementId));
  return ['Task_Case_NotifyYellow', 'Task_Case_NotifyRed'].filter((id) => sent.includes(id)).map((id) => (id.endsWith('Yellow') ? 'yellow' : 'red'));
}

describe('the real-estate-registration process on our engine', function () {
  this.timeout(120_000);
  let bed: ServiceBed | undefined;

  afterEach(async () => {
    await stopServiceBed(bed);
    bed = undefined;
  });

  it('completes an instant item (a seizure) at once on the eve of National Day: no clock, no light, a certification issued', async () => {
    bed = await startServiceBed(shanghai('2025-09-30T17:00:00'), FILES);
    const key = await startCase(bed, application('BDC-E2E-INSTANT', { registrationType: 'seizure' }));

    const [review] = await waitForTasks(bed, key, 'Task_UntimedReview');
    expect(review!.candidateGroups).to.deep.equal(['natural-resources-370102']);
    expect(recordedVariables(bed, key).timeLimits).to.deep.include({ category: 'instant', caseDays: 0 });
    await bed.server.engine.completeUserTask(review!.userTaskKey, { registrationDecision: 'approve' });
    await waitForElement(bed, key, 'End_Registered');

    const result = recordedVariables(bed, key);
    expect(result.deadline_case).to.equal(undefined);
    expect((result.registration as { certificateNumber: string }).certificateNumber).to.match(/^鲁（2025）济南市不动产证明第\d{7}号$/);
    await moveClockTo(bed, shanghai('2025-10-13T17:00:00'));
    expect(completedJobs(bed, key, 'light-notify')).to.have.length(0);
  });

  it('gives a non-tax mortgage one working day across National Day: yellow, then red with 督办 for 历下区’s registration supervisors, and still registers', async () => {
    bed = await startServiceBed(shanghai('2025-09-30T16:00:00'), FILES);
    const key = await startCase(bed, application('BDC-E2E-ONE-DAY'));

    const deadline = await waitForVariable<{ warnAt: string; dueAt: string }>(bed, key, 'deadline_case');
    // 90 office minutes on 30 September, the holiday 1–8 October, the remaining 330 minutes on Thursday 9 October.
    expect(deadline.dueAt).to.equal('2025-10-09T16:00:00+08:00');
    expect(recordedVariables(bed, key).timeLimits).to.deep.include({ category: 'one-day', caseDays: 1, needsTransaction: false, needsTax: false });
    const [review] = await waitForTasks(bed, key, 'Task_RegistrationReview');
    expect(openTasks(bed, key, 'Task_TransactionReview').concat(openTasks(bed, key, 'Task_TaxAssessment'))).to.have.length(0);

    await moveClockTo(bed, shanghai('2025-10-08T17:00:00'));
    expect(caseLights(bed, key)).to.deep.equal([]);
    await moveClockTo(bed, Date.parse(deadline.warnAt));
    await waitFor(bed, 'the yellow light', () => (caseLights(bed!, key).includes('yellow') ? true : undefined));
    await moveClockTo(bed, Date.parse(deadline.dueAt));
    const [supervision] = await waitForTasks(bed, key, 'Task_Case_SuperviseStep');
    expect(supervision!.candidateGroups).to.deep.equal(['natural-resources-370102-supervisors']);
    expect(caseLights(bed, key)).to.deep.equal(['yellow', 'red']);

    await bed.server.engine.completeUserTask(review!.userTaskKey, { registrationDecision: 'approve' });
    await waitForElement(bed, key, 'End_Registered');
  });

  it('runs a five-day transfer with registration, transaction and tax in parallel, each worked by 历下区’s own staff, and finishes green on the make-up Saturday', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:00:00'), FILES, {}, { auth: 'demo' });
    const key = await startCaseAs(bed, 'lixia.budongchan', 'real-estate-registration', application('BDC-E2E-FIVE-DAY', { registrationType: 'transfer' }));

    const deadline = await waitForVariable<{ dueAt: string }>(bed, key, 'deadline_case');
    // 29 and 30 September, then 9, 10 and the make-up Saturday 11 October.
    expect(deadline.dueAt).to.equal('2025-10-11T17:30:00+08:00');
    const registration = await taskSeenBy(bed, 'lixia.budongchan', key, 'Task_RegistrationReview');
    const transaction = await taskSeenBy(bed, 'lixia.fangchan', key, 'Task_TransactionReview');
    const tax = await taskSeenBy(bed, 'lixia.shuiwu', key, 'Task_TaxAssessment');
    expect([registration, transaction, tax].map((task) => task?.candidateGroups)).to.deep.equal([['natural-resources-370102'], ['housing-construction-370102'], ['tax-370102']]);
    expect(await taskSeenBy(bed, 'shinan.shuiwu', key, 'Task_TaxAssessment'), '市南区’s tax office').to.equal(undefined);

    await moveClockTo(bed, shanghai('2025-10-11T10:00:00'));
    await claimAndComplete(bed, 'lixia.fangchan', transaction!.userTaskKey, { contractFilingNumber: 'WQ-2025-0001', transactionOpinion: '网签备案一致' });
    await claimAndComplete(bed, 'lixia.shuiwu', tax!.userTaskKey, { taxAmount: 30000, taxVoucherNumber: 'WS2025100001' });
    await claimAndComplete(bed, 'lixia.budongchan', registration!.userTaskKey, { registrationDecision: 'approve' });
    await waitForElement(bed, key, 'End_Registered');
    expect(caseLights(bed, key)).to.not.include('red');
    expect((recordedVariables(bed, key).registration as { certificateNumber: string }).certificateNumber).to.match(/^鲁（2025）济南市不动产权第\d{7}号$/);
  });

  it('records an agent filing (帮办代办) with the agent and the principal, and the 好差评 still goes to the principal', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:00:00'), FILES);
    const agent = { name: '赵六', idNumber: '370102199001011234', powerOfAttorneyNumber: 'WT-2025-0099', organisation: '历下区政务服务中心帮办代办窗口' };
    const key = await startCase(bed, application('BDC-E2E-AGENT', { registrationType: 'mortgage-release', agentFiling: true, agent }));

    const filing = await waitForVariable<{ filedBy: string; agent: Variables; principal: Variables }>(bed, key, 'filing');
    expect(filing).to.deep.equal({ filedBy: 'agent', agent, principal: { name: '王五', idNumber: '370102198805051234' } });
    expect(recordedVariables(bed, key).caseTitle).to.contain('赵六代办');
    await completeTask(bed, key, 'Task_UntimedReview', { registrationDecision: 'approve' });
    await waitForElement(bed, key, 'End_Registered');
    const published = await waitFor(bed, 'the service-completed message', () =>
      records(bed!, (r) => r.valueType === 'MESSAGE' && r.intent === 'PUBLISHED' && r.value.name === 'service-completed' && r.value.correlationKey === 'BDC-E2E-AGENT')[0],
    );
    const sent = typeof published.value.variables === 'string' ? JSON.parse(published.value.variables) : published.value.variables;
    expect(sent).to.deep.include({ responsibleDepartment: 'natural-resources-370102' });
    expect(sent.evaluator).to.deep.include({ name: '王五' });
  });

  it('refuses an agent filing without a power of attorney with a clear incident, and loses nothing', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:00:00'), FILES);
    const key = await startCase(bed, application('BDC-E2E-NO-POA', { agentFiling: true, agent: { name: '赵六', idNumber: '370102199001011234' } }));
    const incident = await waitFor(bed, 'the incident', () => records(bed!, (r) => r.valueType === 'INCIDENT' && r.intent === 'CREATED' && r.value.processInstanceKey === key)[0]);
    expect(String(incident.value.errorMessage)).to.contain('授权委托书');
    expect(recordedVariables(bed, key).agent).to.deep.equal({ name: '赵六', idNumber: '370102199001011234' });
  });

  it('ends a refusal only when the registration centre’s supervisors confirm it; a returned one is reviewed again', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:00:00'), FILES);
    const key = await startCase(bed, application('BDC-E2E-REFUSE'));
    await completeTask(bed, key, 'Task_RegistrationReview', { registrationDecision: 'reject', rejectionReasons: '抵押合同与申请不一致' });
    const first = await completeTask(bed, key, 'Task_RefusalApproval', { refusalDecision: 'return', rejectionReasons: '请核对补充材料后重审' });
    expect(first.candidateGroups).to.deep.equal(['natural-resources-370102-supervisors']);
    await completeTask(bed, key, 'Task_ReReview', { registrationDecision: 'reject', rejectionReasons: '抵押合同与申请不一致，经核对属实' });
    await waitFor(bed, 'a second refusal approval', () => (openTasks(bed!, key, 'Task_RefusalApproval').some((task) => task.userTaskKey !== first.userTaskKey) ? true : undefined));
    await completeTask(bed, key, 'Task_RefusalApproval', { refusalDecision: 'confirm', rejectionReasons: '抵押合同与申请不一致，不予登记' });
    await waitForElement(bed, key, 'End_Rejected');
    expect(completedJobs(bed, key, 'real-estate-record')).to.have.length(0);
    expect(recordedVariables(bed, key).rejectionReasons).to.equal('抵押合同与申请不一致，不予登记');
  });
});
