/**
 * The labels a Camunda form gives its fields and their options, so a decision reads "审查结论 = 通过"
 * instead of "decision = approve". Read from the deployed form in the history store.
 */
import type Database from 'better-sqlite3';
import { visitFormFields } from '../../workers/form-fields';

/** Field labels by variable key, and each field's option labels by value. */
export interface FormLabels {
  fields: Record<string, { label: string; values?: Record<string, string> }>;
}

function collect(components: unknown, into: FormLabels): void {
  visitFormFields(components, (variablePath, component, group) => {
    if (typeof component.label !== 'string') return;
    if (group) {
      into.fields[variablePath] ??= { label: component.label };
      return;
    }
    const values = Array.isArray(component.values)
      ? Object.fromEntries(
          (component.values as { label?: unknown; value?: unknown }[])
            .filter((option) => typeof option.label === 'string' && option.value !== undefined)
            .map((option) => [String(option.value), option.label as string]),
        )
      : undefined;
    into.fields[variablePath] = values ? { label: component.label, values } : { label: component.label };
  });
}

/** The labels of the form with `formKey`, or none when the task had no (known) form. */
export function formLabelsOf(db: Database.Database, formKey: string | null): FormLabels {
  const labels: FormLabels = { fields: {} };
  if (!formKey) return labels;
  const row = db.prepare('SELECT schema FROM forms WHERE form_key = ?').get(formKey) as { schema: string } | undefined;
  if (!row) return labels;
  try {
    collect((JSON.parse(row.schema) as { components?: unknown }).components, labels);
  } catch {
    // A form that is not JSON has no labels to offer; the variable names stand.
  }
  return labels;
}
