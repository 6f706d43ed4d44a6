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
import { addedNotes, CASE_NOTES_VARIABLE, noteLine, type CaseNote } from './case-notes';
import { incidentTypeText } from '../public/shared/incident-types';
import { formLabelsOf, type FormLabels } from './form-labels';
import { beijingMinute, deadlineNames, labelOf, processFormLabels, shownValue } from './readable-values';
import { englishLabelOf } from './english-labels';
import { stepNameIn } from '../public/shared/step-names-en';

/** One line of the readable history. */
export interface ReadableEntry {
  /** Log position of the event the line is about (links it to the raw records). */
  position: number;
  at: string;
  /** Who did it, as a person reads it ("张三（市场监管局）"), or null for the system. */
  who: string | null;
  /** What happened ("完成「审查材料」"). */
  what: string;
  /** The same in English for the apps' English switch: the demo models' steps in English (step-names-en.ts), people's and departments' names as the case has them. */
  whatEn: string;
  /** Values the step set or changed ("审查结论 = 通过", "期限 = 5 → 8 个工作日"). */
  changes: string[];
  /** The same values with their English names ("Review decision = 通过"); values stay as recorded. */
  changesEn: string[];
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
const shanghaiMinute = beijingMinute;

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

/** The Chinese and English lines for a change of a `deadline_<name>` variable (亮灯). */
function deadlineLine(id: string, before: unknown, after: unknown): [string, string] {
  const [name, nameEn] = deadlineNames(id);
  const due = (value: unknown) => (value && typeof value === 'object' && typeof (value as { dueAt?: unknown }).dueAt === 'string' ? (value as { dueAt: string }).dueAt : null);
  const paused = (value: unknown) => Boolean(value && typeof value === 'object' && (value as { pausedAt?: unknown }).pausedAt);
  const days = (value: unknown) => {
    const minutes = value && typeof value === 'object' ? (value as { limitWorkingMinutes?: unknown }).limitWorkingMinutes : undefined;
    return typeof minutes === 'number' ? Math.round((minutes / 420) * 10) / 10 : null;
  };
  const dueText = (value: unknown) => (due(value) ? shanghaiMinute(Date.parse(due(value)!)) : '—');
  if (before === undefined) return [`「${name}」开始计时（${days(after) ?? '—'} 个工作日，${dueText(after)} 到期）`, `The ${nameEn} started (${days(after) ?? '—'} working days, due ${dueText(after)})`];
  if (!paused(before) && paused(after)) return [`「${name}」暂停计时（补正）`, `The ${nameEn} paused (补正, waiting for the applicant)`];
  if (paused(before) && !paused(after)) return [`「${name}」恢复计时，${dueText(after)} 到期`, `The ${nameEn} runs again, due ${dueText(after)}`];
  if (due(before) !== due(after)) return [`「${name}」到期时间调整：${dueText(before)} → ${dueText(after)}`, `The ${nameEn} moved: ${dueText(before)} → ${dueText(after)}`];
  return [`「${name}」更新`, `The ${nameEn} was updated`];
}

/** The English line of a note (case-notes.ts writes the Chinese one). */
function noteLineEn(note: CaseNote): string {
  if (note.kind === 'due-date') return `Moved the due date${note.step ? ` of 「${note.step}」` : ''} to ${note.dueDate ? shanghaiMinute(Date.parse(note.dueDate)) : '—'}, reason: ${note.text}`;
  return `Note: ${note.text}`;
}

/** Actors that are programs, not people: their lines name the step, not who ran it. */
const PROGRAM_ACTORS = new Set(['onego-worker', 'demo']);

/**
 * The readable history of one process instance (its own events; called activities have their own).
 * `directory` names the people; without one (`--auth none`) usernames are shown.
 */
export function readableHistoryOf(
  db: Database.Database,
  processInstanceKey: string,
  directory?: Pick<IdentityDirectory, 'principal' | 'groupName'>,
  processLabels: FormLabels = processFormLabels(db, processInstanceKey),
): ReadableEntry[] {
  const events = db
    .prepare(
      `SELECT position, at, actor, value_type AS valueType, intent, CAST(record_key AS TEXT) AS recordKey, element_id AS elementId, detail
       FROM instance_event_log WHERE process_instance_key = ? AND record_type = 'EVENT' ORDER BY position`,
    )
    .all(processInstanceKey) as EventRow[];
  const incidentType = db.prepare('SELECT error_type AS errorType FROM incidents WHERE incident_key = ?');
  const stepNames = new Map(
    (db.prepare(`SELECT DISTINCT element_id AS id, element_name AS name FROM element_instances WHERE process_instance_key = ? AND element_name IS NOT NULL`).all(processInstanceKey) as { id: string; name: string }[]).map((row) => [row.id, row.name]),
  );
  const processName = (db.prepare('SELECT process_definition_name AS name, process_definition_id AS id FROM process_instances WHERE process_instance_key = ?').get(processInstanceKey) as { name: string | null; id: string } | undefined) ?? { name: null, id: '' };
  const changes = new Map(
    (db.prepare('SELECT position, variable_key AS variableKey, value, CAST(scope_key AS TEXT) AS scopeKey FROM variable_change_log WHERE process_instance_key = ?').all(processInstanceKey) as { position: number; variableKey: number; value: string | null; scopeKey: string }[]).map((row) => [row.position, row]),
  );
  const tasks = new Map(
    (db.prepare('SELECT CAST(user_task_key AS TEXT) AS key, name, candidate_groups AS groups, CAST(form_key AS TEXT) AS formKey FROM user_tasks WHERE process_instance_key = ?').all(processInstanceKey) as { key: string; name: string | null; groups: string; formKey: string | null }[]).map((row) => [row.key, row]),
  );
  const lastValue = new Map<number, unknown>();
  const stepName = (elementId: string | null) => (elementId && stepNames.get(elementId)) || elementId || '—';
  const step = (elementId: string | null) => `「${stepName(elementId)}」`;
  // English lines name the demo models' steps in English where step-names-en.ts knows them.
  const stepEn = (elementId: string | null) => `「${stepNameIn('en', stepName(elementId))}」`;
  const entries: ReadableEntry[] = [];
  // The line that values set in the same instant by the same actor belong to: a person's completed form, a
  // worker's completed job, or (before the case starts) the application the case is opened with.
  let owner = null as { entry: ReadableEntry; key: string | null; at: number; actor: string | null; labels: FormLabels; strict: boolean } | null;
  const opening: [string, string][] = [];
  let started = false;
  const push = (row: EventRow, what: string, whatEn: string, kind: ReadableEntry['kind']): ReadableEntry => {
    const who = row.actor && PROGRAM_ACTORS.has(row.actor) ? null : personName(row.actor, directory);
    const entry: ReadableEntry = { position: row.position, at: shanghaiMinute(row.at), who, what, whatEn, changes: [], changesEn: [], kind };
    entries.push(entry);
    return entry;
  };
  for (const row of events) {
    const task = row.recordKey ? tasks.get(row.recordKey) : undefined;
    switch (`${row.valueType} ${row.intent}`) {
      case 'PROCESS_INSTANCE ELEMENT_ACTIVATED':
        if (row.detail === 'PROCESS' && !started) {
          started = true;
          const name = processName.name ?? processName.id;
          const entry = push(row, `案件开始：${name}`, `Case opened: ${name}`, 'case');
          entry.changes.push(...opening.map(([zh]) => zh));
          entry.changesEn.push(...opening.map(([, en]) => en));
        }
        break;
      case 'PROCESS_INSTANCE ELEMENT_COMPLETED':
        // Ending follows from the last step; the person who did that step is named on it, not here.
        if (row.detail === 'PROCESS') push({ ...row, actor: null }, '案件办结', 'Case finished', 'case');
        else if (/EVENT$/.test(row.detail ?? '') && row.detail !== 'START_EVENT' && row.detail !== 'END_EVENT' && row.elementId && stepNames.has(row.elementId)) push(row, `触发${step(row.elementId)}`, `${stepEn(row.elementId)} happened`, 'event');
        break;
      case 'PROCESS_INSTANCE ELEMENT_TERMINATED':
        if (row.detail === 'PROCESS') push(row, '案件终止', 'Case terminated', 'case');
        break;
      case 'JOB COMPLETED': {
        // A worker's step: named by the step; what it wrote follows as its values.
        const entry = push(row, `${step(row.elementId)}已自动办理`, `${stepEn(row.elementId)} done automatically`, 'task');
        owner = { entry, key: row.recordKey, at: row.at, actor: row.actor, labels: processLabels, strict: true };
        break;
      }
      case 'USER_TASK CREATED': {
        const groups = (jsonOf(task?.groups ?? '[]') as string[] | undefined) ?? [];
        const names = groups.map((group) => directory?.groupName(group) ?? group).join('、');
        push(row, `转入${step(row.elementId)}${names ? `（${names}）` : ''}`, `Moved to ${stepEn(row.elementId)}${names ? ` (${names})` : ''}`, 'task');
        break;
      }
      case 'USER_TASK ASSIGNED': {
        const assignee = row.detail?.startsWith('assignee ') ? row.detail.slice('assignee '.length) : null;
        if (assignee && assignee !== row.actor) {
          const person = personName(assignee, directory);
          push(row, `将${step(row.elementId)}分派给 ${person}`, `Assigned ${stepEn(row.elementId)} to ${person}`, 'task');
        } else if (assignee) push(row, `领取${step(row.elementId)}`, `Claimed ${stepEn(row.elementId)}`, 'task');
        else push(row, `释放${step(row.elementId)}`, `Released ${stepEn(row.elementId)}`, 'task');
        break;
      }
      case 'USER_TASK UPDATED':
        push(row, `修改${step(row.elementId)}`, `Changed ${stepEn(row.elementId)}`, 'task');
        break;
      case 'USER_TASK COMPLETING':
      case 'USER_TASK COMPLETED': {
        // The completion's variables are written between COMPLETING and COMPLETED: one line for both.
        if (owner?.key === row.recordKey && owner.entry.kind === 'decision') break;
        const entry = push(row, `完成${step(row.elementId)}`, `Completed ${stepEn(row.elementId)}`, 'decision');
        owner = { entry, key: row.recordKey, at: row.at, actor: row.actor, labels: formLabelsOf(db, task?.formKey ?? null), strict: false };
        break;
      }
      case 'INCIDENT CREATED': {
        // The kind of fault in words (条件表达式错误), then the engine's own message, which names what failed.
        const type = (incidentType.get(row.recordKey) as { errorType: string } | undefined)?.errorType;
        const [zh, en] = type ? incidentTypeText(type).name : ['', ''];
        push(row, `故障${zh ? `（${zh}）` : ''}：${row.detail ?? ''}（${step(row.elementId)}）`, `Incident${en ? ` (${en})` : ''}: ${row.detail ?? ''} (${stepEn(row.elementId)})`, 'incident');
        break;
      }
      case 'INCIDENT RESOLVED':
        push(row, `故障已解决（${step(row.elementId)}）`, `Incident resolved (${stepEn(row.elementId)})`, 'incident');
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
          for (const note of addedNotes(before, after)) push(row, noteLine(note), noteLineEn(note), 'note');
          break;
        }
        if (name.startsWith('deadline_')) {
          push(row, ...deadlineLine(name.slice('deadline_'.length), before, after), 'deadline');
          break;
        }
        if (name === 'deadlineName') break; // the input that names the deadline the next line starts
        const own = owner && owner.at === row.at && owner.actor === row.actor ? owner : null;
        const label = labelOf(name, own?.labels, processLabels);
        // An object's members are named by the same forms (agent.idNumber → 身份证号码).
        const members = { path: name, labelOf: (path: string) => labelOf(path, own?.labels, processLabels) };
        const shown = (language: 'zh' | 'en') => `${row.intent === 'UPDATED' && before !== undefined ? `${shownValue(before, label?.values, directory, 0, members, language)} → ` : ''}${shownValue(after, label?.values, directory, 0, members, language)}`;
        const text = `${label?.label ?? name} = ${shown('zh')}`;
        // English names from english-labels.ts; a key it does not name is shown as it is.
        const textEn = `${englishLabelOf(name) ?? name} = ${shown('en')}`;
        if (!started) {
          opening.push([text, textEn]);
          break;
        }
        // Values set with a completion (same instant, same person) belong to that decision — unless they are
        // a later step's own local values (input mappings such as stage or sentAt of the next service task,
        // set in the same instant): those are bookkeeping, behind the data-changes switch like any other.
        const local = change !== undefined && change.scopeKey !== processInstanceKey;
        // A worker's values without a label are its own bookkeeping: data changes, like a later step's inputs.
        const belongs = own && (own.strict ? !local && label !== undefined : !(local && !own.labels.fields[name]));
        if (own && belongs) {
          own.entry.changes.push(text);
          own.entry.changesEn.push(textEn);
        } else push(row, `记录 ${text}`, `Recorded ${textEn}`, 'variable');
        break;
      }
      default:
        break;
    }
  }
  return entries;
}
