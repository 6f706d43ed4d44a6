/**
 * Structural checks of Camunda Forms (form-js JSON) for the service-process forms. No JSON schema for
 * form-js is installable from the registry this project uses, so the rules that matter to Camunda 8.8's
 * form renderer are written out here: ids, types, keys, labels, option lists, validation and FEEL
 * conditions (parsed with feelin, as the renderer would).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate } from 'feelin';

export const formsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../forms');

/** One form-js component as far as these checks look at it. */
export interface FormComponent {
  type: string;
  id?: string;
  key?: string;
  path?: string;
  label?: string;
  text?: string;
  values?: Array<{ label: string; value: string }>;
  validate?: Record<string, unknown>;
  conditional?: { hide?: string };
  components?: FormComponent[];
}

export interface CamundaForm {
  id: string;
  type: string;
  schemaVersion: number;
  executionPlatform?: string;
  executionPlatformVersion?: string;
  components: FormComponent[];
}

const INPUTS = new Set(['textfield', 'textarea', 'number', 'select', 'radio', 'checkbox', 'checklist', 'taglist', 'datetime', 'filepicker']);
const CONTAINERS = new Set(['group', 'dynamiclist']);
const DISPLAY = new Set(['text', 'html', 'separator', 'spacer', 'image', 'table', 'iframe', 'expression', 'button']);
const WITH_OPTIONS = new Set(['select', 'radio', 'checklist', 'taglist']);
const VALIDATE_KEYS = new Set(['required', 'minLength', 'maxLength', 'min', 'max', 'pattern', 'validationType']);
const CHINESE = /[\u4e00-\u9fff]/;

/** Reads `forms/<formId>.form`. */
export function readForm(formId: string): CamundaForm {
  return JSON.parse(readFileSync(path.join(formsFolder, `${formId}.form`), 'utf8')) as CamundaForm;
}

/** Form ids in `forms/` starting with `prefix`. */
export function formIdsWithPrefix(prefix: string): string[] {
  return readdirSync(formsFolder)
    .filter((file) => file.startsWith(prefix) && file.endsWith('.form'))
    .map((file) => file.slice(0, -'.form'.length))
    .sort();
}

/** Every problem found in one form; an empty list means the form is well-formed. */
export function formProblems(formId: string, form: CamundaForm): string[] {
  const problems: string[] = [];
  if (form.id !== formId) problems.push(`id is '${form.id}', expected '${formId}' (the file name)`);
  if (form.type !== 'default') problems.push(`type is '${form.type}', expected 'default'`);
  if (!Number.isInteger(form.schemaVersion) || form.schemaVersion < 1) problems.push('schemaVersion must be a positive integer');
  if (form.executionPlatform !== 'Camunda Cloud' || !/^8\.8\./.test(form.executionPlatformVersion ?? '')) problems.push('execution platform must be Camunda Cloud 8.8');
  if (!Array.isArray(form.components) || form.components.length === 0) problems.push('components must be a non-empty array');
  const ids = new Set<string>();
  const walk = (components: FormComponent[], scope: string) => {
    const keys = new Set<string>();
    for (const component of components) {
      const where = `${component.id ?? '?'} (${component.type})`;
      if (!component.id) problems.push(`a ${component.type} component has no id`);
      else if (ids.has(component.id)) problems.push(`component id ${component.id} is used twice`);
      else ids.add(component.id);
      if (!INPUTS.has(component.type) && !CONTAINERS.has(component.type) && !DISPLAY.has(component.type)) problems.push(`${where}: unknown component type`);
      if (INPUTS.has(component.type)) {
        if (!component.key || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(component.key)) problems.push(`${where}: needs a variable name as key`);
        else if (keys.has(component.key)) problems.push(`${where}: key ${scope}${component.key} is used twice`);
        else keys.add(component.key);
        if (!component.label || !CHINESE.test(component.label)) problems.push(`${where}: needs a Chinese label`);
      }
      if (WITH_OPTIONS.has(component.type)) {
        if (!component.values || component.values.length === 0) problems.push(`${where}: needs options`);
        for (const option of component.values ?? []) {
          if (!option.value || !CHINESE.test(option.label ?? '')) problems.push(`${where}: option '${option.value}' needs a value and a Chinese label`);
        }
      }
      if (component.type === 'text' && !component.text) problems.push(`${where}: text without text`);
      for (const [rule, value] of Object.entries(component.validate ?? {})) {
        if (!VALIDATE_KEYS.has(rule)) problems.push(`${where}: unknown validation rule ${rule}`);
        if (rule === 'pattern') {
          try {
            new RegExp(String(value));
          } catch {
            problems.push(`${where}: pattern ${String(value)} is not a regular expression`);
          }
        }
      }
      const hide = component.conditional?.hide;
      if (hide !== undefined) {
        if (!hide.startsWith('=')) problems.push(`${where}: conditional.hide must be a FEEL expression starting with '='`);
        else {
          try {
            // feelin throws on a syntax error; missing variables are only warnings.
            evaluate(hide.slice(1), {});
          } catch (error) {
            problems.push(`${where}: conditional.hide does not parse: ${(error as Error).message}`);
          }
        }
      }
      if (CONTAINERS.has(component.type)) {
        if (!component.components || component.components.length === 0) problems.push(`${where}: container without components`);
        if (component.type === 'dynamiclist' && !component.path) problems.push(`${where}: a dynamic list needs a path`);
        walk(component.components ?? [], component.path ? `${scope}${component.path}.` : scope);
      }
    }
  };
  walk(form.components ?? [], '');
  return problems;
}

/** Finds a component by key or path anywhere in the form. */
export function findComponent(form: CamundaForm, keyOrPath: string): FormComponent {
  const search = (components: FormComponent[]): FormComponent | undefined => {
    for (const component of components) {
      if (component.key === keyOrPath || component.path === keyOrPath) return component;
      const inner = search(component.components ?? []);
      if (inner) return inner;
    }
    return undefined;
  };
  const found = search(form.components);
  if (!found) throw new Error(`Expected form ${form.id} to have a component '${keyOrPath}', but it has none`);
  return found;
}

/** Whether the component is hidden for the given form data (its FEEL `conditional.hide`). */
export function isHidden(component: FormComponent, data: Record<string, unknown>): boolean {
  if (!component.conditional?.hide) return false;
  return evaluate(component.conditional.hide.slice(1), data).value === true;
}

/** Whether the component's pattern accepts the value. */
export function patternAccepts(component: FormComponent, value: string): boolean {
  return new RegExp(String(component.validate?.pattern)).test(value);
}
