import type { Key, Variables } from '../../api';
import { ValueType, VariableIntent } from '../../protocol';
import { lazyText } from '../../lazy-variable-values';
import { rememberParsedValue, variableText } from '../../variable-json';
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
    const text = lazyText(document, field);
    const value = text === undefined ? ((document as Record<string, unknown>)[field] ?? null) : undefined;
    if (existing) {
      const existingText = lazyText(existing, 'value');
      if (text !== undefined || existingText !== undefined) {
        if ((existingText ?? variableText(existing.value)) === (text ?? variableText(value))) return;
      } else if (sameJson(existing.value, value)) return;
    }
    const scope = state.elementInstances.get(scopeKey);
    const processInstanceKey = scope?.value.processInstanceKey ?? scopeKey;
    const root = state.elementInstances.get(processInstanceKey) ?? scope;
    const record = {
      name,
      // the value's text, made once for the command, its events and this record (variable-json.ts)
      value: text ?? variableText(value),
      scopeKey,
      processInstanceKey,
      processDefinitionKey: root?.value.processDefinitionKey ?? '-1',
      bpmnProcessId: root?.value.bpmnProcessId ?? '',
      tenantId: root?.value.tenantId ?? '<default>',
    };
    if (text === undefined) rememberParsedValue(record, value);
    if (existing) this.ctx.writeEvent(existing.key, ValueType.VARIABLE, VariableIntent.UPDATED, record);
    else this.ctx.writeEvent(this.ctx.newKey(), ValueType.VARIABLE, VariableIntent.CREATED, record);
    this.ctx.conditionals?.variableChanges.push({ scopeKey, name, kind: existing ? 'update' : 'create' });
  }
}
