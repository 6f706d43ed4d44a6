/**
 * The engine's command surface: what the gateways (gRPC, REST) and the in-process test harness call.
 *
 * Every method that changes state resolves only after the records it produced are durably committed
 * (acknowledge after commit), and rejects with an {@link EngineRejection} carrying Zeebe's rejection type.
 * Keys are 64-bit integers written as decimal strings at this boundary; they never pass through a
 * JavaScript number.
 *
 * Ownership: the engine core owns this folder. Gateways adapt to it; they never reach into state.
 */
export * from './keys-and-variables';
export * from './engine-rejection';
export * from './deployments';
export * from './process-instances';
export * from './jobs';
export * from './messages';
export * from './decisions';
export * from './user-tasks';
export * from './records';
export * from './callers';
export * from './engine-api';
