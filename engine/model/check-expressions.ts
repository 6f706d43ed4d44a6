// FEEL expressions and variable mappings checked at deployment, so a broken expression is refused with its
// element and line instead of failing later in an instance.
import { checkExpression, isExpression } from '../feel';
import type { FlowNode, VariableMapping } from './executable-process';

/** Read an element's zeebe:ioMapping into `node` and check every mapping's target and source expression. */
export function checkMappings(element: any, node: FlowNode, report: (id: string, message: string) => void, _isFlowNode: boolean): void {
  const ext: any[] = element.extensionElements?.values ?? [];
  const io = ext.find((e) => e.$type === 'zeebe:IoMapping');
  if (!io) return;
  const read = (list: any[] | undefined): VariableMapping[] =>
    (list ?? []).map((m) => ({ source: m.source ?? '', target: m.target ?? '' }));
  node.inputs = read(io.inputParameters);
  node.outputs = read(io.outputParameters);
  for (const mapping of [...node.inputs, ...node.outputs]) {
    if (!mapping.target) report(element.id, 'Variable mapping must have a target');
    checkExpr(element.id, mapping.source, report, `mapping source of '${mapping.target}'`);
  }
}

/**
 * Check a FEEL expression (text starting with '='); `mustBeExpression` also refuses plain text. Problems are
 * reported as "Invalid <what> expression …".
 */
export function checkExpr(id: string, text: string, report: (id: string, message: string) => void, what: string, mustBeExpression = false): void {
  if (typeof text !== 'string') return;
  if (!isExpression(text)) {
    if (mustBeExpression) report(id, `Expected ${what} to be an expression starting with '='`);
    return;
  }
  const result = checkExpression(text);
  if (!result.ok) report(id, `Invalid ${what} expression '${text}': ${result.failure}`);
}
