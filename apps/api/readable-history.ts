/**
 * A case's history as auditors read it, in Chinese: "2025-10-09 10:00 张三（市场监管局）完成「审查材料」：审查结论 = 通过".
 * Built from the history store's instance events, with step names from the deployed model (element
 * instances carry them), people's names and departments from the identity directory, the values a step
 * set (old → new, from the variable change table, with the form's labels where the step had a form),
 * deadline events (亮灯: started, paused for 补正, resumed, moved by 督办) and incidents. The raw
 * records stay available (`historyOf`) for experts.
 */
import type Database from 'better-sqlite3';
import type { IdentityDirectory } from '../../engine/identity';
import { addedNotes, CASE_NOTES_VARIABLE, noteLine } from './case-notes';
import { formLabelsOf, type FormLabels } from './form-labels';

/** One line of the readable history. */
export interface ReadableEntry {
  /** Log position of the event the line is about (links it to the raw records). */
  position: number;
  at: string;
  /** Who did it, as a person reads it ("张三（市场监管局）"), or null for the system. */
  who: string | null;
  /** What happened ("完成「审查材料」"). */
  what: string;
  /** Values the step set or changed ("审查结论 = 通过", "期限 = 5 → 8 个工作日"). */
  changes: string[];
  kind: 'case' | 'task' | 'decision' | 'variable' | 'deadline' | 'incident' | 'event' | 'note';
}

interface EventRow {
  position: number;
  at: number;
  actor: string | null;
  valueType: string;
  intent: string;
  recordKey: string | null;
  elementId: string | null;
  detail: string | null;
}

