import { describeWarnings, evaluateExpression, type FeelContext, type FeelResult } from './expression';

/** Zeebe's names for the JSON type of an expression result, as its incident messages spell them. */
export type ResultType = 'NULL' | 'BOOLEAN' | 'NUMBER' | 'STRING' | 'ARRAY' | 'OBJECT';

/** The {@link ResultType} of a JSON value. */
export function resultTypeOf(value: unknown): ResultType {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return 'BOOLEAN';
  if (typeof value === 'number') return 'NUMBER';
  if (typeof value === 'string') return 'STRING';
  if (Array.isArray(value)) return 'ARRAY';
  return 'OBJECT';
}

/**
 * Evaluates an `=…` expression that must produce a value of a given type (a condition must be a BOOLEAN,
 * a job type a STRING, …) and fails with Zeebe's incident text otherwise:
 * `Expected result of the expression 'x' to be 'STRING', but was 'NULL'. The evaluation reported the
 * following warnings:\n[NO_VARIABLE_FOUND] No variable found with name 'x'`.
 */
export function evaluateExpressionOfType(
  text: string,
  expected: ResultType | readonly ResultType[],
  variables: Record<string, unknown>,
  ctx: FeelContext,
): FeelResult {
  const result = evaluateExpression(text, variables, ctx);
  if (!result.ok) return result;
  const allowed = typeof expected === 'string' ? [expected] : expected;
  const actual = resultTypeOf(result.value);
  if (allowed.includes(actual)) return result;
  const body = text.trim().slice(1).trim();
  const wanted = allowed.length === 1 ? `'${allowed[0]}'` : `one of '[${allowed.join(', ')}]'`;
  const warnings = describeWarnings(result.warnings);
  return {
    ok: false,
    failure: `Expected result of the expression '${body}' to be ${wanted}, but was '${actual}'.${warnings ? ` ${warnings}` : ''}`,
  };
}
