import type { EngineRecord } from '../../../api';
import { str } from '../../../history/record-values';

/** A variable as `POST /v2/variables/search` answers it; `value` is JSON text, as in Camunda. */
export interface VariableView {
  variableKey: string;
  name: string;
  value: string;
  scopeKey: string;
  processInstanceKey: string;
  tenantId: string;
}

/** Variables from VARIABLE events, indexed by scope and by process instance. */
export class VariableProjection {
  readonly variables = new Map<string, VariableView>();
  readonly byScope = new Map<string, Map<string, string>>();
  readonly byProcessInstance = new Map<string, Set<string>>();

  apply(record: EngineRecord): void {
    if (record.valueType !== 'VARIABLE' || record.recordType !== 'EVENT') return;
    if (record.intent !== 'CREATED' && record.intent !== 'UPDATED') return;
    const value = record.value;
    const raw = value.value;
    const view: VariableView = {
      variableKey: record.key,
      name: str(value, 'name') ?? '',
      value: typeof raw === 'string' ? raw : JSON.stringify(raw ?? null),
      scopeKey: str(value, 'scopeKey') ?? '',
      processInstanceKey: str(value, 'processInstanceKey') ?? '',
      tenantId: str(value, 'tenantId') ?? '<default>',
    };
    this.variables.set(view.variableKey, view);
    let names = this.byScope.get(view.scopeKey);
    if (!names) this.byScope.set(view.scopeKey, (names = new Map()));
    names.set(view.name, view.variableKey);
    let keys = this.byProcessInstance.get(view.processInstanceKey);
    if (!keys) this.byProcessInstance.set(view.processInstanceKey, (keys = new Set()));
    keys.add(view.variableKey);
  }

  /** The variables visible in a scope chain: the innermost definition of each name wins. */
  visible(scopeKeys: readonly string[]): VariableView[] {
    const seen = new Map<string, VariableView>();
    for (const scopeKey of scopeKeys) {
      for (const [name, key] of this.byScope.get(scopeKey) ?? []) {
        if (seen.has(name)) continue;
        const variable = this.variables.get(key);
        if (variable) seen.set(name, variable);
      }
    }
    return [...seen.values()];
  }
}
