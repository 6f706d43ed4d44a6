import { DEFAULT_TENANT, EngineRejection, type ActivatedJob, type Key, type Variables } from '../../api';
import { MAX_VARIABLE_DEPTH } from '../../variable-document';
import { documentJson } from '../../variable-json';
import { OFF_THREAD_FROM_BYTES, joinedVariables, splitOffThread } from '../off-thread-json';
import { invalidArgument } from './errors';

/**
 * Conversions between the wire shapes of the gateway protocol (JSON documents as strings, int64 as decimal
 * strings, proto3 zero values for "absent") and the engine's command surface.
 */

/** How Zeebe names the JSON type of a document root in its "was 'ARRAY'" messages. */
function documentTypeName(value: unknown): string {
  if (value === null) return 'NIL';
  if (Array.isArray(value)) return 'ARRAY';
  switch (typeof value) {
    case 'string':
      return 'STRING';
    case 'boolean':
      return 'BOOLEAN';
    case 'number':
      return Number.isInteger(value) ? 'INTEGER' : 'FLOAT';
    default:
      return 'UNKNOWN';
  }
}

/**
 * Parse a variables document. Empty (proto3's default) means "no variables"; anything else must be a JSON
 * object, refused with Zeebe's wording otherwise.
 */
export function parseVariablesDocument(document: string | SplitDocument | undefined, property = 'variables'): Variables | undefined {
  if (document instanceof SplitDocument) return document.variables;
  if (document === undefined || document.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch (error) {
    throw notJson(property, error instanceof Error ? error.message : String(error));
  }
  return rootObject(parsed, property);
}

function notJson(property: string, reason: string): Error {
  return invalidArgument(`Property '${property}' is invalid: Expected document to be valid JSON, but it was not: ${reason}`);
}

/**
 * A variables document parsed and checked on an isolation thread (off-thread-json.ts), standing where its text
 * was in the request, so the handlers' {@link parseVariablesDocument} takes it as it is.
 */
export class SplitDocument {
  constructor(readonly variables: Variables) {}
}

/**
 * A variables document of {@link OFF_THREAD_FROM_BYTES} or more, parsed and checked on an isolation thread
 * with the errors {@link parseVariablesDocument} and the engine's variable check give; its big values stay
 * text on the engine thread (lazy-variable-values.ts). Smaller documents are left for the handler to parse.
 */
export async function splitBigVariablesDocument(document: unknown, property = 'variables'): Promise<SplitDocument | undefined> {
  if (typeof document !== 'string' || document.length < OFF_THREAD_FROM_BYTES || document.trim() === '') return undefined;
  const outcome = await splitOffThread({ json: document, shape: 'document', maxDepth: MAX_VARIABLE_DEPTH });
  if (outcome.kind === 'syntax') throw notJson(property, outcome.message);
  if (outcome.kind === 'too-deep') {
    throw new EngineRejection('INVALID_ARGUMENT', `Expected variables to be nested at most ${MAX_VARIABLE_DEPTH} levels deep, but they are nested deeper`);
  }
  if (!outcome.split) return new SplitDocument(rootObject(outcome.body, property));
  return new SplitDocument(joinedVariables(outcome.body as Record<string, unknown>, outcome.order, outcome.big, document.length));
}

function rootObject(parsed: unknown, property: string): Variables {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidArgument(
      `Property '${property}' is invalid: Expected document to be a root level object, but was '${documentTypeName(parsed)}'`,
    );
  }
  return parsed as Variables;
}

/** Like {@link parseVariablesDocument}, but an absent document is an empty one. */
export function parseVariablesOrEmpty(document: string | undefined, property = 'variables'): Variables {
  return parseVariablesDocument(document, property) ?? {};
}

/**
 * Serialize for a response field clients JSON.parse unconditionally: always an object, at least "{}". Big
 * variable values reuse the JSON text they keep (variable-json.ts).
 */
export function toJsonObjectString(value: Record<string, unknown> | undefined | null): string {
  return documentJson(value);
}

const INT64_MAX = 2n ** 63n - 1n;

