/**
 * The 亮灯 pattern of the process contract (`process-contract.md`), as reusable pieces for the service
 * models: start a working-day deadline, hang yellow and red lights on a timed subprocess, and pause or
 * resume a deadline around the applicant's 补正. Job types are the DEADLINES helper's.
 */
import type { Container } from './builder';

/** A limit in office time of the working-day calendar. */
export type Limit = { workingDays: number } | { workingHours: number };

/** `deadline-start`: computes `deadline_<name>` (warnAt, dueAt) from the engine clock. */
export function startDeadline(container: Container, id: string, name: string, deadlineName: string, limit: Limit, extraOutputs: Array<[string, string]> = []): void {
  const limitInput: [string, string] =
    'workingDays' in limit ? ['limitWorkingDays', `=${limit.workingDays}`] : ['limitWorkingHours', `=${limit.workingHours}`];
  const description = 'workingDays' in limit ? `${limit.workingDays} working day(s)` : `${limit.workingHours} office hour(s)`;
  container.service(id, name, 'deadline-start', {
    documentation: `Starts the '${deadlineName}' deadline: ${description} of office time on the working-day calendar, from the engine clock.`,
    inputs: [['deadlineName', `="${deadlineName}"`], limitInput, ['startedAt', '=now()']],
    outputs: [[`deadline_${deadlineName}`, '=deadline'], ...extraOutputs],
  });
}

/** `deadline-pause`: stops the statutory clock while the case waits for the applicant. */
export function pauseDeadline(container: Container, id: string, name: string, deadlineName: string): void {
  container.service(id, name, 'deadline-pause', {
    documentation: `Pauses the '${deadlineName}' deadline: time spent on 补正 by the applicant does not count.`,
    inputs: [['deadline', `=deadline_${deadlineName}`], ['pausedAt', '=now()']],
    outputs: [[`deadline_${deadlineName}`, '=deadline']],
  });
}

/** `deadline-resume`: restarts the clock with the remaining working time. */
export function resumeDeadline(container: Container, id: string, name: string, deadlineName: string): void {
  container.service(id, name, 'deadline-resume', {
    documentation: `Resumes the '${deadlineName}' deadline with the working time that was left when it paused.`,
    inputs: [['deadline', `=deadline_${deadlineName}`], ['resumedAt', '=now()']],
    outputs: [[`deadline_${deadlineName}`, '=deadline']],
  });
}

/** Options for {@link addLights}. */
export interface LightOptions {
  /** The timed subprocess the lights belong to. */
  host: string;
  deadlineName: string;
  /** Responsible department's group id (its supervisors get the 督办 task), or a FEEL expression (`=level.group`). */
  department: string;
  /** The step's Chinese name, used in element names ("督办：<step>"). */
  step: string;
  /**
   * For a timed subprocess nested inside another scope whose {@link addSupervisionCatcher} opens the 督办
   * task; without it, the host gets its own catcher.
   */
  nested?: boolean;
}

/** Escalation code of a red light asking for 督办 outside the work. */
export const SUPERVISION_ESCALATION = 'SUPERVISION_REQUIRED';

/** The signal an import of a holiday year broadcasts (`workers/calendar/calendar-signal.ts`). */
export const CALENDAR_UPDATED_SIGNAL = 'calendar-updated';

/** Error code that re-arms a step's clock after its deadline moved (caught on the clock itself). */
export const DEADLINE_REARM_ERROR = 'DEADLINE_REARM';

/**
 * The 亮灯 clock of a timed subprocess. Timers are armed when their scope is entered, so a deadline that
 * moves (a holiday year imported, issue 12) needs its timers re-armed — without restarting the work. The
 * lights therefore hang on a clock that runs beside the work inside the host, not on the host itself:
 *
 *   host start ─ + ─┬─ work … ─ terminate end (the step is done: the clock stops with it)
 *                   └─ ◇ ─ [亮灯计时: timer at dueAt → red alert → supervision record → escalation 督办]
 *                  ▲      ├ yellow: non-interrupting timer boundary at warnAt → reminder
 *                  │      └ event subprocess, non-interrupting signal `calendar-updated` → `deadline-recompute`
 *                  │           → moved? error DEADLINE_REARM
 *                  └──── interrupting error boundary DEADLINE_REARM (re-enter: timers read the new instants)
 *
 * Re-entering the clock is the pause/resume pattern (leave the timed scope, recompute, enter again) applied
 * to the clock alone. A red light ends the clock: a deadline already overdue is not re-armed, so 督办 is never
 * opened twice. The red path escalates to {@link addSupervisionCatcher}, so the 督办 task lives outside the
 * work and survives the step's end.
 */
