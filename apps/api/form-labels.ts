/**
 * The labels a Camunda form gives its fields and their options, so a decision reads "审查结论 = 通过"
 * instead of "decision = approve". Read from the deployed form in the history store.
 */
import type Database from 'better-sqlite3';

/** Field labels by variable key, and each field's option labels by value. */
export interface FormLabels {
  fields: Record<string, { label: string; values?: Record<string, string> }>;
}

interface FormComponent {
  key?: unknown;
  label?: unknown;
  values?: unknown;
  components?: unknown;
}

function collect(components: unknown, into: FormLabels): void {
  if (!Array.isArray(components)) return;
  for (const component of components as FormComponent[]) {
    if (typeof component.key === 'string' && typeof component.label === 'string') {
      const values = Array.isArray(component.values)
        ? Object.fromEntries(
            (component.values as { label?: unknown; value?: unknown }[])
              .filter((option) => typeof option.label === 'string' && option.value !== undefined)
              .map((option) => [String(option.value), option.label as string]),
          )
        : undefined;
      into.fields[component.key] = values ? { label: component.label, values } : { label: component.label };
    }
    // Groups and dynamic lists nest their fields.
    collect(component.components, into);
  }
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
