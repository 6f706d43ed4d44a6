/** BPMN snippets for conditional event conformance tests (Camunda 8.9 `bpmn:conditionalEventDefinition`). */
import { attr } from '../../../support/bpmn';

/** A conditional event definition with a FEEL `condition` and an optional `zeebe:conditionalFilter`. */
export function conditional(condition: string, filter: { variableEvents?: string; variableNames?: string } = {}): string {
  const attrs = [
    filter.variableNames ? `variableNames="${attr(filter.variableNames)}"` : '',
    filter.variableEvents ? `variableEvents="${attr(filter.variableEvents)}"` : '',
  ].filter(Boolean);
  const extension = attrs.length ? `<bpmn:extensionElements><zeebe:conditionalFilter ${attrs.join(' ')}/></bpmn:extensionElements>` : '';
  return `<bpmn:conditionalEventDefinition>${extension}<bpmn:condition>${attr(condition)}</bpmn:condition></bpmn:conditionalEventDefinition>`;
}