export function addLights(container: Container, options: LightOptions): void {
  const { host, deadlineName, department, step } = options;
  const deadline = `=deadline_${deadlineName}`;
  const base = host.replace(/^SubProcess_/, '');
  const departmentExpression = department.startsWith('=') ? department : `="${department}"`;
  const who = department.startsWith('=') ? `the department in ${department.slice(1)}` : department;
  const model = container.model;
  const hostNode = model.nodes.get(host);
  const inner = hostNode?.inner;
  if (!hostNode || !inner || hostNode.container !== container) throw new Error(`Expected '${host}' to be a subprocess of this container, but it is not`);
  const start = inner.nodes.find((node) => node.kind === 'startEvent' && !node.body.length);
  if (!start) throw new Error(`Expected '${host}' to start with a none start event, but it has none`);
  // The work's ends stop the clock: the step is done.
  for (const end of inner.nodes.filter((node) => node.kind === 'endEvent' && node.body.length === 0)) inner.terminate(end.id);
  model.signal(CALENDAR_UPDATED_SIGNAL).error(DEADLINE_REARM_ERROR, '期限已重算');
  if (!options.nested) model.escalation(SUPERVISION_ESCALATION, '环节超时提请督办');

  const clock = `SubProcess_${base}_Clock`;
  for (const flow of inner.flows) if (flow.source === start.id) flow.source = `Gateway_${base}_ClockFork`;
  inner
    .xor(`Gateway_${base}_Clock`, '计时')
    .sub(clock, `亮灯计时：${step}`, (c) => {
      c.start(`StartEvent_${base}_Clock`, '开始计时')
        .timerCatch(`Timer_${base}_Red`, `${step}红灯`, `${deadline}.dueAt`, {
          documentation: `Red light of the '${deadlineName}' deadline at its dueAt instant; the work goes on beside the clock.`,
        })
        .service(`Task_${base}_NotifyRed`, `红灯告警：${step}`, 'light-notify', {
          documentation: `Alerts ${who} that the '${deadlineName}' deadline has passed.`,
          inputs: [['light', '="red"'], ['deadline', deadline], ['caseId', '=caseId'], ['caseTitle', '=caseTitle'], ['recipientGroup', departmentExpression]],
        })
        .service(`Task_${base}_SupervisionRecord`, `电子监察记录：${step}`, 'supervision-record', {
          documentation: 'Writes the overdue case into the electronic-supervision (电子监察) system.',
          inputs: [['deadline', deadline], ['caseId', '=caseId'], ['department', departmentExpression]],
          // The 督办 task outside the work reads the step through these variables.
          outputs: [
            ['supervisionStep', `="${step}"`],
            ['supervisionDepartment', departmentExpression],
            ['supervisionDeadline', deadline],
            ['supervisionRecordId', '=supervisionRecordId'],
          ],
        })
        .end(`End_${base}_Escalated`, '提请督办', { escalationCode: SUPERVISION_ESCALATION })
        .chain(`StartEvent_${base}_Clock`, `Timer_${base}_Red`, `Task_${base}_NotifyRed`, `Task_${base}_SupervisionRecord`, `End_${base}_Escalated`)
        .eventSub(`EventSub_${base}_CalendarUpdated`, '节假日安排更新', (e) => {
          e.signalStart(`StartEvent_${base}_CalendarUpdated`, '收到日历更新', CALENDAR_UPDATED_SIGNAL, {
            documentation: 'A holiday year was imported or corrected (signal calendar-updated, variable calendarUpdate {year, importedBy}); non-interrupting.',
          })
            .service(`Task_${base}_Recompute`, `重算期限：${step}`, 'deadline-recompute', {
              documentation: `Reruns the '${deadlineName}' deadline's arithmetic on the calendar in force; the reason is kept in the deadline.`,
              inputs: [['deadline', deadline], ['calendarUpdate', '=calendarUpdate']],
              outputs: [[`deadline_${deadlineName}`, '=deadline'], ['deadlineMoved', '=deadlineMoved']],
            })
            .xor(`Gateway_${base}_Moved`, '期限是否变化？', { defaultFlow: `Flow_${base}_Unchanged` })
            .end(`End_${base}_Rearm`, '重新计时', { errorCode: DEADLINE_REARM_ERROR })
            .end(`End_${base}_Unchanged`, '期限未变')
            .chain(`StartEvent_${base}_CalendarUpdated`, `Task_${base}_Recompute`, `Gateway_${base}_Moved`)
            .flow(`Flow_${base}_Moved`, `Gateway_${base}_Moved`, `End_${base}_Rearm`, { name: '已变化', condition: '=deadlineMoved = true' })
            .flow(`Flow_${base}_Unchanged`, `Gateway_${base}_Moved`, `End_${base}_Unchanged`, { name: '未变化' });
        });
    })
    .timerBoundary(`Boundary_${base}_Yellow`, `${step}黄灯`, clock, `${deadline}.warnAt`, {
      documentation: `Yellow light of the '${deadlineName}' deadline at its warnAt instant (non-interrupting).`,
    })
    .service(`Task_${base}_NotifyYellow`, `黄灯提醒：${step}`, 'light-notify', {
      documentation: `Reminds ${who} that the '${deadlineName}' deadline is close.`,
      inputs: [['light', '="yellow"'], ['deadline', deadline], ['caseId', '=caseId'], ['caseTitle', '=caseTitle'], ['recipientGroup', departmentExpression]],
    })
    .end(`End_${base}_Yellow`, '已提醒')
    .errorBoundary(`Boundary_${base}_Rearm`, '期限已重算', clock, DEADLINE_REARM_ERROR, {
      documentation: 'The deadline moved: leave the clock and enter it again, so its timers read the new instants.',
    })
    .end(`End_${base}_Clock`, '计时结束')
    .and(`Gateway_${base}_ClockFork`, '开始计时')
    .flow(`Flow_${base}_ClockStarts`, `Gateway_${base}_ClockFork`, `Gateway_${base}_Clock`)
    .flow(`Flow_${base}_ToClockFork`, start.id, `Gateway_${base}_ClockFork`)
    .chain(`Gateway_${base}_Clock`, clock, `End_${base}_Clock`)
    .chain(`Boundary_${base}_Yellow`, `Task_${base}_NotifyYellow`, `End_${base}_Yellow`)
    .flow(`Flow_${base}_Rearmed`, `Boundary_${base}_Rearm`, `Gateway_${base}_Clock`);
  if (!options.nested) addSupervisionCatcher(container, host);
}

