/**
 * What is true now, derived from the record stream: state changes only in appliers, one per (value type,
 * event intent). Replaying the log through the appliers rebuilds exactly this state.
 */
export * from './engine-state';
export { applyEvent, replayRecord, hasApplier } from './appliers';
export { restoreCapturedState, dueEntriesOf } from './state-image';
export { StateCapture, type CapturedState } from './state-capture';
export { conditionalSubscriptionsReading, hasLiveInstances, incidentsOf, messageStartSubscriptionsOf, signalSubscriptionsNamed, startSubscriptionsOf } from './live-indexes';
