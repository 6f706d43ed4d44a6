/**
 * `bpmn:conditionalEventDefinition` (Camunda 8.9): the FEEL condition and `zeebe:conditionalFilter`, read into
 * the executable model and checked at deployment.
 */
import { referencedVariables } from '../feel';
import type { ConditionalDefinition, FlowNode } from './executable-process';

type Report = (id: string, message: string) => void;
type CheckExpression = (id: string, text: string, report: Report, what: string, mustBeExpression?: boolean) => void;

const VARIABLE_EVENTS = ['create', 'update'] as const;

/** Read a conditional event definition onto `node`, reporting what Zeebe would refuse. */
export function readConditionalEvent(definition: any, node: FlowNode, report: Report, check: CheckExpression): void {
  const condition: string = definition.condition?.body?.trim() ?? '';
  if (!condition) {
    report(node.id, 'Must have a condition expression on the conditional event definition');
    return;
  }
  check(node.id, condition, report, 'condition', true);
  const filter = (definition.extensionElements?.values ?? []).find((e: { $type: string }) => e.$type === 'zeebe:ConditionalFilter');
  const split = (text: string | undefined) => (text ?? '').split(',').map((part) => part.trim()).filter(Boolean);
  const events = split(filter?.variableEvents);
  const unknown = events.filter((event) => !(VARIABLE_EVENTS as readonly string[]).includes(event));
  if (unknown.length > 0) {
    report(node.id, `Variable events must be one of [create, update], but found: [${unknown.join(', ')}] / 变量事件只能是 create、update`);
  }
  const named = split(filter?.variableNames);
  const conditional: ConditionalDefinition = {
    condition,
    variableNames: named.length > 0 ? named : (referencedVariables(condition) ?? []),
    variableEvents: events.filter((event): event is 'create' | 'update' => (VARIABLE_EVENTS as readonly string[]).includes(event)),
  };
  node.conditional = conditional;
}

/** Root-level conditional start events of one process must not share a condition (Zeebe refuses it). */
export function duplicateConditionalStartProblems(starts: readonly FlowNode[]): { id: string; message: string }[] {
  const seen = new Map<string, string>();
  const problems: { id: string; message: string }[] = [];
  for (const start of starts) {
    const condition = start.conditional?.condition;
    if (!condition) continue;
    const normalized = condition.replace(/\s+/g, ' ');
    const first = seen.get(normalized);
    if (first) problems.push({ id: start.id, message: `Multiple conditional start events with the same condition '${condition}' (also '${first}') / 多个条件开始事件的条件相同` });
    else seen.set(normalized, start.id);
  }
  return problems;
}
