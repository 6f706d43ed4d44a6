/**
 * 亮灯 as data: the colour of a deadline at a given instant, and of a whole case (its worst deadline),
 * for the task list and the audit view. Pure: the caller passes "now" (the engine clock).
 */
// The calendar's modules directly, not its index: the apps' reader thread bundles this without the calendar folders.
import type { BusinessCalendar } from '../calendar/business-calendar';
import { parseInstant, type InstantInput } from '../calendar/shanghai-time';
import { deadlineSchema, type Deadline } from './deadline';

/** A light's colour; `paused` while the applicant has the case (补正) and the clock stands still. */
export type LightColour = 'green' | 'yellow' | 'red' | 'paused';

/** One deadline's light. */
export interface DeadlineLight {
  name: string;
  colour: LightColour;
  dueAt: string;
  warnAt: string;
  /** Office minutes left; negative once overdue; frozen while paused. */
  remainingWorkingMinutes: number;
  /** 期限暂定: the instants count a year without holiday data Monday–Friday. */
  provisional: boolean;
  /** That year, or null. */
  provisionalYear: number | null;
}

/** The light of one deadline at `now`. Red from `dueAt`, yellow from `warnAt`, as the model's timers fire. */
export function lightOf(deadline: Deadline, calendar: BusinessCalendar, now: InstantInput): DeadlineLight {
  const at = parseInstant(now);
  const base = {
    name: deadline.name,
    dueAt: deadline.dueAt,
    warnAt: deadline.warnAt,
    provisional: deadline.provisional === true,
    provisionalYear: deadline.provisional === true ? (deadline.provisionalYear ?? null) : null,
  };
  const remainingBefore = deadline.limitWorkingMinutes - deadline.consumedWorkingMinutes;
  if (deadline.pausedAt !== null) {
    return { ...base, colour: 'paused', remainingWorkingMinutes: round(remainingBefore) };
  }
  const sinceStart = Math.max(0, calendar.workingMinutesBetween(deadline.startedAt, at));
  const remainingWorkingMinutes = round(remainingBefore - sinceStart);
  const colour: LightColour =
    at.getTime() >= parseInstant(deadline.dueAt).getTime() ? 'red' : at.getTime() >= parseInstant(deadline.warnAt).getTime() ? 'yellow' : 'green';
  return { ...base, colour, remainingWorkingMinutes };
}

function round(minutes: number): number {
  return Math.round(minutes * 100) / 100;
}

const severity: Record<LightColour, number> = { paused: 0, green: 1, yellow: 2, red: 3 };

/**
 * The worst of several colours: red over yellow over green over paused (a case with one paused and one
 * running deadline shows the running one). `null` when there is nothing to roll up.
 */
export function worstColour(colours: Iterable<LightColour>): LightColour | null {
  let worst: LightColour | null = null;
  for (const colour of colours) if (worst === null || severity[colour] > severity[worst]) worst = colour;
  return worst;
}

/** A case's lights: every `deadline_*` variable's light and the worst colour among them. */
export interface CaseLight {
  colour: LightColour | null;
  deadlines: DeadlineLight[];
  /** Whether any running deadline of the case is provisional (期限暂定). */
  provisional: boolean;
  /** The earliest year without holiday data among them, or null. */
  provisionalYear: number | null;
}

/**
 * Reads every variable named `deadline_<name>` holding a valid deadline object and rolls them up.
 * A `deadline_*` variable of another shape is not a deadline of this contract and is left out.
 */
export function caseLightOf(variables: Record<string, unknown>, calendar: BusinessCalendar, now: InstantInput): CaseLight {
  const deadlines: DeadlineLight[] = [];
  for (const [name, value] of Object.entries(variables).sort(([a], [b]) => a.localeCompare(b))) {
    if (!name.startsWith('deadline_') || !deadlineSchema.isValidSync(value, { strict: true })) continue;
    deadlines.push(lightOf(deadlineSchema.cast(value) as Deadline, calendar, now));
  }
  const years = deadlines.filter((light) => light.provisional && light.colour !== 'paused').map((light) => light.provisionalYear ?? Infinity);
  const provisionalYear = years.length > 0 ? Math.min(...years) : null;
  return {
    colour: worstColour(deadlines.map((light) => light.colour)),
    deadlines,
    provisional: years.length > 0,
    provisionalYear: provisionalYear === Infinity ? null : provisionalYear,
  };
}
