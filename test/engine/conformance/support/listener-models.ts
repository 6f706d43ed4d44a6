/**
 * Listener snippets for conformance models: `zeebe:executionListeners`, `zeebe:taskListeners`, and a way to put
 * extension XML into an element written by the test BPMN helpers.
 */
import { bpmn } from '../../../support';

type Listener = [eventType: string, type: string, retries?: string];

function listenerElements(tag: string, items: Listener[]): string {
  return items
    .map(([eventType, type, retries]) => `<zeebe:${tag} eventType="${eventType}" type="${bpmn.attr(type)}"${retries ? ` retries="${bpmn.attr(retries)}"` : ''}/>`)
    .join('');
}

/** `zeebe:executionListeners` with these listeners (event type, job type, optional retries). */
export function executionListeners(...items: Listener[]): string {
  return `<zeebe:executionListeners>${listenerElements('executionListener', items)}</zeebe:executionListeners>`;
}

/** `zeebe:taskListeners` with these listeners (event type, job type, optional retries). */
export function taskListeners(...items: Listener[]): string {
  return `<zeebe:taskListeners>${listenerElements('taskListener', items)}</zeebe:taskListeners>`;
}

/** Put extension XML into an element snippet (into its extensionElements, or a new one). */
export function withExtension(element: string, xml: string): string {
  if (element.includes('<bpmn:extensionElements>')) return element.replace('<bpmn:extensionElements>', `<bpmn:extensionElements>${xml}`);
  const open = /^<bpmn:([A-Za-z]+)([^>]*?)(\/?)>/.exec(element);
  if (!open) throw new Error(`Expected a BPMN element snippet, but got ${element.slice(0, 40)}`);
  const [whole, tag, attributes, selfClosing] = open;
  const start = `<bpmn:${tag}${attributes}><bpmn:extensionElements>${xml}</bpmn:extensionElements>`;
  return selfClosing ? `${start}</bpmn:${tag}>${element.slice(whole.length)}` : `${start}${element.slice(whole.length)}`;
}

/** A process definition whose process element carries `xml` in its extension elements. */
export function withProcessExtension(definitions: string, xml: string): string {
  return definitions.replace(/(<bpmn:process [^>]*>)/, `$1<bpmn:extensionElements>${xml}</bpmn:extensionElements>`);
}
