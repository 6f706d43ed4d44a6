/**
 * Values and labels for the readable case history (readable-history.ts): the labels of every form a process
 * uses (its start form and its tasks' forms, so the application's fields read "申请人" rather than
 * `applicant`), the few bookkeeping variables the OneGo models and workers set themselves, and values as a
 * person reads them — a person as "张三（370102…）", a list as "A、B", an instant as Beijing time, a
 * department id as its name.
 */
import type Database from 'better-sqlite3';
import type { IdentityDirectory } from '../../engine/identity';
import { formLabelsOf, type FormLabels } from './form-labels';
import { WORKER_LABELS } from './worker-labels';
import { englishLabelOf } from './english-labels';
import { englishOptionLabelOf } from './english-option-labels';
export { deadlineNames } from '../public/shared/deadline-names';

/**
 * Variables the models and workers set that no form shows (bpmn/ and workers/): named here so the history
 * never shows a variable name to an auditor for them.
 */
const BOOKKEEPING_LABELS: Record<string, string> = {
  ...WORKER_LABELS,
  department: '承办部门',
  receivedAt: '受理时间',
  acceptedAt: '受理时间',
  timeLimits: '各阶段时限（工作日）',
  submittedAt: '提交时间',
  sentAt: '发送时间',
  stage: '办理阶段',
  smartApprovalEligible: '可智能审批',
  correctionRequired: '需要补正',
  correctionReceivedAt: '补正材料收到时间',
  decision: '办理结论',
  opinion: '办理意见',
  // found walking the demo cases' histories as an auditor (session 11): each showed as its variable name
  caseId: '案件编号',
  caseTitle: '案件名称',
  jurisdiction: '案件地区',
  applicant: '申请人',
  contact: '联系人',
  agency: '经办机构',
  approvalLevels: '审核层级',
  commissioners: '服务专员',
  deadline: '时限',
  deadlineName: '时限名称',
  enrolmentCheck: '参保核验',
  experts: '评审专家',
  filing: '申报方式',
  itemCatalogue: '审批事项清单',
  leadDepartments: '各阶段牵头部门',
  limitWorkingDays: '时限（工作日）',
  registrationCentre: '不动产登记中心',
  stageName: '阶段名称',
  startedAt: '开始时间',
  // the members of `filing` (workers/schemas/agent-filing.ts), which no form shows as one
  'filing.filedBy': '申报人',
  'filing.agent': '代办人',
  'filing.principal': '委托人（申请人）',
  idNumber: '身份证号码',
};

/** Option labels of bookkeeping variables whose values are codes. */
const BOOKKEEPING_VALUES: Record<string, Record<string, string>> = {
  filing: { applicant: '申请人本人申报', agent: '帮办代办' },
  'filing.filedBy': { applicant: '申请人本人', agent: '代办人' },
};

