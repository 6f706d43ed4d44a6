// The engine API's basic values: keys as decimal strings, variable documents, the default tenant.

/** A 64-bit Zeebe key (partition 1 keys start at 2^51 + 1), as a decimal string. */
export type Key = string;

/** A variables document: always a JSON object, never an array or a scalar. */
export type Variables = Record<string, unknown>;

/** The tenant every request without one belongs to (the SDK sends it literally, zeebe-node sends ""). */
export const DEFAULT_TENANT = '<default>';
