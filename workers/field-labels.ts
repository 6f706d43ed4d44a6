/**
 * The labels staff know a job's variables by, taken from the Camunda forms in `forms/` (the forms the
 * variables were entered or decided in), so an incident says 「身份证号码」 where the job only knows `idNumber`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { visitFormFields } from './form-fields';

const formsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'forms');

/** Labels by variable path (`applicant.idNumber`, list indices left out), one table per form file. */
type LabelTable = Map<string, string>;

/** A form's labels: a group's own label wins over nothing, a field keeps the first label the form gives its key. */
function collect(components: unknown, into: LabelTable): void {
  visitFormFields(components, (variablePath, component, group) => {
    if (typeof component.label !== 'string' || !component.label) return;
    if (group || !into.has(variablePath)) into.set(variablePath, component.label);
  });
}

const cache = new Map<string, { file: string; labels: LabelTable }[]>();

function formTables(folder: string): { file: string; labels: LabelTable }[] {
  let tables = cache.get(folder);
  if (tables) return tables;
  tables = [];
  let files: string[] = [];
  try {
    files = readdirSync(folder).filter((name) => name.endsWith('.form')).sort();
  } catch {
    // Workers deployed without the forms folder (against a remote cluster) keep the variable names.
  }
  for (const file of files) {
    const labels: LabelTable = new Map();
    try {
      collect((JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as { components?: unknown }).components, labels);
    } catch {
      continue; // a form that is not JSON offers no labels
    }
    tables.push({ file, labels });
  }
  cache.set(folder, tables);
  return tables;
}

/** Looks up the label of one variable path (`applicant.idNumber`), or undefined when no form names it. */
export type LabelOf = (variablePath: string) => string | undefined;

/**
 * The labels for one job type. The same key is labelled differently in different services' forms
 * (`rejectionReasons`: 不予受理理由 in one, 不予转出理由 in another), so forms of the job's own service — the
 * file names share the job type's first word, `enterprise-…`, `talent-…` — are asked first.
 */
export function fieldLabelsFor(jobType: string, folder = formsFolder): LabelOf {
  const service = jobType.split('-')[0];
  const tables = formTables(folder);
  const ordered = [...tables.filter((table) => table.file.startsWith(`${service}-`)), ...tables.filter((table) => !table.file.startsWith(`${service}-`))];
  return (variablePath) => {
    for (const table of ordered) {
      const label = table.labels.get(variablePath);
      if (label) return label;
    }
    return undefined;
  };
}
