/**
 * The task list's calls about a case and about 督办: OneGo's `/v2/apps/tasklist` extension (case header and
 * history, notes, reassignment choices, the department dashboard) and Camunda's endpoints for the actions
 * themselves (reassign with `POST /v2/user-tasks/{key}/assignment`, due dates with `PATCH
 * /v2/user-tasks/{key}`, accepting a case with the start form and `POST /v2/process-instances`, 补正 with
 * `POST /v2/messages/correlation`).
 */
import { api, ApiError } from '../shared/api';
import type { CaseLight } from '../shared/lights';
import type { SearchResult } from '../shared/ui/use-search-page';

/** A line of the case so far. */
export interface HistoryLine {
  position: number;
  at: string;
  who: string | null;
  what: string;
  /** The line in English (names, steps and values as the case has them). */
  whatEn?: string;
  changes: string[];
  /** The values with their English names. */
  changesEn?: string[];
  kind: string;
}

/** A case note (备注) or a due-date reason. */
export interface CaseNote {
  at: string;
  by: string;
  text: string;
  kind: 'note' | 'due-date';
  userTaskKey?: string;
  step?: string;
  dueDate?: string;
}

/** What `GET /v2/apps/tasklist/cases/{key}` answers. */
export interface CaseOverview {
  case: {
    processInstanceKey: string;
    state: string;
    processName: string;
    bpmnProcessId: string;
    caseId: string | null;
    caseTitle: string | null;
    applicant: string | null;
    acceptedAt: string;
    endedAt: string | null;
    light: CaseLight | null;
    lightError?: string;
  };
  /** Where the case is now: its open steps with their departments (by name) and who holds each (null: unclaimed). */
  currentSteps?: CurrentStep[];
  /** The case waits for the applicant's 补正 materials. */
  waitsForCorrection?: boolean;
  notes: CaseNote[];
  history: HistoryLine[];
}

/** An open step of a case. */
export interface CurrentStep {
  userTaskKey: string;
  name: string | null;
  departments: string[];
  assignee: string | null;
  assigneeName: string | null;
}

/** The case header and history of a process instance. */
export function caseOverview(processInstanceKey: string): Promise<CaseOverview> {
  return api<CaseOverview>('GET', `/apps/tasklist/cases/${processInstanceKey}`, undefined, '加载案件');
}

/** Add a note to a case. */
export function addNote(processInstanceKey: string, text: string, userTaskKey?: string): Promise<unknown> {
  return api('POST', `/apps/tasklist/cases/${processInstanceKey}/notes`, { text, kind: 'note', userTaskKey }, '添加备注');
}

/** Someone a task may be reassigned to. */
export interface Assignee {
  username: string;
  name: string;
  departments: string[];
  supervisor: boolean;
}

/** The department's people a supervisor may give the task to. */
export async function assigneesOf(userTaskKey: string): Promise<Assignee[]> {
  return (await api<{ items: Assignee[] }>('GET', `/apps/tasklist/user-tasks/${userTaskKey}/assignees`, undefined, '查询本部门人员')).items;
}

/** 转派: give the task to `assignee` (Camunda's assignment, overriding the current holder). */
export function reassign(userTaskKey: string, assignee: string): Promise<void> {
  return api('POST', `/user-tasks/${userTaskKey}/assignment`, { assignee, allowOverride: true, action: 'reassign' }, '转派任务');
}

/**
 * Change the step's due date (Camunda's update with the custom action `changeDueDate`), then record the
 * reason in the case, where the history shows it.
 */
export async function changeDueDate(processInstanceKey: string, userTaskKey: string, dueDate: string, reason: string): Promise<void> {
  await api('PATCH', `/user-tasks/${userTaskKey}`, { changeset: { dueDate }, action: 'changeDueDate' }, '调整到期时间');
  try {
    await api('POST', `/apps/tasklist/cases/${processInstanceKey}/notes`, { text: reason, kind: 'due-date', userTaskKey }, '记录调整理由');
  } catch (error) {
    // The date moved but its reason is not recorded yet: say exactly that, so the supervisor retries (the same
    // date again is harmless) rather than thinking nothing happened.
    const detail = error instanceof ApiError ? error.detail : String(error);
    throw new ApiError(error instanceof ApiError ? error.status : 0, '到期时间已调整，但理由未能记入办理经过，请再次确认调整以补记理由', detail);
  }
}

/** A process the window can accept cases for (latest version). */
export interface StartableProcess {
  processDefinitionKey: string;
  processDefinitionId: string;
  name?: string | null;
  version: number;
  /** Camunda's flag: the start event links a form (the window can accept the case in person). */
  hasStartForm?: boolean;
}

/** Latest versions of every deployed process. */
export async function latestProcesses(): Promise<StartableProcess[]> {
  const result = await api<SearchResult<StartableProcess>>('POST', '/process-definitions/search', { filter: { isLatestVersion: true }, sort: [{ field: 'name' }], page: { limit: 200 } }, '查询事项');
  return result.items.filter((item) => item.hasStartForm !== false);
}

/** The start form of a process definition, or undefined when it has none. */
export async function startFormOf(processDefinitionKey: string): Promise<unknown> {
  const form = await api<{ schema: unknown } | undefined>('GET', `/process-definitions/${processDefinitionKey}/form`, undefined, '加载受理表单');
  if (!form) return undefined;
  return typeof form.schema === 'string' ? (JSON.parse(form.schema) as unknown) : form.schema;
}

/** Open a case: a process instance with the start form's values. */
export function startCase(processDefinitionKey: string, variables: Record<string, unknown>): Promise<{ processInstanceKey: string }> {
  return api<{ processInstanceKey: string }>('POST', '/process-instances', { processDefinitionKey, variables }, '受理案件');
}

/** The message every model waits for while the applicant corrects materials (correlation key: the case number). */
export const CORRECTION_MESSAGE = 'correction-submitted';

/** Tell the waiting case that the applicant handed in the 补正 materials. */
export function recordCorrection(caseId: string, receivedBy: string, receivedAt: string, remark: string): Promise<{ processInstanceKey: string }> {
  return api<{ processInstanceKey: string }>(
    'POST',
    '/messages/correlation',
    { name: CORRECTION_MESSAGE, correlationKey: caseId, variables: { correctionReceivedAt: receivedAt, correctionReceivedBy: receivedBy, ...(remark ? { correctionRemark: remark } : {}) } },
    '登记补正材料',
  );
}
