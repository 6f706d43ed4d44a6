/**
 * `none`: every caller is let in as nobody (local development and the engine's own tests);
 * `basic`: HTTP Basic / session cookie on REST and Basic metadata on gRPC, checked against the identity file.
 */
export type AuthMode = 'none' | 'basic';

/** Parse `--auth`; throws "Expected …, but …" for anything else. */
export function parseAuthMode(value: string): AuthMode {
  if (value === 'none' || value === 'basic') return value;
  throw new Error(`Expected --auth to be 'none' or 'basic', but was '${value}'`);
}
