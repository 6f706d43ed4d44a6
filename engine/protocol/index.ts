/**
 * The engine's vocabulary: record kinds, value types and intents, named exactly as Zeebe names them.
 * No logic lives here; every other folder speaks these names.
 */
export * from './value-type';
export * from './intent';
export * from './record';
export * from './keys';
