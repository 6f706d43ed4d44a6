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
  /** The timed subprocess the lights hang on. */
  host: string;
  deadlineName: string;
  /** Responsible department's group id (its supervisors get the 督办 task), or a FEEL expression (`=level.group`). */
  department: string;
  /** The step's Chinese name, used in element names ("督办：<step>"). */
  step: string;
  /**
   * For a timed subprocess nested inside another scope: instead of opening the 督办 task in place (where
   * an open task would hold the enclosing scope and so the work), the red path throws the escalation
   * {@link SUPERVISION_ESCALATION}; {@link addSupervisionCatcher} on the outermost scope opens the task.
   */
  nested?: boolean;
}

/** Escalation code of a nested red light asking for 督办 at the top level of the process. */
export const SUPERVISION_ESCALATION = 'SUPERVISION_REQUIRED';

/**
 * Hangs the two non-interrupting timer boundaries on a timed subprocess: yellow at `warnAt` sends a
 * reminder to the department; red at `dueAt` sends an alert, writes an electronic-supervision record and
 * opens a 督办 task for the department's supervisors. The work inside the subprocess goes on.
 */
export function addLights(container: Container, options: LightOptions): void {
  const { host, deadlineName, department, step } = options;
  const deadline = `=deadline_${deadlineName}`;
  const base = host.replace(/^SubProcess_/, '');
  const departmentExpression = department.startsWith('=') ? department : `="${department}"`;
  const who = department.startsWith('=') ? `the department in ${department.slice(1)}` : department;
  container
    .timerBoundary(`Boundary_${base}_Yellow`, `${step}黄灯`, host, `${deadline}.warnAt`, {
      documentation: `Yellow light of the '${deadlineName}' deadline at its warnAt instant (non-interrupting).`,
    })
    .service(`Task_${base}_NotifyYellow`, `黄灯提醒：${step}`, 'light-notify', {
      documentation: `Reminds ${who} that the '${deadlineName}' deadline is close.`,
      inputs: [
        ['light', '="yellow"'],
        ['deadline', deadline],
        ['caseId', '=caseId'],
        ['caseTitle', '=caseTitle'],
        ['recipientGroup', departmentExpression],
      ],
    })
    .end(`End_${base}_Yellow`, '已提醒')
    .timerBoundary(`Boundary_${base}_Red`, `${step}红灯`, host, `${deadline}.dueAt`, {
      documentation: `Red light of the '${deadlineName}' deadline at its dueAt instant (non-interrupting).`,
    })
    .service(`Task_${base}_NotifyRed`, `红灯告警：${step}`, 'light-notify', {
      documentation: `Alerts ${who} that the '${deadlineName}' deadline has passed.`,
      inputs: [
        ['light', '="red"'],
        ['deadline', deadline],
        ['caseId', '=caseId'],
        ['caseTitle', '=caseTitle'],
        ['recipientGroup', departmentExpression],
      ],
    })
    .service(`Task_${base}_SupervisionRecord`, `电子监察记录：${step}`, 'supervision-record', {
      documentation: 'Writes the overdue case into the electronic-supervision (电子监察) system.',
      inputs: [
        ['deadline', deadline],
        ['caseId', '=caseId'],
        ['department', departmentExpression],
      ],
      // A nested light hands the step over to the top-level 督办 task through these variables.
      outputs: options.nested
        ? [
            ['supervisionStep', `="${step}"`],
            ['supervisionDepartment', departmentExpression],
            ['supervisionDeadline', deadline],
            ['supervisionRecordId', '=supervisionRecordId'],
          ]
        : [],
    });
  if (options.nested) {
    container
      .end(`End_${base}_Escalated`, '提请督办', { escalationCode: SUPERVISION_ESCALATION })
      .chain(`Boundary_${base}_Yellow`, `Task_${base}_NotifyYellow`, `End_${base}_Yellow`)
      .chain(`Boundary_${base}_Red`, `Task_${base}_NotifyRed`, `Task_${base}_SupervisionRecord`, `End_${base}_Escalated`);
    return;
  }
  container
    .user(`Task_${base}_Supervise`, `督办：${step}`, {
      documentation: `The supervisors of ${who} follow up the overdue step (督办).`,
      formId: 'supervision',
      candidateGroups: '=department + "-supervisors"',
      inputs: [
        ['department', departmentExpression],
        ['deadline', deadline],
      ],
    })
    .end(`End_${base}_Supervised`, '已督办')
    .chain(`Boundary_${base}_Yellow`, `Task_${base}_NotifyYellow`, `End_${base}_Yellow`)
    .chain(`Boundary_${base}_Red`, `Task_${base}_NotifyRed`, `Task_${base}_SupervisionRecord`, `Task_${base}_Supervise`, `End_${base}_Supervised`);
}

/**
 * Catches the supervision escalations of nested lights on a top-level scope (non-interrupting) and opens
 * the 督办 task for the overdue step's department there, so supervision never holds up the work.
 */
export function addSupervisionCatcher(container: Container, host: string): void {
  const base = host.replace(/^SubProcess_/, '');
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
