// Which processes a buffered message already reached (Zeebe's message correlation column family): one marker
// `messageKey|bpmnProcessId` per process, in EngineState.messageCorrelations, which snapshots carry as a list.
// Next to it a derived index by message key, rebuilt on restore, lets an expiring message drop its own markers
// instead of scanning every marker of every buffered message.
import type { Key } from '../api';
import type { EngineState } from './engine-state';

/** The marker saying that message `messageKey` reached (or is reaching) a process. */
export function correlationMarker(messageKey: Key, bpmnProcessId: string): string {
  return `${messageKey}|${bpmnProcessId}`;
}

/** The message reached the process: it will not reach another instance of it while it is buffered. */
export function markCorrelation(state: EngineState, messageKey: Key, bpmnProcessId: string): void {
  const marker = correlationMarker(messageKey, bpmnProcessId);
  state.messageCorrelations.add(marker);
  let markers = state.messageCorrelationsByMessage.get(messageKey);
  if (!markers) state.messageCorrelationsByMessage.set(messageKey, (markers = new Set()));
  markers.add(marker);
}

/** The process refused the message: it is free for another instance of the process. */
export function unmarkCorrelation(state: EngineState, messageKey: Key, bpmnProcessId: string): void {
  const marker = correlationMarker(messageKey, bpmnProcessId);
  state.messageCorrelations.delete(marker);
  const markers = state.messageCorrelationsByMessage.get(messageKey);
  markers?.delete(marker);
  if (markers?.size === 0) state.messageCorrelationsByMessage.delete(messageKey);
}

/** The message expired: every marker of it goes. */
export function forgetCorrelations(state: EngineState, messageKey: Key): void {
  for (const marker of state.messageCorrelationsByMessage.get(messageKey) ?? []) state.messageCorrelations.delete(marker);
  state.messageCorrelationsByMessage.delete(messageKey);
}

/** After a restore filled {@link EngineState.messageCorrelations}: the index by message key, from the markers. */
export function rebuildCorrelationsByMessage(state: EngineState): void {
  state.messageCorrelationsByMessage.clear();
  for (const marker of state.messageCorrelations) {
    // Message keys are digits: the first `|` ends the key, whatever the process id holds.
    const messageKey = marker.slice(0, marker.indexOf('|'));
    let markers = state.messageCorrelationsByMessage.get(messageKey);
    if (!markers) state.messageCorrelationsByMessage.set(messageKey, (markers = new Set()));
    markers.add(marker);
  }
}
