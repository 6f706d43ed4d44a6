/**
 * Compensation snippets for conformance models: the compensate event definition, a compensation boundary event
 * with the association to its handler, and the `isForCompensation` marker on an activity snippet.
 */
import { bpmn } from '../../../support';

/** `bpmn:compensateEventDefinition`, for all completed activities of the scope or the one `activityRef` names. */
export function compensate(options: { activityRef?: string; waitForCompletion?: boolean } = {}): string {
  const ref = options.activityRef ? ` activityRef="${bpmn.attr(options.activityRef)}"` : '';
  const wait = options.waitForCompletion === undefined ? '' : ` waitForCompletion="${options.waitForCompletion}"`;
  return `<bpmn:compensateEventDefinition${ref}${wait}/>`;
}

/** A compensation boundary event on `attachedTo` and the association that names its handler (`handlerId`). */
export function compensationBoundary(id: string, attachedTo: string, handlerId?: string): string {
  const association = handlerId ? `\n<bpmn:association id="${id}_association" associationDirection="One" sourceRef="${id}" targetRef="${handlerId}"/>` : '';
  return `${bpmn.boundary(id, attachedTo, compensate())}${association}`;
}

/** Mark an activity snippet as a compensation handler (`isForCompensation="true"`). */
export function forCompensation(activity: string): string {
  return activity.replace(/^<bpmn:([A-Za-z]+) /, '<bpmn:$1 isForCompensation="true" ');
}
