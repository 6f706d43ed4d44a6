/**
 * How a Camunda form's components map to variables, shared by the workers' incident texts
 * (`field-labels.ts`) and the apps' readable values (`apps/api/form-labels.ts`).
 */

/** A form component as far as its variable goes. */
export interface FormComponent {
  key?: unknown;
  label?: unknown;
  path?: unknown;
  values?: unknown;
  components?: unknown;
}

/**
 * Visits every component that names a variable, with that variable's path. A group or dynamic list with a
 * `path` is one variable (an object or a list): it is visited as `group: true`, and its fields are that
 * variable's members (`applicant.idNumber`), so they never take the labels of top-level variables. Groups
 * without a path nest their fields among the form's own.
 */
export function visitFormFields(components: unknown, visit: (variablePath: string, component: FormComponent, group: boolean) => void, prefix = ''): void {
  if (!Array.isArray(components)) return;
  for (const component of components as FormComponent[]) {
    if (typeof component.path === 'string' && component.path) {
      visit(`${prefix}${component.path}`, component, true);
      visitFormFields(component.components, visit, `${prefix}${component.path}.`);
      continue;
    }
    if (typeof component.key === 'string') visit(`${prefix}${component.key}`, component, false);
    visitFormFields(component.components, visit, prefix);
  }
}
