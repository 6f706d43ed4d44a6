/**
 * 亮灯 for the apps, computed on the server against the ENGINE clock: each open case's deadlines with
 * colour, dueAt and remaining working time, from its `deadline_<name>` variables.
 */
import type { EngineApi } from '../../engine/api';
import type { BusinessCalendar } from '../../workers/calendar';
import { caseLightOf, type CaseLight } from '../../workers/lights';
import type { InstanceRecordIndex } from './instance-records';

/** What a case shows in lists: its title, id and lights. */
export interface CaseFacts {
  processInstanceKey: string;
  caseId: string | null;
  caseTitle: string | null;
  light: CaseLight;
  /** 期限暂定: a running deadline counts a year without holiday data (see `light.deadlines[].provisional`). */
  provisional: boolean;
  /** The earliest such year, or null. */
  provisionalYear: number | null;
  /** Why the lights could not be computed (e.g. a year the holiday data does not cover). */
  lightError?: string;
}

/** One open case on the 亮灯 board. */
export interface BoardRow extends CaseFacts {
  bpmnProcessId: string;
  startedAt: string;
}

/** The case facts of one process instance at `now` (engine-clock epoch milliseconds). */
export function caseFactsOf(engine: Pick<EngineApi, 'getVariables'>, processInstanceKey: string, calendar: BusinessCalendar, now: number): CaseFacts {
  const variables = engine.getVariables(processInstanceKey) ?? {};
  const text = (name: string) => (typeof variables[name] === 'string' ? (variables[name] as string) : null);
  const facts: CaseFacts = {
    processInstanceKey,
    caseId: text('caseId'),
    caseTitle: text('caseTitle'),
    light: { colour: null, deadlines: [], provisional: false, provisionalYear: null },
    provisional: false,
    provisionalYear: null,
  };
  try {
    facts.light = caseLightOf(variables, calendar, new Date(now));
    facts.provisional = facts.light.provisional;
    facts.provisionalYear = facts.light.provisionalYear;
  } catch (error) {
    facts.lightError = error instanceof Error ? error.message : String(error);
  }
  return facts;
}

/**
 * Every open top-level case with its lights, worst first (red, yellow, green, paused, none), then by the
 * earliest due instant.
 */
export function lightBoard(index: InstanceRecordIndex, engine: Pick<EngineApi, 'getVariables'>, calendar: BusinessCalendar, now: number): BoardRow[] {
  index.catchUp();
  const rank = { red: 0, yellow: 1, green: 2, paused: 3 } as const;
  const rows = index
    .instances()
    .filter((instance) => instance.state === 'ACTIVE' && !instance.parentProcessInstanceKey)
    .map((instance) => ({
      ...caseFactsOf(engine, instance.processInstanceKey, calendar, now),
      bpmnProcessId: instance.bpmnProcessId,
      startedAt: new Date(instance.startedAt).toISOString(),
    }));
  const earliestDue = (row: BoardRow) => Math.min(...row.light.deadlines.map((light) => Date.parse(light.dueAt)), Infinity);
  return rows.sort(
    (a, b) => (a.light.colour ? rank[a.light.colour] : 4) - (b.light.colour ? rank[b.light.colour] : 4) || earliestDue(a) - earliestDue(b),
  );
}
