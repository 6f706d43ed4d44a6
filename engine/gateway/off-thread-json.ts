import type { Variables } from '../api';
import { isolationPool, type IsolationPool } from '../isolation';
import type { BigVariable, SplitOutcome, SplitRequest } from '../isolation/json-body-split';
import { defineLazyValue } from '../lazy-variable-values';
import { rememberCheckedDocument } from '../variable-document';

/**
 * JSON from callers that is big enough to hold the engine thread — a REST body or a gRPC variables document
 * from {@link OFF_THREAD_FROM_BYTES} on — is parsed and checked on an isolation thread, and its big variables
 * come back as text the engine keeps unparsed (issue 13; engine/isolation/json-body-split.ts). Smaller JSON is
 * parsed where it arrives: handing it over would cost more than parsing it.
 */
export const OFF_THREAD_FROM_BYTES = 64 * 1024;

/**
 * The variables document a split described: its small values as parsed, its big ones as lazy values
 * (lazy-variable-values.ts), names in the order the caller sent them. It is remembered as checked, so the
 * variable check does not walk it again.
 */
export function joinedVariables(small: Record<string, unknown>, order: string[], big: BigVariable[], bytes: number): Variables {
  const texts = new Map(big);
  const document: Record<string, unknown> = {};
  for (const name of order) {
    const json = texts.get(name);
    if (json !== undefined) defineLazyValue(document, name, json);
    // defined, not assigned: a variable named `__proto__` (an own name in parsed JSON) must stay a variable
    else Object.defineProperty(document, name, { value: small[name], enumerable: true, writable: true, configurable: true });
  }
  rememberCheckedDocument(document, bytes);
  return document;
}

/** Runs a split on the isolation pool. */
export function splitOffThread(request: SplitRequest, pool: IsolationPool = isolationPool()): Promise<SplitOutcome> {
  return pool.run({ op: 'split-json', ...request });
}

/** A parsed outcome's body with its variables document joined again (see {@link joinedVariables}). */
export function joinedBody(outcome: Extract<SplitOutcome, { kind: 'parsed' }>, bytes: number): unknown {
  if (!outcome.split) return outcome.body;
  const body = outcome.body as { variables: Record<string, unknown> };
  return { ...body, variables: joinedVariables(body.variables, outcome.order, outcome.big, bytes) };
}