/** Labels of all forms the process of this instance links (latest version of each form id it names). */
export function processFormLabels(db: Database.Database, processInstanceKey: string): FormLabels {
  const labels: FormLabels = { fields: {} };
  const row = db
    .prepare('SELECT d.bpmn_xml AS xml FROM process_instances i JOIN process_definitions d ON d.process_definition_key = i.process_definition_key WHERE i.process_instance_key = ?')
    .get(processInstanceKey) as { xml: string } | undefined;
  const formIds = new Set([...(row?.xml ?? '').matchAll(/formId="([^"]+)"/g)].map((match) => match[1]));
  const latest = db.prepare('SELECT form_key AS formKey FROM forms WHERE form_id = ? ORDER BY version DESC LIMIT 1');
  for (const formId of formIds) {
    const form = latest.get(formId) as { formKey: number } | undefined;
    if (!form) continue;
    const found = formLabelsOf(db, String(form.formKey));
    // The first form that names a field wins (the start form comes first in the model, as a case begins).
    for (const [key, label] of Object.entries(found.fields)) labels.fields[key] ??= label;
  }
  return labels;
}

/** The label of variable `name`: the task's own form, then the process's forms, then the bookkeeping names. */
export function labelOf(name: string, ...sources: (FormLabels | undefined)[]): { label: string; values?: Record<string, string> } | undefined {
  for (const source of sources) if (source?.fields[name]) return source.fields[name];
  if (!BOOKKEEPING_LABELS[name]) return undefined;
  return BOOKKEEPING_VALUES[name] ? { label: BOOKKEEPING_LABELS[name], values: BOOKKEEPING_VALUES[name] } : { label: BOOKKEEPING_LABELS[name] };
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Beijing wall-clock minute of an instant. */
export function beijingMinute(epochMs: number): string {
  return new Date(epochMs + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The label (and option labels) of a member of an object variable, by its path (`agent.idNumber`, list indices left out). */
export type MemberLabelOf = (path: string) => { label: string; values?: Record<string, string> } | undefined;

/** Longest value the history keeps in one line; the apps fold what is longer than a few lines. */
const MAX_SHOWN = 400;
/** Deeper members are shown as JSON: the history stays one readable line. */
const MAX_DEPTH = 4;

/** The language a value is written in: Chinese (the history's source text) or English (the apps' switch). */
export type ValueLanguage = 'zh' | 'en';

/** How a value is written in each language: empty, yes / no, list and member separators, brackets. */
const WRITING = {
  zh: { empty: '（空）', none: '（无）', yes: '是', no: '否', list: '、', records: '；', members: '，', colon: '：', open: '（', close: '）', group: ['｛', '｝'] },
  en: { empty: '(empty)', none: '(none)', yes: 'yes', no: 'no', list: ', ', records: '; ', members: ', ', colon: ': ', open: ' (', close: ')', group: ['{', '}'] },
} as const;

/**
 * A value as a person reads it; `options` are the form's option labels, `directory` names departments.
 * An object shows its members by their labels — a person or company by its name first, the rest after it in
 * brackets: "刘帮办（身份证号码：370102…，电话：136…）" — with `members` naming them from the variable's form
 * (`path` is the variable's name); nested objects and lists keep their keys too. In English (`language`) the
 * members are named from `english-labels.ts` (the key where it has none) and options by
 * `english-option-labels.ts` (the form's label where it has none); names and departments stay as the forms
 * and the directory have them.
 */
export function shownValue(
  value: unknown,
  options?: Record<string, string>,
  directory?: Pick<IdentityDirectory, 'groupName'>,
  depth = 0,
  members?: { path: string; labelOf: MemberLabelOf },
  language: ValueLanguage = 'zh',
): string {
  const text = show(value, options, directory, depth, members, language);
  return depth === 0 ? clip(text) : text;
}

function show(value: unknown, options: Record<string, string> | undefined, directory: Pick<IdentityDirectory, 'groupName'> | undefined, depth: number, members: { path: string; labelOf: MemberLabelOf } | undefined, language: ValueLanguage): string {
  const w = WRITING[language];
  if (value === undefined || value === null || value === '') return w.empty;
  if (typeof value === 'string') {
    // An option's label: in English its English label where english-option-labels.ts has one, else the form's.
    if (options?.[value]) return (language === 'en' && members ? englishOptionLabelOf(members.path, value) : undefined) ?? options[value];
    if (ISO_INSTANT.test(value)) return beijingMinute(Date.parse(value));
    const group = /^[a-z][a-z0-9-]*$/.test(value) ? directory?.groupName(value) : undefined;
    return group && group !== value ? group : value;
  }
  if (typeof value === 'boolean') return (language === 'zh' ? options?.[String(value)] : undefined) ?? (value ? w.yes : w.no);
  if (typeof value === 'number') return String(value);
  if (depth > MAX_DEPTH) return JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return w.none;
    const items = value.map((item) => show(item, options, directory, depth + 1, members, language));
    // Items that are records read apart; plain values run together as a Chinese list does.
    return value.some((item) => typeof item === 'object' && item !== null) ? items.map((item, index) => `${index + 1}. ${item}`).join(w.records) : items.join(w.list);
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, inner]) => inner !== null && inner !== undefined && inner !== '');
    const name = entries.find(([key, inner]) => /^(name|recipient|title)$/.test(key) && typeof inner !== 'object');
    const rest = entries
      .filter((entry) => entry !== name)
      .map(([key, inner]) => {
        const path = members ? `${members.path}.${key}` : key;
        const member = members ? memberLabel(members.labelOf, path) : undefined;
        const label = language === 'en' ? (englishLabelOf(path) ?? key) : (member?.label ?? BOOKKEEPING_LABELS[key] ?? key);
        return `${label}${w.colon}${show(inner, member?.values, directory, depth + 1, members ? { path, labelOf: members.labelOf } : undefined, language)}`;
      });
    if (name) return rest.length ? `${show(name[1], undefined, directory, depth + 1, undefined, language)}${w.open}${rest.join(w.members)}${w.close}` : show(name[1], undefined, directory, depth + 1, undefined, language);
    if (rest.length === 0) return w.empty;
    return depth === 0 ? rest.join(w.members) : `${w.group[0]}${rest.join(w.members)}${w.group[1]}`;
  }
  return JSON.stringify(value);
}

/**
 * A member's label by its whole path (`agent.idNumber`), else by shorter tails of it: `filing.agent.idNumber`
 * is labelled as `agent.idNumber` is on the forms, and a bare `idNumber` as wherever a form names one.
 */
export function memberLabel(labelOf: MemberLabelOf, path: string): ReturnType<MemberLabelOf> {
  const keys = path.split('.');
  for (let from = 0; from < keys.length; from++) {
    const found = labelOf(keys.slice(from).join('.'));
    if (found) return found;
  }
  return undefined;
}

function clip(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}


