/**
 * gRPC `CompleteJobRequest.result` (Camunda 8.8's JobResult) in the shape the engine and the REST API take it:
 * a task listener's `denied` / `deniedReason` / `corrections` (candidate lists come as StringList, an absent
 * correction keeps its value), or an ad-hoc subprocess's `activateElements` (variables as JSON documents),
 * `isCompletionConditionFulfilled` and `isCancelRemainingInstances`. `type` defaults to "userTask", as Zeebe's.
 */
import { parseVariablesDocument } from '../convert';
import { invalidArgument } from '../errors';

/** A proto3 `optional` field as protobuf.js hands it over: the value, and the synthetic one-of naming it when set. */
type Optional<T> = T | undefined;

export interface JobResultMessage {
  denied?: Optional<boolean>;
  deniedReason?: Optional<string>;
  type?: Optional<string>;
  corrections?: Optional<Record<string, unknown>>;
  activateElements?: { elementId: string; variables: string }[];
  isCompletionConditionFulfilled?: Optional<boolean>;
  isCancelRemainingInstances?: Optional<boolean>;
  [presence: string]: unknown;
}

/** Whether a proto3 `optional` field was sent (its synthetic one-of `_name` names it). */
function present(message: Record<string, unknown>, name: string): boolean {
  return message[`_${name}`] === name;
}

function corrections(raw: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const name of ['assignee', 'dueDate', 'followUpDate', 'priority']) if (present(raw, name)) result[name] = raw[name];
  for (const name of ['candidateUsers', 'candidateGroups']) {
    if (present(raw, name)) result[name] = [...(((raw[name] as { values?: string[] } | null)?.values) ?? [])];
  }
  return result;
}

/** The job result of a CompleteJob request, or undefined when the worker sent none. */
export function jobResultOf(request: { result?: JobResultMessage | null; [presence: string]: unknown }): Record<string, unknown> | undefined {
  const raw = request.result;
  if (!raw || !present(request, 'result')) return undefined;
  const type = present(raw, 'type') && raw.type ? raw.type : 'userTask';
  if (type === 'adHocSubProcess') {
    return {
      type,
      activateElements: (raw.activateElements ?? []).map((element, index) => {
        if (!element.elementId) throw invalidArgument(`Expected 'result.activateElements[${index}].elementId' to be set, but it was empty`);
        const variables = parseVariablesDocument(element.variables, `result.activateElements[${index}].variables`);
        return { elementId: element.elementId, ...(variables ? { variables } : {}) };
      }),
      isCompletionConditionFulfilled: present(raw, 'isCompletionConditionFulfilled') ? Boolean(raw.isCompletionConditionFulfilled) : false,
      isCancelRemainingInstances: present(raw, 'isCancelRemainingInstances') ? Boolean(raw.isCancelRemainingInstances) : false,
    };
  }
  if (type !== 'userTask') throw invalidArgument(`Expected the job result type to be one of ["userTask", "adHocSubProcess"], but was '${type}'`);
  return {
    type,
    denied: present(raw, 'denied') ? Boolean(raw.denied) : false,
    ...(present(raw, 'deniedReason') ? { deniedReason: raw.deniedReason } : {}),
    ...(present(raw, 'corrections') && raw.corrections ? { corrections: corrections(raw.corrections) } : {}),
  };
}
