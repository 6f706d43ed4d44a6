// The trigger commands behind the engine clock's due dates: a timer fires, a job times out or ends its
// retry back-off, a buffered message expires — each only if state still says so when the date comes.
import { DueDateScheduler, type DueEntry, type EngineClock } from './clock';
import type { CommandDraft } from './client-commands';
import type { RecordDraft } from './protocol';
import { ValueType } from './protocol';
import type { EngineState } from './state';

/** The trigger command a due entry stands for, if it still holds in state at `now` (`Infinity`: at all). */
export function dueCommand(state: EngineState, entry: DueEntry, now: number): CommandDraft | undefined {
  let draft: CommandDraft | undefined;
  switch (entry.kind) {
    case 'timer': {
      const timer = state.timers.get(entry.key);
      if (timer && timer.value.dueDate <= now) draft = { key: entry.key, valueType: ValueType.TIMER, intent: 'TRIGGER', value: { ...timer.value } };
      break;
    }
    case 'job-deadline': {
      const job = state.jobs.get(entry.key);
      if (job && job.state === 'ACTIVATED' && job.value.deadline <= now) draft = { key: entry.key, valueType: ValueType.JOB, intent: 'TIME_OUT', value: {} };
      break;
    }
    case 'job-backoff': {
      const job = state.jobs.get(entry.key);
      if (job && job.state === 'FAILED' && job.value.retries > 0 && Number(job.value.recurringTime) <= now) {
        draft = { key: entry.key, valueType: ValueType.JOB, intent: 'RECUR_AFTER_BACKOFF', value: {} };
      }
      break;
    }
    case 'message-ttl': {
      const message = state.messages.get(entry.key);
      if (message && message.value.deadline <= now) draft = { key: entry.key, valueType: ValueType.MESSAGE, intent: 'EXPIRE', value: {} };
      break;
    }
  }
  return draft;
}

/**
 * The engine's due-date scheduler and what it fires: when a due date passes and still holds in state, its
 * trigger command is submitted, once while it is in flight.
 */
export class DueDateTriggers {
  /** The scheduler on the engine clock; the engine starts, stops and nudges it. */
  readonly scheduler: DueDateScheduler;
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly state: EngineState,
    private readonly clock: EngineClock,
    /** Submit a trigger command; `done` runs once it is processed or refused. */
    private readonly submit: (command: RecordDraft, done: () => void) => void,
    private readonly isClosed: () => boolean,
  ) {
    // A timer holds while it exists: asking `has` leaves a timer restored from a snapshot undecoded (see CaptureMap).
    const stillHolds = (entry: DueEntry) => (entry.kind === 'timer' ? state.timers.has(entry.key) : dueCommand(state, entry, Infinity) !== undefined);
    this.scheduler = new DueDateScheduler(clock, (entry) => this.fire(entry), stillHolds);
  }

  /** A due date passed: if it still holds in state, write the trigger command (once). */
  private fire(entry: DueEntry): void {
    const id = `${entry.kind}:${entry.key}`;
    if (this.inFlight.has(id)) return;
    const draft = dueCommand(this.state, entry, this.clock.now());
    if (!draft || this.isClosed()) return;
    this.inFlight.add(id);
    const done = () => this.inFlight.delete(id);
    this.submit({ ...draft, recordType: 'COMMAND' }, done);
  }
}
