import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CALENDAR_UPDATED_SIGNAL, calendarFromEnv, importCalendarYear } from '../../../workers/calendar';
import { caseLightOf, type Deadline } from '../../../workers/lights';
import {
  completedJobs,
  moveClockTo,
  records,
  shanghai,
  startServiceBed,
  stopServiceBed,
  waitFor,
  waitForTasks,
  waitForVariable,
  type ServiceBed,
} from '../../processes/service-bed';
import { medicalInsuranceApplicationSample } from '../../support/sample-applications';

/*
 * Entering a new year with open cases (issue 12): a medical-insurance transfer (15 working days) opened on
 * Sunday 24 January 2027 runs across the Spring Festival of a year with no holiday data yet, so only the holidays
 * the law fixes are skipped. Importing the FICTIONAL 2027 test notice (5–11 February off, Saturday 13 February
 * worked; test data, not the State Council's) recomputes it and moves its light timers.
 */

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const FILES = [
  'bpmn/medical-insurance-transfer.bpmn',
  'bpmn/medical-insurance-time-limits.dmn',
  'forms/medical-insurance-application.form',
  'forms/medical-insurance-application-review.form',
  'forms/medical-insurance-transfer-out-verification.form',
  'forms/refusal-approval.form',
  'forms/supervision.form',
];

