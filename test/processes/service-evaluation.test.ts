import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Variables } from '../../engine/api';
import {
  completedJobs,
  completeTask,
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
import { CALENDAR_UPDATED_SIGNAL, importCalendarYear } from '../../workers/calendar';
import { enterpriseApplicationSample } from '../support/sample-applications';
import { deployTable, tableWithRows } from './decision-tables';

/*
 * 好差评 on our engine with the real models and workers: an enterprise case mailed on 30 September 2025 opens
 * its evaluation; a real-name bad review is rectified by 市场监管局 with lights across National Day, fed back,
 * followed up and closed; a good review ends at once; an applicant who never rates is closed as not rated when
 * the rating window ends (across National Day); a window running into a year without holiday data is recomputed
 * when that year is imported; a changed time-limit table changes both windows.
 */

const calendarFixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../workers/calendar/fixtures');

const FILES = [
  ...ENTERPRISE_OPENING_FILES,
  'bpmn/service-evaluation.bpmn',
  'bpmn/service-evaluation-time-limits.dmn',
  'forms/evaluation-rectification.form',
  'forms/evaluation-return-visit.form',
];

/** Opens an enterprise case that mails its results, and returns the key of the evaluation it opens on completion. */
async function finishedCaseWithEvaluation(bed: ServiceBed, caseId: string): Promise<string> {
  const mailingAddress = { recipient: '张三', phone: '13800000000', address: '济南市历下区泉城路1号' };
  const variables: Variables = { caseId, ...enterpriseApplicationSample(), deliveryMode: 'mail', mailingAddress };
  const created = await bed.zeebe.createProcessInstance({ bpmnProcessId: 'enterprise-opening', variables: variables as never });
  await completeTask(bed, created.processInstanceKey, 'Task_MaterialGuidance', { materialsComplete: true });
  await waitForElement(bed, created.processInstanceKey, 'End_Completed');
  const started = await waitFor(bed, `the evaluation of ${caseId}`, () =>
    records(bed, (r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_ACTIVATED' && r.value.bpmnProcessId === 'service-evaluation' && r.value.elementId === 'StartEvent_ServiceCompleted').find(
      (r) => recordedVariables(bed, String(r.value.processInstanceKey)).serviceCaseId === caseId,
    ),
  );
  const key = String(started.value.processInstanceKey);
  // The event-based gateway waits for the rating or the end of the rating window, whichever comes first.
  await waitForElement(bed, key, 'Gateway_AwaitRating', 'ELEMENT_ACTIVATED');
  return key;
}

describe('the 好差评 process on our engine', function () {
  this.timeout(120_000);
  let bed: ServiceBed | undefined;

  afterEach(async () => {
    await stopServiceBed(bed);
    bed = undefined;
  });

  it('rectifies a real-name bad review within its own clock, feeds it back and closes it after the return visit', async () => {
    bed = await startServiceBed(shanghai('2025-09-30T10:00:00'), FILES);
    const key = await finishedCaseWithEvaluation(bed, 'QYKB-HCP-BAD');
    const opened = recordedVariables(bed, key);
    expect(opened).to.deep.include({ caseId: 'HCP-QYKB-HCP-BAD', serviceCaseId: 'QYKB-HCP-BAD', serviceProcess: 'enterprise-opening', responsibleDepartment: 'market-regulation' });
    expect(opened.evaluator).to.deep.equal({ name: '张三', idNumber: '370102199001011234' });
    expect(completedJobs(bed, key, 'evaluation-invite')).to.have.length(1);

    await publish(bed, 'evaluation-submitted', 'QYKB-HCP-BAD', { rating: 'very-dissatisfied', reasons: '执照寄错地址', realName: true, evaluatedAt: '2025-09-30T10:30:00+08:00' });
    const [rectify] = await waitForTasks(bed, key, 'Task_Rectify');
    expect(rectify!.candidateGroups).to.deep.equal(['market-regulation']);
    const deadline = recordedVariables(bed, key).deadline_rectification as { dueAt: string; warnAt: string };
    // 5 working days from Tuesday 30 September 10:00, National Day (1–8 October) off: 9, 10, 11 (a make-up Saturday), 13 and 14 October.
    expect(deadline.dueAt).to.equal('2025-10-14T10:00:00+08:00');

    await moveClockTo(bed, Date.parse(deadline.dueAt));
    const [supervision] = await waitForTasks(bed, key, 'Task_Rectification_SuperviseStep');
    expect(supervision!.candidateGroups).to.deep.equal(['market-regulation-supervisors']);
    expect(completedJobs(bed, key, 'light-notify').map((job) => job.value.elementId)).to.include.members(['Task_Rectification_NotifyYellow', 'Task_Rectification_NotifyRed']);

    await completeTask(bed, key, 'Task_Rectify', { rectificationCause: '寄递地址录入错误', rectificationMeasures: '已重新寄出并增加地址复核' });
    await waitFor(bed, 'the feedback to the applicant', () => completedJobs(bed!, key, 'evaluation-feedback')[0]);
    const [visit] = await waitForTasks(bed, key, 'Task_ReturnVisit');
    expect(visit!.candidateGroups).to.deep.equal(['approval-service']);
    await completeTask(bed, key, 'Task_ReturnVisit', { returnVisitOutcome: 'satisfied', returnVisitNotes: '申请人已收到执照，表示满意' });
    await waitForElement(bed, key, 'End_RectificationClosed');

    expect(recordedVariables(bed, key)).to.deep.include({ rectificationRequired: true, rectificationStatus: 'closed', returnVisitOutcome: 'satisfied' });
  });

  it('records a good review and ends without any rectification', async () => {
    bed = await startServiceBed(shanghai('2025-09-30T10:00:00'), FILES);
    const key = await finishedCaseWithEvaluation(bed, 'QYKB-HCP-GOOD');
    await publish(bed, 'evaluation-submitted', 'QYKB-HCP-GOOD', { rating: 'very-satisfied', realName: true, evaluatedAt: '2025-09-30T11:00:00+08:00' });
    await waitForElement(bed, key, 'End_Evaluated');
    expect(recordedVariables(bed, key)).to.deep.include({ rectificationRequired: false, rectificationStatus: 'none' });
    expect(openTasks(bed, key, 'Task_Rectify')).to.have.length(0);
  });

  it('closes an evaluation the applicant never rates when the 5-working-day window ends across National Day, assuming no rating', async () => {
    bed = await startServiceBed(shanghai('2025-09-30T10:00:00'), FILES);
    const key = await finishedCaseWithEvaluation(bed, 'QYKB-HCP-SILENT');
    const window = recordedVariables(bed, key).ratingWindow as { closesAt: string; workingDays: number };
    // Tuesday 30 September 10:00 plus 5 working days, 1–8 October off: 9, 10, 11 (make-up Saturday), 13 and 14 October.
    expect(window).to.include({ workingDays: 5, closesAt: '2025-10-14T10:00:00+08:00' });

    await moveClockTo(bed, shanghai('2025-10-14T09:59:00'));
    expect(records(bed, (r) => r.value.processInstanceKey === key && r.value.elementId === 'End_NotRated')).to.have.length(0);
    await moveClockTo(bed, Date.parse(window.closesAt));
    await waitForElement(bed, key, 'End_NotRated');
    const closed = recordedVariables(bed, key);
    expect(closed).to.deep.include({ evaluationStatus: 'expired', rectificationRequired: false, rectificationStatus: 'none' });
    expect(closed.evaluation, 'no rating is made up for the applicant').to.equal(undefined);
    expect(completedJobs(bed, key, 'evaluation-record')).to.have.length(0);
  });

  it('recomputes a provisional rating window that runs into 2027 when the 2027 holidays are imported, and re-arms its timer', async () => {
    // given workers whose calendar folder has no 2027, and a case finished on Thursday 4 February 2027, before the Spring Festival
    const calendarFolder = mkdtempSync(path.join(tmpdir(), 'onego-calendars-'));
    try {
      bed = await startServiceBed(shanghai('2027-02-04T10:00:00'), FILES, { ONEGO_CALENDAR_DIRS: calendarFolder });
      const key = await finishedCaseWithEvaluation(bed, 'QYKB-HCP-NEW-YEAR');
      // 5 working days counted Monday–Friday less the holidays the law fixes (春节: 5–8 February): 9–12 and 15 February
      const provisional = await waitForVariable<{ closesAt: string; provisional: boolean }>(bed, key, 'ratingWindow');
      expect(provisional).to.include({ opensAt: '2027-02-04T10:00:00+08:00', closesAt: '2027-02-15T10:00:00+08:00', provisional: true });

      // when an admin imports the FICTIONAL 2027 test notice (5–11 February off, Saturday 13 February worked) and the calendar-updated signal is broadcast
      expect(importCalendarYear({ year: 2027, text: readFileSync(path.join(calendarFixtures, 'FICTIONAL-notice-2027.txt'), 'utf8'), folder: calendarFolder }).ok).to.equal(true);
      await bed.server.engine.broadcastSignal(CALENDAR_UPDATED_SIGNAL, { calendarUpdate: { year: 2027, importedBy: 'guan.li' } }, undefined, { actor: 'guan.li' });

      // then the window is counted again from the first invitation (12, 13, 15, 16, 17 February): it closes on Wednesday 17 February
      const recomputed = await waitForVariable<{ closesAt: string; provisional: boolean }>(bed, key, 'ratingWindow', (window) => window.provisional === false);
      expect(recomputed).to.include({ opensAt: '2027-02-04T10:00:00+08:00', closesAt: '2027-02-17T10:00:00+08:00', recomputedBecause: '2027年节假日安排由guan.li导入后重算' });
      const expiryTimers = () => records(bed!, (r) => r.valueType === 'TIMER' && r.value.targetElementId === 'Timer_RatingWindowExpired' && r.value.processInstanceKey === key);
      await waitFor(bed, 'the re-armed rating-window timer', () => (expiryTimers().length === 3 ? true : undefined));
      expect(expiryTimers().map((r) => [r.intent, new Date(Number(r.value.dueDate)).toISOString()])).to.deep.equal([
        ['CREATED', '2027-02-15T02:00:00.000Z'],
        ['CANCELED', '2027-02-15T02:00:00.000Z'],
        ['CREATED', '2027-02-17T02:00:00.000Z'],
      ]);

      // and the applicant may still rate on Tuesday 16 February: the case closes as not rated only on 17 February
      await moveClockTo(bed, shanghai('2027-02-16T10:00:00'));
      expect(records(bed, (r) => r.value.processInstanceKey === key && r.value.elementId === 'End_NotRated')).to.have.length(0);
      await moveClockTo(bed, shanghai('2027-02-17T10:00:00'));
      await waitForElement(bed, key, 'End_NotRated');
    } finally {
      rmSync(calendarFolder, { recursive: true, force: true });
    }
  });

  it('takes the rating window, the rectification limit and whether anonymous bad reviews are rectified from the decision table: a row for enterprise opening changes all three', async () => {
    bed = await startServiceBed(shanghai('2025-09-30T10:00:00'), FILES);
    const row = `<rule id="Rule_EnterpriseOpening">
        <inputEntry id="Rule_EnterpriseOpening_ServiceProcess"><text>"enterprise-opening"</text></inputEntry>
        <inputEntry id="Rule_EnterpriseOpening_Jurisdiction"><text>-</text></inputEntry>
        <outputEntry id="Rule_EnterpriseOpening_ratingDays"><text>10</text></outputEntry>
        <outputEntry id="Rule_EnterpriseOpening_rectificationDays"><text>3</text></outputEntry>
        <outputEntry id="Rule_EnterpriseOpening_rectifyAnonymousBadReviews"><text>true</text></outputEntry>
        <annotationEntry><text>test row</text></annotationEntry>
      </rule>`;
    await deployTable(bed, 'bpmn/service-evaluation-time-limits.dmn', await tableWithRows('bpmn/service-evaluation-time-limits.dmn', row));

    const key = await finishedCaseWithEvaluation(bed, 'QYKB-HCP-TABLE');
    // 10 working days from 30 September: 9, 10, 11, 13–17, 20 and 21 October.
    expect((recordedVariables(bed, key).ratingWindow as { closesAt: string }).closesAt).to.equal('2025-10-21T10:00:00+08:00');
    // The row rectifies anonymous bad reviews too (the province-wide row only counts them).
    await publish(bed, 'evaluation-submitted', 'QYKB-HCP-TABLE', { rating: 'dissatisfied', reasons: '窗口答复不清楚', realName: false, evaluatedAt: '2025-09-30T10:30:00+08:00' });
    await waitForTasks(bed, key, 'Task_Rectify');
    const deadline = recordedVariables(bed, key).deadline_rectification as { dueAt: string; limitWorkingMinutes: number };
    // 3 working days instead of 5: 9, 10 and the make-up Saturday 11 October.
    expect(deadline.dueAt).to.equal('2025-10-11T10:00:00+08:00');
    expect(recordedVariables(bed, key).evaluationStatus).to.equal('rated');
  });
});
