/**
 * A fast path for the expressions that make up most mappings and decision-table cells: a literal (`"manual"`,
 * `5`, `true`, `null`) or a path into the variables (`applicant.age`). They are answered without feelin when
 * the answer is certain — every step of the path exists in a plain object — and left to feelin otherwise
 * (a missing name, for its warning; a list on the way, for FEEL's projection).
 */
const NAME = String.raw`[\p{L}_][\p{L}\p{N}_]*`;
const PATH = new RegExp(`^${NAME}(?:\\.${NAME})*$`, 'u');
const STRING_LITERAL = /^"([^"\\]*)"$/;
const NUMBER_LITERAL = /^-?\d+(?:\.\d+)?$/;
const KEYWORDS = new Set([
  'and', 'or', 'for', 'in', 'return', 'if', 'then', 'else', 'some', 'every', 'satisfies', 'between',
  'instance', 'of', 'not', 'function', 'external',
]);

/** The value of `source` if it is a literal or a fully present path, else undefined (ask feelin). */
export function simpleExpressionValue(source: string, variables: Record<string, unknown>): { value: unknown } | undefined {
  const string = STRING_LITERAL.exec(source);
  if (string) return { value: string[1] };
  if (NUMBER_LITERAL.test(source)) return { value: Number(source) };
  if (source === 'true') return { value: true };
  if (source === 'false') return { value: false };
  if (source === 'null') return { value: null };
  if (!PATH.test(source)) return undefined;
  let current: unknown = variables;
  for (const segment of source.split('.')) {
    if (KEYWORDS.has(segment)) return undefined;
    if (!isPlainObject(current) || !Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = current[segment];
  }
  return current === undefined ? undefined : { value: current };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