describe('recomputing open cases when a holiday year is imported', function () {
  this.timeout(120_000);
  let bed: ServiceBed | undefined;
  let calendarFolder: string;

  beforeEach(() => {
    calendarFolder = mkdtempSync(path.join(tmpdir(), 'onego-calendars-'));
  });
  afterEach(async () => {
    await stopServiceBed(bed);
    bed = undefined;
    rmSync(calendarFolder, { recursive: true, force: true });
  });

  it('runs a case opened on 2027-01-24 with a provisional deadline, then moves its yellow and red timers when 2027 is imported', async () => {
    // given the engine clock on Sunday 24 January 2027 and workers whose calendar folder has no 2027
    const env = { ONEGO_CALENDAR_DIRS: calendarFolder };
    bed = await startServiceBed(shanghai('2027-01-24T10:00:00'), FILES, env);
    const calendar = calendarFromEnv(env);
    const created = await bed.zeebe.createProcessInstance({
      bpmnProcessId: 'medical-insurance-transfer',
      variables: { caseId: 'YBZY-NEW-YEAR', ...medicalInsuranceApplicationSample() } as never,
    });
    const key = created.processInstanceKey;

    // then the case goes on (no incident) with a provisional deadline counted Monday–Friday in 2027 less the
    // holidays the law fixes (春节: 5–8 February): 25 January–4 February give 9 working days, 9–12 February the
    // 10th–13th, 15 and 16 February the 14th and 15th
    const provisional = await waitForVariable<Deadline>(bed, key, 'deadline_case');
    expect(provisional).to.include({ dueAt: '2027-02-16T17:30:00+08:00', warnAt: '2027-02-11T17:30:00+08:00', provisional: true, provisionalYear: 2027 });
    await waitForTasks(bed, key, 'Task_ReviewApplication');
    expect(records(bed, (r) => r.valueType === 'INCIDENT')).to.deep.equal([]);
    expect(caseLightOf(bed.server.engine.getVariables(key)!, calendar, new Date(shanghai('2027-01-25T10:00:00')))).to.include({ provisional: true, provisionalYear: 2027 });
    const redTimers = () => records(bed!, (r) => r.valueType === 'TIMER' && r.value.targetElementId === 'Timer_Case_Red' && r.value.processInstanceKey === key);
    expect(redTimers().map((r) => [r.intent, new Date(Number(r.value.dueDate)).toISOString()])).to.deep.equal([['CREATED', '2027-02-16T09:30:00.000Z']]);

    // when an admin imports the fictional 2027 notice and the calendar-updated signal is broadcast
    const imported = importCalendarYear({ year: 2027, text: readFileSync(path.join(fixtures, 'FICTIONAL-notice-2027.txt'), 'utf8'), folder: calendarFolder });
    expect(imported.ok).to.equal(true);
    await bed.server.engine.broadcastSignal(CALENDAR_UPDATED_SIGNAL, { calendarUpdate: { year: 2027, importedBy: 'guan.li' } }, undefined, { actor: 'guan.li' });

    // then the deadline is recomputed (the fictional notice gives 5–11 February off and Saturday 13 February worked:
    // due 18 February, yellow on 15 February), no longer provisional,
    // and the variable record says why
    const recomputed = await waitForVariable<Deadline>(bed, key, 'deadline_case', (deadline) => deadline.provisional === false);
    expect(recomputed).to.include({
      dueAt: '2027-02-18T17:30:00+08:00',
      warnAt: '2027-02-15T17:30:00+08:00',
      provisionalYear: null,
      recomputedBecause: '2027年节假日安排由guan.li导入后重算',
    });
    // and the clock was re-entered: the old red timer is cancelled and a new one waits for the new instant
    await waitFor(bed, 'the re-armed red timer', () => (redTimers().length === 3 ? true : undefined));
    expect(redTimers().map((r) => [r.intent, new Date(Number(r.value.dueDate)).toISOString()])).to.deep.equal([
      ['CREATED', '2027-02-16T09:30:00.000Z'],
      ['CANCELED', '2027-02-16T09:30:00.000Z'],
      ['CREATED', '2027-02-18T09:30:00.000Z'],
    ]);
    // the 2-day initiation deadline (25–26 January) has the same instants either way, but it was provisional too:
    // losing 期限暂定 counts as a move, so its clock is re-entered with a red timer for the same instant
    const initiationRedTimers = () => records(bed!, (r) => r.valueType === 'TIMER' && r.value.targetElementId === 'Timer_Initiation_Red' && r.value.processInstanceKey === key);
    await waitFor(bed, 'the re-armed initiation timer', () => (initiationRedTimers().length === 3 ? true : undefined));
    expect(initiationRedTimers().map((r) => [r.intent, new Date(Number(r.value.dueDate)).toISOString()])).to.deep.equal([
      ['CREATED', '2027-01-26T09:30:00.000Z'],
      ['CANCELED', '2027-01-26T09:30:00.000Z'],
      ['CREATED', '2027-01-26T09:30:00.000Z'],
    ]);

    // and the light follows the engine clock on the new instants: green on 11 February evening (the provisional
    // deadline would have been yellow), yellow from 15 February 17:30, red only from 18 February 17:30
    const caseLight = () => caseLightOf(bed!.server.engine.getVariables(key)!, calendar, new Date(bed!.server.engine.clock.now())).deadlines.find((light) => light.name === 'case')!;
    const caseNotifications = () => completedJobs(bed!, key, 'light-notify').map((job) => String(job.value.elementId)).filter((id) => id.startsWith('Task_Case_'));
    await moveClockTo(bed, shanghai('2027-02-11T18:00:00'));
    expect(caseLight().colour).to.equal('green');
    expect(caseNotifications()).to.deep.equal([]);
    await moveClockTo(bed, shanghai('2027-02-15T17:30:00'));
    await waitFor(bed, 'the yellow light of the case', () => (caseNotifications().includes('Task_Case_NotifyYellow') ? true : undefined));
    expect(caseLight().colour).to.equal('yellow');
    await moveClockTo(bed, shanghai('2027-02-16T17:30:00'));
    expect(caseLight().colour).to.equal('yellow');
    await moveClockTo(bed, shanghai('2027-02-18T17:30:00'));
    await waitFor(bed, 'the red light of the case', () => (caseNotifications().includes('Task_Case_NotifyRed') ? true : undefined));
    expect(caseLight().colour).to.equal('red');
    expect(caseNotifications()).to.deep.equal(['Task_Case_NotifyYellow', 'Task_Case_NotifyRed']);
  });
});
