/**
 * The electronic-supervision system (电子监察): where an overdue step is put on record when its light
 * turns red. The simulated implementation keeps records in memory and, when `ONEGO_SUPERVISION_FILE` is
 * set, appends each as one JSON line to that file, so an operator can read what was recorded.
 */
import { appendFile } from 'node:fs/promises';
import type { WorkerConfig } from '../define-worker';
import { formatInstant } from '../calendar';
import type { Deadline } from '../lights';
import { chooseImplementation, simulateCall, simulatedNumber, simulationSettings, type SimulationSettings } from './simulated-call';

/** What the red light reports. */
export interface OverdueReport {
  caseId: string;
  /** The responsible department's group id. */
  department: string;
  deadline: Deadline;
}

/** One supervision record as the system keeps it. */
export interface SupervisionRecord {
  recordId: string;
  kind: 'overdue';
  caseId: string;
  department: string;
  deadlineName: string;
  limitWorkingMinutes: number;
  consumedWorkingMinutes: number;
  startedAt: string;
  dueAt: string;
  recordedAt: string;
}

/** The e-supervision system as the workers see it. */
export interface ESupervisionSystem {
  /** Puts an overdue step on record; throws a RetryableFailure when the system is unavailable. */
  recordOverdue(report: OverdueReport): Promise<SupervisionRecord>;
}

/** Options for {@link SimulatedESupervision}. */
export interface SimulatedESupervisionOptions {
  settings: SimulationSettings;
  /** Appends each record as a JSON line here, if given. */
  file?: string;
  /** Where records are kept; shared between instances made by {@link resolveESupervision}. */
  records?: SupervisionRecord[];
  /** The recording time; the wall clock by default, as a real system would stamp it. */
  now?: () => Date;
}

/** A stand-in for the provincial e-supervision platform. */
export class SimulatedESupervision implements ESupervisionSystem {
  /** Every record accepted so far, oldest first. */
  readonly records: SupervisionRecord[];

  constructor(private readonly options: SimulatedESupervisionOptions) {
    this.records = options.records ?? [];
  }

  async recordOverdue(report: OverdueReport): Promise<SupervisionRecord> {
    await simulateCall(this.options.settings, 'The e-supervision system', 'the overdue record');
    const recordedAt = formatInstant((this.options.now ?? (() => new Date()))());
    const record: SupervisionRecord = {
      recordId: `DZJC-${recordedAt.slice(0, 10).replaceAll('-', '')}-${simulatedNumber(this.options.settings.random, 8)}`,
      kind: 'overdue',
      caseId: report.caseId,
      department: report.department,
      deadlineName: report.deadline.name,
      limitWorkingMinutes: report.deadline.limitWorkingMinutes,
      consumedWorkingMinutes: report.deadline.consumedWorkingMinutes,
      startedAt: report.deadline.startedAt,
      dueAt: report.deadline.dueAt,
      recordedAt,
    };
    if (this.options.file) await appendFile(this.options.file, JSON.stringify(record) + '\n', 'utf8');
    this.records.push(record);
    return record;
  }
}

const simulatedRecords: SupervisionRecord[] = [];

/** The records the simulated system kept in this process (for the audit view and tests). */
export function simulatedSupervisionRecords(): readonly SupervisionRecord[] {
  return simulatedRecords;
}

/** Picks the e-supervision implementation by `ONEGO_EXTERNAL_E_SUPERVISION` (default `simulated`). */
export function resolveESupervision(config: WorkerConfig): ESupervisionSystem {
  return chooseImplementation<ESupervisionSystem>(config, 'E_SUPERVISION', {
    simulated: () =>
      new SimulatedESupervision({
        settings: simulationSettings(config),
        file: config.env.ONEGO_SUPERVISION_FILE?.trim() || undefined,
        records: simulatedRecords,
      }),
  });
}
