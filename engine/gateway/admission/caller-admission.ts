/**
 * Per-caller fairness at the gateways' front doors (issue 13): Zeebe's backpressure limits the requests in
 * flight per partition and refuses the rest with RESOURCE_EXHAUSTED; one flooding caller would then take the
 * whole limit from everybody else. Here the limit is per caller: a caller's requests beyond its share wait (they
 * cost nothing until admitted: their bodies stay unread), waiting ones are admitted round robin across callers
 * when the engine-wide limit binds, and a caller whose waiting line is full is refused at once.
 */

/** The limits, each with the environment variable that sets it. */
export interface AdmissionLimits {
  /** Requests one caller may have in flight (`ONEGO_MAX_IN_FLIGHT_PER_CALLER`, default 16). */
  inFlightPerCaller: number;
  /** Requests of one caller that may wait for a slot; more are refused (`ONEGO_MAX_WAITING_PER_CALLER`, default 256). */
  waitingPerCaller: number;
  /** Requests in flight over all callers (`ONEGO_MAX_IN_FLIGHT`, default 512); beyond it callers take turns. */
  inFlight: number;
}

/** The defaults: a browser page fires a handful of requests at once, an SDK client a few dozen (job completions are exempt). */
export const DEFAULT_ADMISSION_LIMITS: Readonly<AdmissionLimits> = { inFlightPerCaller: 16, waitingPerCaller: 256, inFlight: 512 };

/** Limits from the environment (a missing or unreadable value keeps the default; 0 turns a limit off). */
export function admissionLimitsFromEnvironment(env: NodeJS.ProcessEnv = process.env): AdmissionLimits {
  const read = (name: string, fallback: number): number => {
    const text = env[name];
    if (text === undefined || text.trim() === '') return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(`${name} 须为非负整数 / Expected ${name} to be a whole number of requests (0 = no limit), but it is '${text}'`);
    }
    return value === 0 ? Number.POSITIVE_INFINITY : value;
  };
  return {
    inFlightPerCaller: read('ONEGO_MAX_IN_FLIGHT_PER_CALLER', DEFAULT_ADMISSION_LIMITS.inFlightPerCaller),
    waitingPerCaller: read('ONEGO_MAX_WAITING_PER_CALLER', DEFAULT_ADMISSION_LIMITS.waitingPerCaller),
    inFlight: read('ONEGO_MAX_IN_FLIGHT', DEFAULT_ADMISSION_LIMITS.inFlight),
  };
}

/** Gives the slot back; calling it again does nothing. */
export type Release = () => void;

/** What {@link CallerAdmission.enter} did with a request. */
export type Entry =
  | { readonly outcome: 'admitted' }
  | { readonly outcome: 'waiting'; /** The request went away while waiting: forget it. */ cancel(): void }
  | { readonly outcome: 'refused'; readonly retryAfterSeconds: number };

interface Waiter {
  start: (release: Release) => void;
  cancelled: boolean;
}

interface Lane {
  inFlight: number;
  waiting: Waiter[];
}

/** In-flight counting and round-robin admission per caller (a user, or an address for anonymous callers). */
export class CallerAdmission {
  private readonly lanes = new Map<string, Lane>();
  /** Callers with waiting requests, in turn order: the first is served next, then moves to the back. */
  private readonly turns = new Set<string>();
  private total = 0;
  /** Requests refused since start (metrics, tests). */
  refused = 0;

  constructor(readonly limits: AdmissionLimits = admissionLimitsFromEnvironment()) {}

  /**
   * Admit a request of `caller` now (`start` runs before this returns), queue it (`start` runs once a slot is
   * free), or refuse it because its waiting line is full. `start` receives the release to call when the answer
   * is sent or the request is gone.
   */
  enter(caller: string, start: (release: Release) => void): Entry {
    let lane = this.lanes.get(caller);
    if (!lane) this.lanes.set(caller, (lane = { inFlight: 0, waiting: [] }));
    if (lane.waiting.length === 0 && lane.inFlight < this.limits.inFlightPerCaller && this.total < this.limits.inFlight) {
      this.begin(caller, lane, start);
      return { outcome: 'admitted' };
    }
    if (lane.waiting.length >= this.limits.waitingPerCaller) {
      this.refused++;
      if (lane.inFlight === 0 && lane.waiting.length === 0) this.lanes.delete(caller);
      return { outcome: 'refused', retryAfterSeconds: 1 };
    }
    const waiter: Waiter = { start, cancelled: false };
    lane.waiting.push(waiter);
    this.turns.add(caller);
    return {
      outcome: 'waiting',
      cancel: () => {
        if (waiter.cancelled) return;
        waiter.cancelled = true;
        const current = this.lanes.get(caller);
        if (!current) return;
        const index = current.waiting.indexOf(waiter);
        if (index >= 0) current.waiting.splice(index, 1);
        if (current.waiting.length === 0) this.turns.delete(caller);
        this.forgetIfIdle(caller, current);
      },
    };
  }

  /** Requests of `caller` in flight and waiting now. */
  load(caller: string): { inFlight: number; waiting: number } {
    const lane = this.lanes.get(caller);
    return { inFlight: lane?.inFlight ?? 0, waiting: lane?.waiting.length ?? 0 };
  }

  private begin(caller: string, lane: Lane, start: (release: Release) => void): void {
    lane.inFlight++;
    this.total++;
    let released = false;
    start(() => {
      if (released) return;
      released = true;
      lane.inFlight--;
      this.total--;
      this.admitWaiting();
      this.forgetIfIdle(caller, lane);
    });
  }

  /** Hand free slots to waiting requests, one per caller per turn, callers in round-robin order. */
  private admitWaiting(): void {
    let admittedInPass = true;
    while (admittedInPass && this.total < this.limits.inFlight && this.turns.size > 0) {
      admittedInPass = false;
      for (const caller of [...this.turns]) {
        if (this.total >= this.limits.inFlight) return;
        const lane = this.lanes.get(caller);
        if (!lane || lane.waiting.length === 0) {
          this.turns.delete(caller);
          continue;
        }
        if (lane.inFlight >= this.limits.inFlightPerCaller) continue;
        const waiter = lane.waiting.shift()!;
        // Served: to the back of the line of callers (or out of it when nothing of it waits any more).
        this.turns.delete(caller);
        if (lane.waiting.length > 0) this.turns.add(caller);
        admittedInPass = true;
        this.begin(caller, lane, waiter.start);
      }
    }
  }

  private forgetIfIdle(caller: string, lane: Lane): void {
    if (lane.inFlight === 0 && lane.waiting.length === 0 && this.lanes.get(caller) === lane) this.lanes.delete(caller);
  }
}
