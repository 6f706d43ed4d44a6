/**
 * 亮灯 for the apps, computed on the server against the ENGINE clock: each open case's deadlines with
 * colour, dueAt and remaining working time, from its `deadline_<name>` variables.
 */
import type Database from 'better-sqlite3';
import type { EngineApi } from '../../engine/api';
import type { BusinessCalendar } from '../../workers/calendar';
import { caseLightOf, type CaseLight } from '../../workers/lights';

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
  /** The case's place (`jurisdiction`, a GB/T 2260 code) where the application named one. */
  jurisdiction?: string;
}

/** One open case on the 亮灯 board. */
export interface BoardRow extends CaseFacts {
  bpmnProcessId: string;
  /** 受理时间 (named as in the instance list): {@link caseAcceptedAt}. */
  startedAt: string;
}

/**
 * 受理时间: when the window accepted the case — the models' `acceptedAt`, else the `receivedAt` the registration
 * step recorded (a case taken over from a previous system carries the day it was really accepted there), else
 * when OneGo started its instance. The task page and the 亮灯 board both read it so.
 */
export function caseAcceptedAt(variables: Record<string, unknown>, instanceStartDate: number): string {
  for (const name of ['acceptedAt', 'receivedAt']) {
    const value = variables[name];
    if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return value;
  }
  return new Date(instanceStartDate).toISOString();
}

/** The case facts of one process instance at `now` (engine-clock epoch milliseconds), from its live variables. */
export function caseFactsOf(engine: Pick<EngineApi, 'getVariables'>, processInstanceKey: string, calendar: BusinessCalendar, now: number): CaseFacts {
  return caseFactsFromVariables(processInstanceKey, engine.getVariables(processInstanceKey) ?? {}, calendar, now);
}

/** The case facts of one process instance at `now` from its variables (live, or as history holds them). */
export function caseFactsFromVariables(processInstanceKey: string, variables: Record<string, unknown>, calendar: BusinessCalendar, now: number): CaseFacts {
  const text = (name: string) => (typeof variables[name] === 'string' ? (variables[name] as string) : null);
  const facts: CaseFacts = {
    processInstanceKey,
    caseId: text('caseId'),
    caseTitle: text('caseTitle'),
    light: { colour: null, deadlines: [], provisional: false, provisionalYear: null },
    provisional: false,
    provisionalYear: null,
    // The case's own place, which can differ from the department's (全域通办: applied at another city's window).
    ...(text('jurisdiction') ? { jurisdiction: text('jurisdiction')! } : {}),
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
 * What the lights read of each case — its process-level `deadline_*`, `caseId`, `caseTitle` and `jurisdiction`, and its
 * acceptance time (`acceptedAt`, `receivedAt`, see {@link caseAcceptedAt}) — as the history
 * store holds them now, for many cases in one indexed query per 500 keys. Off the engine thread this stands in
 * for the live variables: history is first brought up to what was committed when the request arrived.
 */
export function caseVariablesOf(history: Database.Database, keys: readonly string[]): Map<string, Record<string, unknown>> {
  const byKey = new Map<string, Record<string, unknown>>(keys.map((key) => [key, {}]));
  for (let start = 0; start < keys.length; start += 500) {
    const some = keys.slice(start, start + 500);
    const rows = history
      .prepare(
        `SELECT CAST(scope_key AS TEXT) AS key, name, value FROM variables
         WHERE scope_key IN (${some.map(() => '?').join(',')}) AND (name GLOB 'deadline_*' OR name IN ('caseId', 'caseTitle', 'jurisdiction', 'acceptedAt', 'receivedAt'))`,
      )
      .all(...some) as { key: string; name: string; value: string }[];
    for (const row of rows) {
      try {
        byKey.get(row.key)![row.name] = JSON.parse(row.value);
      } catch {
        // not JSON: not a value the lights or the case's name can use
      }
    }
  }
  return byKey;
}

/**
 * Every open top-level case with its lights, worst first (red, yellow, green, paused, none), then by the
 * earliest due instant. Which cases are open comes from history (indexed by state); their deadlines from
 * the live variables, since the lights move with the engine clock.
 */
export function lightBoard(history: Database.Database, engine: Pick<EngineApi, 'getVariables'>, calendar: BusinessCalendar, now: number): BoardRow[] {
  const open = history
    .prepare(
      `SELECT CAST(process_instance_key AS TEXT) AS processInstanceKey, process_definition_id AS bpmnProcessId, start_date AS startedAt
       FROM process_instances WHERE state = 'ACTIVE' AND parent_process_instance_key IS NULL`,
    )
    .all() as { processInstanceKey: string; bpmnProcessId: string; startedAt: number }[];
  const rank = { red: 0, yellow: 1, green: 2, paused: 3 } as const;
  const rows = open
    // An instance history still calls open may have just ended: the live state says so.
    .filter((instance) => engine.getVariables(instance.processInstanceKey) !== undefined)
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