/** Variables a person does not read as a decision (bookkeeping the models and workers keep). */
const HIDDEN_VARIABLE = /^(caseId|caseTitle)$/;
/** Shanghai wall-clock minute, as auditors read dates. */
function shanghaiMinute(epochMs: number): string {
  return new Date(epochMs + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** "张三（市场监管局）" for a username; the username itself when the directory does not know it. */
export function personName(username: string | null, directory: Pick<IdentityDirectory, 'principal' | 'groupName'> | undefined): string | null {
  if (!username) return null;
  const principal = directory?.principal(username);
  if (!principal) return username;
  const department = principal.groups.find((group) => !/^(auditors|admins)$/.test(group) && !group.endsWith('-supervisors')) ?? principal.groups[0];
  return department ? `${principal.name ?? username}（${directory!.groupName(department)}）` : (principal.name ?? username);
}

function jsonOf(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A value as a person reads it: text without quotes, a deadline as its due date, objects compact. */
function shown(value: unknown, labels?: Record<string, string>): string {
  if (value === undefined || value === null) return '（空）';
  if (typeof value === 'string') return labels?.[value] ?? value;
  if (typeof value === 'boolean') return labels?.[String(value)] ?? (value ? '是' : '否');
  if (typeof value === 'number') return String(value);
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** The Chinese line for a change of a `deadline_<name>` variable (亮灯). */
function deadlineLine(name: string, before: unknown, after: unknown): string {
  const due = (value: unknown) => (value && typeof value === 'object' && typeof (value as { dueAt?: unknown }).dueAt === 'string' ? (value as { dueAt: string }).dueAt : null);
  const paused = (value: unknown) => Boolean(value && typeof value === 'object' && (value as { pausedAt?: unknown }).pausedAt);
  const days = (value: unknown) => {
    const minutes = value && typeof value === 'object' ? (value as { limitWorkingMinutes?: unknown }).limitWorkingMinutes : undefined;
    return typeof minutes === 'number' ? `${Math.round((minutes / 420) * 10) / 10} 个工作日` : '';
  };
  const dueText = (value: unknown) => (due(value) ? shanghaiMinute(Date.parse(due(value)!)) : '—');
  if (before === undefined) return `期限「${name}」开始计时（时限 ${days(after)}，${dueText(after)} 到期）`;
  if (!paused(before) && paused(after)) return `期限「${name}」暂停计时（补正）`;
  if (paused(before) && !paused(after)) return `期限「${name}」恢复计时，${dueText(after)} 到期`;
  if (due(before) !== due(after)) return `期限「${name}」到期时间调整：${dueText(before)} → ${dueText(after)}`;
  return `期限「${name}」更新`;
}

/**
 * The readable history of one process instance (its own events; called activities have their own).
 * `directory` names the people; without one (`--auth none`) usernames are shown.
 */
export function readableHistoryOf(db: Database.Database, processInstanceKey: string, directory?: Pick<IdentityDirectory, 'principal' | 'groupName'>): ReadableEntry[] {
  const events = db
    .prepare(
      `SELECT position, at, actor, value_type AS valueType, intent, CAST(record_key AS TEXT) AS recordKey, element_id AS elementId, detail
       FROM instance_event_log WHERE process_instance_key = ? AND record_type = 'EVENT' ORDER BY position`,
    )
    .all(processInstanceKey) as EventRow[];
  const stepNames = new Map(
    (db.prepare(`SELECT DISTINCT element_id AS id, element_name AS name FROM element_instances WHERE process_instance_key = ? AND element_name IS NOT NULL`).all(processInstanceKey) as { id: string; name: string }[]).map((row) => [row.id, row.name]),
  );
  const processName = (db.prepare('SELECT process_definition_name AS name, process_definition_id AS id FROM process_instances WHERE process_instance_key = ?').get(processInstanceKey) as { name: string | null; id: string } | undefined) ?? { name: null, id: '' };
  const changes = new Map(
    (db.prepare('SELECT position, variable_key AS variableKey, value, CAST(scope_key AS TEXT) AS scopeKey FROM variable_changes WHERE process_instance_key = ?').all(processInstanceKey) as { position: number; variableKey: number; value: string | null; scopeKey: string }[]).map((row) => [row.position, row]),
  );
  const tasks = new Map(
    (db.prepare('SELECT CAST(user_task_key AS TEXT) AS key, name, candidate_groups AS groups, CAST(form_key AS TEXT) AS formKey FROM user_tasks WHERE process_instance_key = ?').all(processInstanceKey) as { key: string; name: string | null; groups: string; formKey: string | null }[]).map((row) => [row.key, row]),
  );
  const lastValue = new Map<number, unknown>();
  const step = (elementId: string | null) => `「${(elementId && stepNames.get(elementId)) || elementId || '—'}」`;
  const entries: ReadableEntry[] = [];
  let lastCompletion = null as { entry: ReadableEntry; taskKey: string | null; at: number; actor: string | null; labels: FormLabels } | null;
  const push = (row: EventRow, what: string, kind: ReadableEntry['kind']): ReadableEntry => {
    const entry: ReadableEntry = { position: row.position, at: shanghaiMinute(row.at), who: personName(row.actor, directory), what, changes: [], kind };
    entries.push(entry);
    return entry;
  };
  for (const row of events) {
    const task = row.recordKey ? tasks.get(row.recordKey) : undefined;
    switch (`${row.valueType} ${row.intent}`) {
      case 'PROCESS_INSTANCE ELEMENT_ACTIVATED':
        if (row.detail === 'PROCESS') push(row, `案件开始：${processName.name ?? processName.id}`, 'case');
        break;
      case 'PROCESS_INSTANCE ELEMENT_COMPLETED':
        // Ending follows from the last step; the person who did that step is named on it, not here.
        if (row.detail === 'PROCESS') push({ ...row, actor: null }, '案件办结', 'case');
        else if (/EVENT$/.test(row.detail ?? '') && row.detail !== 'START_EVENT' && row.detail !== 'END_EVENT' && row.elementId && stepNames.has(row.elementId)) push(row, `触发${step(row.elementId)}`, 'event');
        break;
      case 'PROCESS_INSTANCE ELEMENT_TERMINATED':
        if (row.detail === 'PROCESS') push(row, '案件终止', 'case');
        break;
      case 'USER_TASK CREATED': {
        const groups = (jsonOf(task?.groups ?? '[]') as string[] | undefined) ?? [];
        const where = groups.length ? `（${groups.map((group) => directory?.groupName(group) ?? group).join('、')}）` : '';
        push(row, `转入${step(row.elementId)}${where}`, 'task');
        break;
      }
      case 'USER_TASK ASSIGNED': {
        const assignee = row.detail?.startsWith('assignee ') ? row.detail.slice('assignee '.length) : null;
        if (assignee && assignee !== row.actor) push(row, `将${step(row.elementId)}分派给 ${personName(assignee, directory)}`, 'task');
        else push(row, assignee ? `领取${step(row.elementId)}` : `释放${step(row.elementId)}`, 'task');
        break;
      }
      case 'USER_TASK UPDATED':
        push(row, `修改${step(row.elementId)}`, 'task');
        break;
      case 'USER_TASK COMPLETING':
      case 'USER_TASK COMPLETED': {
        // The completion's variables are written between COMPLETING and COMPLETED: one line for both.
        if (lastCompletion?.taskKey === row.recordKey) break;
        const entry = push(row, `完成${step(row.elementId)}`, 'decision');
        lastCompletion = { entry, taskKey: row.recordKey, at: row.at, actor: row.actor, labels: formLabelsOf(db, task?.formKey ?? null) };
        break;
      }
      case 'INCIDENT CREATED':
        push(row, `故障：${row.detail ?? ''}（${step(row.elementId)}）`, 'incident');
        break;
      case 'INCIDENT RESOLVED':
        push(row, `故障已解决（${step(row.elementId)}）`, 'incident');
        break;
      case 'VARIABLE CREATED':
      case 'VARIABLE UPDATED': {
        const change = changes.get(row.position);
        const name = row.detail ?? '';
        const before = change ? lastValue.get(change.variableKey) : undefined;
        const after = jsonOf(change?.value ?? null);
        if (change) lastValue.set(change.variableKey, after);
        if (HIDDEN_VARIABLE.test(name)) break;
        if (name === CASE_NOTES_VARIABLE) {
          // Case notes and 督办 reasons (the task list's, case-notes.ts): one line per note added.
          for (const note of addedNotes(before, after)) push(row, noteLine(note), 'note');
          break;
        }
        if (name.startsWith('deadline_')) {
          push(row, deadlineLine(name.slice('deadline_'.length), before, after), 'deadline');
          break;
        }
        // Values set with a completion (same instant, same person) belong to that decision — unless they are
        // a later step's own local values (input mappings such as stage or sentAt of the next service task,
        // set in the same instant): those are bookkeeping, behind the data-changes switch like any other.
        const sameInstant = lastCompletion && lastCompletion.at === row.at && lastCompletion.actor === row.actor ? lastCompletion : null;
        const local = change !== undefined && change.scopeKey !== processInstanceKey;
        const completion = sameInstant && !(local && !sameInstant.labels.fields[name]) ? sameInstant : null;
        const label = completion?.labels.fields[name];
        const text = `${label?.label ?? name} = ${row.intent === 'UPDATED' && before !== undefined ? `${shown(before, label?.values)} → ` : ''}${shown(after, label?.values)}`;
        if (completion) completion.entry.changes.push(text);
        else push(row, `设置 ${text}`, 'variable');
        break;
      }
      default:
        break;
    }
  }
  return entries;
}
