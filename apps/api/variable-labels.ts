/**
 * The names the audit variable table shows instead of variable keys: for each variable of a case and each
 * member of its value, the Chinese label (the process's forms, then the models' and workers' bookkeeping
 * names, as the readable history names them) and the English one (`english-labels.ts`), so the table reads
 * 审查结论 / Review decision with `reviewDecision` beside it for experts.
 */
import type Database from 'better-sqlite3';
import { englishLabelOf } from './english-labels';
import { englishOptionLabelOf } from './english-option-labels';
import type { FormLabels } from './form-labels';
import { deadlineNames, labelOf, memberLabel, processFormLabels } from './readable-values';

/** Chinese and English names by variable name or member path (`agent.idNumber`, list indices left out). */
export type VariableLabels = Record<string, [string | null, string | null]>;

/** Option labels by variable name or member path, then by option value: Chinese (the form's) and English. */
export type VariableOptions = Record<string, Record<string, [string, string | null]>>;

/** Values longer than this are not walked for member names (they show folded, as text). */
const MAX_WALKED = 200_000;
const MAX_DEPTH = 4;

function memberPaths(value: unknown, path: string, into: Set<string>, depth: number): void {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) memberPaths(item, path, into, depth + 1);
    return;
  }
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    const member = `${path}.${key}`;
    into.add(member);
    memberPaths(inner, member, into, depth + 1);
  }
}

/**
 * The names of every variable of `processInstanceKey` (its own and its steps' local ones) and their members.
 * `forms`: the process's form labels, when the caller has read them already (the audit case read does, for its
 * readable history too).
 */
export function variableLabelsOf(db: Database.Database, processInstanceKey: string, forms: FormLabels = processFormLabels(db, processInstanceKey)): VariableLabels {
  const rows = db
    .prepare(
      `SELECT name, CASE WHEN length(value) <= ${MAX_WALKED} THEN value END AS value FROM variables WHERE scope_key = ?
       UNION ALL SELECT name, CASE WHEN length(value) <= ${MAX_WALKED} THEN value END FROM variables WHERE process_instance_key = ? AND scope_key <> process_instance_key`,
    )
    .all(processInstanceKey, processInstanceKey) as { name: string; value: string | null }[];
  const labels: VariableLabels = {};
  const members = new Set<string>();
  for (const row of rows) {
    if (row.name.startsWith('deadline_')) {
      const [zh, en] = deadlineNames(row.name.slice('deadline_'.length));
      labels[row.name] = [zh, en.charAt(0).toUpperCase() + en.slice(1)];
    } else labels[row.name] = [labelOf(row.name, forms)?.label ?? null, englishLabelOf(row.name) ?? null];
    if (row.value === null || !/^[[{]/.test(row.value)) continue;
    try {
      memberPaths(JSON.parse(row.value) as unknown, row.name, members, 0);
    } catch {
      // A value cut short by the engine is not JSON; it shows as text, without members.
    }
  }
  for (const path of members) labels[path] = [memberLabel((tail) => labelOf(tail, forms), path)?.label ?? null, englishLabelOf(path) ?? null];
  for (const [path, [zh, en]] of Object.entries(labels)) if (zh === null && en === null) delete labels[path];
  return labels;
}

/**
 * The option labels of the variables and members in `labels` that a form field with options sets (审查结论:
 * approve → 通过 / Approve), so the variable table shows an option's label, not its code; the English side
 * from `english-option-labels.ts`, null where it has none.
 */
export function variableOptionsOf(labels: VariableLabels, forms: FormLabels): VariableOptions {
  const options: VariableOptions = {};
  for (const path of Object.keys(labels)) {
    const values = memberLabel((tail) => labelOf(tail, forms), path)?.values;
    if (!values) continue;
    options[path] = Object.fromEntries(Object.entries(values).map(([value, label]) => [value, [label, englishOptionLabelOf(path, value) ?? null]]));
  }
  return options;
}