/**
 * A key as the engine wants it: a canonical decimal string. proto3's zero ("0") or an empty value means the
 * field was not set; a value that is not an int64 is refused before the engine sees it.
 */
export function optionalKey(value: string | number | undefined | null, property: string): Key | undefined {
  if (value === undefined || value === null || value === '' || value === '0' || value === 0) return undefined;
  return requireKey(value, property);
}

/** A key that must be present; its validity is checked, its existence is the engine's business. */
export function requireKey(value: string | number | undefined | null, property: string): Key {
  const text = value === undefined || value === null ? '' : String(value).trim();
  if (!/^-?\d+$/.test(text)) {
    throw invalidArgument(`Expected '${property}' to be a 64-bit integer key, but was '${text}'`);
  }
  const asBigInt = BigInt(text);
  if (asBigInt > INT64_MAX || asBigInt < -INT64_MAX - 1n) {
    throw invalidArgument(`Expected '${property}' to be a 64-bit integer key, but '${text}' is out of range`);
  }
  return asBigInt.toString();
}

/**
 * An int64 duration or count as a JavaScript number. Durations in milliseconds stay far below 2^53, so
 * the number is exact; an absurd value is refused instead of silently rounded.
 */
export function int64ToNumber(value: string | number | undefined | null, property: string): number {
  if (value === undefined || value === null || value === '') return 0;
  const parsed = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(parsed)) {
    throw invalidArgument(`Expected '${property}' to be an integer within ±2^53, but was '${String(value)}'`);
  }
  return parsed;
}

/** A proto3 string where "" means "not set". */
export function optionalString(value: string | undefined | null): string | undefined {
  return value === undefined || value === null || value === '' ? undefined : value;
}

/**
 * The tenant a request is for. The SDK sends "<default>", zeebe-node sends "" — both mean the default
 * tenant. Multi-tenancy is off, so any other tenant is refused the way Zeebe's gateway refuses it.
 */
export function resolveTenant(tenantId: string | undefined | null, rpc: string): string {
  if (tenantId === undefined || tenantId === null || tenantId === '' || tenantId === DEFAULT_TENANT) return DEFAULT_TENANT;
  throw invalidArgument(
    `Expected to handle gRPC request ${rpc} with tenant identifier '${tenantId}', but multi-tenancy is disabled`,
  );
}

/** The tenants a job request is for; an empty list (zeebe-node) is the default tenant. */
export function resolveTenants(tenantIds: readonly string[] | undefined | null, rpc: string): string[] {
  if (!tenantIds || tenantIds.length === 0) return [DEFAULT_TENANT];
  return [...new Set(tenantIds.map((tenantId) => resolveTenant(tenantId, rpc)))];
}

/** A job list restricted to named variables; an empty list means all. */
export function optionalList(values: readonly string[] | undefined | null): string[] | undefined {
  return values && values.length > 0 ? [...values] : undefined;
}

/** The wire shape of `gateway_protocol.ActivatedJob`. */
export interface ActivatedJobMessage {
  key: string;
  type: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  processDefinitionVersion: number;
  processDefinitionKey: string;
  elementId: string;
  elementInstanceKey: string;
  customHeaders: string;
  worker: string;
  retries: number;
  deadline: string;
  variables: string;
  tenantId: string;
}

/**
 * An activated job as clients receive it. `variables` and `customHeaders` are always JSON object strings:
 * zeebe-node's worker JSON.parses both without a guard and crashes on "".
 */
export function toActivatedJobMessage(job: ActivatedJob): ActivatedJobMessage {
  return {
    key: job.key,
    type: job.type,
    processInstanceKey: job.processInstanceKey,
    bpmnProcessId: job.bpmnProcessId,
    processDefinitionVersion: job.processDefinitionVersion,
    processDefinitionKey: job.processDefinitionKey,
    elementId: job.elementId,
    elementInstanceKey: job.elementInstanceKey,
    customHeaders: toJsonObjectString(job.customHeaders),
    worker: job.worker,
    retries: job.retries,
    deadline: String(job.deadline),
    variables: toJsonObjectString(job.variables),
    tenantId: job.tenantId || DEFAULT_TENANT,
  };
}
