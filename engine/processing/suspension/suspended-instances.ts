/**
 * Queries about suspended process instances (Camunda 8.10), shared by the suspension processor, the gate that
 * parks commands and the places that skip suspended instances (job activation, message and signal correlation).
 */
import type { Key } from '../../api';
import type { ElementInstance, EngineState } from '../../state';

/** The process element of `processInstanceKey` if that instance is suspended, else undefined. */
export function suspendedProcess(state: EngineState, processInstanceKey: Key | unknown): ElementInstance | undefined {
  if (typeof processInstanceKey !== 'string' || processInstanceKey === '-1') return undefined;
  const instance = state.elementInstances.get(processInstanceKey);
  return instance?.suspension ? instance : undefined;
}

/** Whether the process instance is suspended. */
export function isSuspended(state: EngineState, processInstanceKey: Key | unknown): boolean {
  return suspendedProcess(state, processInstanceKey) !== undefined;
}

/**
 * The process element of `rootKey` and of every instance it called (call activities, at any depth), parents
 * before children, with the element instances of each (the first entry is `rootKey`'s own).
 */
export function instanceTree(state: EngineState, rootKey: Key): { process: ElementInstance; elements: ElementInstance[] }[] {
  const result: { process: ElementInstance; elements: ElementInstance[] }[] = [];
  const visit = (processKey: Key) => {
    const process = state.elementInstances.get(processKey);
    if (!process) return;
    const elements: ElementInstance[] = [];
    const called: Key[] = [];
    const walk = (scopeKey: Key) => {
      for (const childKey of state.childrenOf(scopeKey)) {
        const child = state.elementInstances.get(childKey);
        if (!child) continue;
        elements.push(child);
        if (child.calledChildInstanceKey) called.push(child.calledChildInstanceKey);
        walk(childKey);
      }
    };
    walk(processKey);
    result.push({ process, elements });
    for (const childProcess of called) visit(childProcess);
  };
  visit(rootKey);
  return result;
}
