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
  path?: unknown;
}

function collect(components: unknown, into: FormLabels, prefix = ''): void {
  if (!Array.isArray(components)) return;
  for (const component of components as FormComponent[]) {
    // A group or dynamic list with a path is one variable (an object or a list) labelled as the group;
    // its fields are that variable's members, so they must not take the labels of top-level variables.
    if (typeof component.path === 'string' && component.path) {
      if (typeof component.label === 'string') into.fields[`${prefix}${component.path}`] ??= { label: component.label };
      collect(component.components, into, `${prefix}${component.path}.`);
      continue;
    }
    if (typeof component.key === 'string' && typeof component.label === 'string') {
      const values = Array.isArray(component.values)
        ? Object.fromEntries(
            (component.values as { label?: unknown; value?: unknown }[])
              .filter((option) => typeof option.label === 'string' && option.value !== undefined)
              .map((option) => [String(option.value), option.label as string]),
          )
        : undefined;
      into.fields[`${prefix}${component.key}`] = values ? { label: component.label, values } : { label: component.label };
    }
    // Groups without a path nest their fields among the form's own.
    collect(component.components, into, prefix);
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
