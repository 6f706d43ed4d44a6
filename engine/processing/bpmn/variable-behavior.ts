import type { Key, Variables } from '../../api';
import { ValueType, VariableIntent } from '../../protocol';
import { defineLazyText, jsonText, lazyJson, type LazyJson } from '../../lazy-variable-values';
import { rememberParsedValue, rememberRecordText, variableText } from '../../variable-json';
import type { ProcessingContext } from '../processing-context';

/**
 * Deep equality of JSON values, so unchanged variables write no UPDATED record (as Zeebe). Compares their texts,
 * which big values keep (variable-json.ts), so comparing them costs no new JSON.
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return variableText(a) === variableText(b);
}

/** Whether a variable already holds the value `json` (held as text) or `value` stands for. */
function unchanged(existing: object & { value: unknown }, json: LazyJson | undefined, value: unknown): boolean {
  const existingJson = lazyJson(existing, 'value');
  if (json === undefined && existingJson === undefined) return sameJson(existing.value, value);
  if (json?.utf8 && existingJson?.utf8) return Buffer.from(json.utf8).equals(existingJson.utf8);
  return (existingJson ? jsonText(existingJson) : variableText(existing.value)) === (json ? jsonText(json) : variableText(value));
}

/**
 * Variables: set locally on a scope, or merged into the instance with Zeebe's propagation (each variable goes
 * to the nearest scope that already has it, else to the root scope, the process instance).
 */
export class VariableBehavior {
  constructor(private readonly ctx: ProcessingContext) {}

  /** Create or update variables on exactly this scope. */
  setLocal(scopeKey: Key, variables: Variables): void {
    for (const name of Object.keys(variables)) this.setOne(scopeKey, name, variables, name);
  }

  /** Merge variables into the instance starting at `scopeKey` (propagation). */
  propagate(scopeKey: Key, variables: Variables): void {
    const state = this.ctx.state;
    let root = scopeKey;
    const scope = state.elementInstances.get(scopeKey);
    if (scope) root = scope.value.processInstanceKey;
    for (const name of Object.keys(variables)) {
      const target = state.scopeOfVariable(scopeKey, name) ?? root;
      this.setOne(target, name, variables, name);
    }
  }

  /**
   * Sets `name` on the scope to `document[field]`. A big value still held as text (lazy-variable-values.ts) is
   * written and kept as that text, never parsed here.
   */
  private setOne(scopeKey: Key, name: string, document: object, field: string): void {
    const state = this.ctx.state;
    const existing = state.variables.get(scopeKey)?.get(name);
    const json = lazyJson(document, field);
    const value = json === undefined ? ((document as Record<string, unknown>)[field] ?? null) : undefined;
    if (existing && unchanged(existing, json, value)) return;
    const scope = state.elementInstances.get(scopeKey);
    const processInstanceKey = scope?.value.processInstanceKey ?? scopeKey;
    const root = state.elementInstances.get(processInstanceKey) ?? scope;
    const record = {
      name,
      // the value's text, made once for the command, its events and this record (variable-json.ts)
      value: json === undefined ? variableText(value) : '',
      scopeKey,
      processInstanceKey,
      processDefinitionKey: root?.value.processDefinitionKey ?? '-1',
      bpmnProcessId: root?.value.bpmnProcessId ?? '',
      tenantId: root?.value.tenantId ?? '<default>',
    };
    if (json === undefined) rememberParsedValue(record, value);
    else {
      // held as text: the log copies its bytes, state keeps them, and the string is decoded only if read
      defineLazyText(record, 'value', json);
      rememberRecordText(record, json);
    }
    if (existing) this.ctx.writeEvent(existing.key, ValueType.VARIABLE, VariableIntent.UPDATED, record);
    else this.ctx.writeEvent(this.ctx.newKey(), ValueType.VARIABLE, VariableIntent.CREATED, record);
    this.ctx.conditionals?.variableChanges.push({ scopeKey, processInstanceKey, name, kind: existing ? 'update' : 'create' });
  }
}