/**
 * Catches the supervision escalations of nested lights on a top-level scope (non-interrupting) and opens
 * the 督办 task for the overdue step's department there, so supervision never holds up the work.
 */
export function addSupervisionCatcher(container: Container, host: string): void {
  const base = host.replace(/^SubProcess_/, '');
  // A host with its own lights already has its catcher.
  if (container.model.nodes.has(`Boundary_${base}_SupervisionRequired`)) return;
  container
    .escalationBoundary(`Boundary_${base}_SupervisionRequired`, '环节超时提请督办', host, SUPERVISION_ESCALATION, {
      documentation: 'A nested step went red: open its 督办 task here, outside the work (non-interrupting).',
    })
    .user(`Task_${base}_SuperviseStep`, '督办：超时环节', {
      documentation: 'The supervisors of the overdue step’s department follow it up (督办); the step is named in supervisionStep.',
      formId: 'supervision',
      candidateGroups: '=department + "-supervisors"',
      inputs: [
        ['department', '=supervisionDepartment'],
        ['step', '=supervisionStep'],
        ['deadline', '=supervisionDeadline'],
      ],
    })
    .end(`End_${base}_StepSupervised`, '已督办')
    .chain(`Boundary_${base}_SupervisionRequired`, `Task_${base}_SuperviseStep`, `End_${base}_StepSupervised`);
}
