/** What the audit app reads: OneGo's `/v2/apps/audit/*` extension (instances, one instance, the 亮灯 board). */
import type { CaseLight } from '../shared/lights';

/** A process instance as `/v2/apps/audit/process-instances` lists it. */
export interface InstanceRow {
  processInstanceKey: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  version: number;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  startedAt: string;
  endedAt: string | null;
  parentProcessInstanceKey?: string;
  caseId: string | null;
  caseTitle: string | null;
  /** The places (full names) whose departments had its tasks (list rows only). */
  places?: string[];
  /** The case's own place (its `jurisdiction` code), where the application named one (list rows only). */
  jurisdiction?: string | null;
}

/** Chinese and English names of instance states. */
export const STATE_LABELS: Record<InstanceRow['state'], [string, string]> = { ACTIVE: ['办理中', 'Active'], COMPLETED: ['已办结', 'Completed'], TERMINATED: ['已终止', 'Terminated'] };

/** One instance with its case, element states and history. */
export interface InstanceDetail {
  instance: Omit<InstanceRow, 'caseId' | 'caseTitle'>;
  case: { caseId: string | null; caseTitle: string | null; light: CaseLight; lightError?: string };
  elements: { active: string[]; completed: string[]; terminated: string[]; takenFlows: string[] };
  history: HistoryEntry[];
  /** 按时办结 / 超期办结 of a finished case, null while it runs or without a deadline. */
  result: { result: 'onTime' | 'overdue'; deadline: string; dueAt: string; endedAt: string } | null;
  /** The same history in Chinese lines (see `apps/api/readable-history.ts`). */
  readableHistory: ReadableEntry[];
  /** Chinese and English names of the case's variables and their members (see `apps/api/variable-labels.ts`). */
  variableLabels?: Record<string, [string | null, string | null]>;
  /** Option values' labels by variable or member path, Chinese and English (see `apps/api/variable-labels.ts`). */
  variableOptions?: Record<string, Record<string, [string, string | null]>>;
}

/** One line of the readable history. */
export interface ReadableEntry {
  position: number;
  /** Beijing time, minute precision ("2025-10-09 10:00"). */
  at: string;
  who: string | null;
  what: string;
  /** The line in English (names, steps and values as the case has them). */
  whatEn?: string;
  changes: string[];
  /** The values with their English names. */
  changesEn?: string[];
  kind: 'case' | 'task' | 'decision' | 'variable' | 'deadline' | 'incident' | 'event';
}

/** One history line. */
export interface HistoryEntry {
  position: number;
  at: string;
  actor: string | null;
  recordType: string;
  valueType: string;
  intent: string;
  key: string;
  elementId: string | null;
  detail: string | null;
  rejection: string | null;
}

/** A row of the 亮灯 board. */
export interface BoardRow {
  processInstanceKey: string;
  bpmnProcessId: string;
  caseId: string | null;
  caseTitle: string | null;
  startedAt: string;
  light: CaseLight;
  provisional?: boolean;
  provisionalYear?: number | null;
  lightError?: string;
  processName: string | null;
  /** The steps active now. */
  currentSteps: string[];
  /** Departments of its open tasks. */
  departments: { id: string; name: string }[];
  /** Who holds its open tasks (names); empty while unclaimed. */
  handlers: string[];
  /** The case's own place (its `jurisdiction` code), where the application named one. */
  jurisdiction?: string;
  /** Office minutes past the worst deadline, 0 when not overdue. */
  overdueWorkingMinutes: number;
}

/** `GET /v2/apps/audit/lights`: one page of the board and the counts by colour. */
export interface BoardPage {
  now: string;
  counts: { red: number; yellow: number; green: number; paused: number; none: number; all: number };
  items: BoardRow[];
  page: { from: number; limit: number; totalItems: number };
}
