import { evaluate, parseExpression, type Warning } from 'feelin';
import { takeComparisonWarnings } from './feelin-patches';
import { mayRunLong, resetFeelBudget, withinFeelTimeBudget } from './evaluation-budget';
import { withParseCache } from './parse-cache';
import { evaluationContext } from './evaluation-context';
import { iterationFunctions, resetIterationBudget, withIterationBudget } from './iteration-budget';
import { simpleExpressionValue } from './simple-expressions';
import { camundaExtensions, takeAssertionFailure } from './camunda-extensions';
import { describeFeelinWarnings } from './warnings';
import { toJsonValue } from './feel-value';
import { arithmeticFunctions, withCamundaArithmetic } from './arithmetic-rewrite';
import { takeArithmeticWarnings } from './arithmetic';
import { camundaExtensionFunctions, chargeVariables, engineHiddenFunctions, meteringCalls } from './call-budget';

// Calls of the rewrites' hidden functions are counted already (as loop items, or not at all: operators).
engineHiddenFunctions(iterationFunctions);
engineHiddenFunctions(arithmeticFunctions);

/** The outcome of parsing or evaluating FEEL: a value (with feelin's warnings, if any) or a failure message. */
export type FeelResult<T = unknown> = { ok: true; value: T; warnings?: string[] } | { ok: false; failure: string };

/** What an evaluation may read besides its variables. */
export interface FeelContext {
  /** The engine clock in epoch milliseconds; `now()` and `today()` read it instead of the system clock. */
  now: number;
}

/** A parsed-and-checked expression, cached by its full text (`=…`). */
interface CompiledExpression {
  /** The FEEL source after the leading `=`. */
  body: string;
  /** Why the expression does not parse, or undefined if it does. */
  syntaxFailure?: string;
}

const MAX_CACHED_EXPRESSIONS = 10_000;
const compiledExpressions = new Map<string, CompiledExpression>();

/**
 * The Camunda extension functions by name, as a parse context: the parser must know multi-word names like
 * `get or else`. (No extension may be named like a word of a built-in's name, e.g. `duration`: lezer-feel
 * would then stop reading `years and months duration` as one name.)
 */
export const extensionNames: Record<string, unknown> = Object.fromEntries(
  Object.keys(camundaExtensions(0)).map((name) => [name, true]),
);

/** Whether a property value is a FEEL expression: Zeebe marks those with a leading `=` (after trimming). */
export function isExpression(text: string): boolean {
  return typeof text === 'string' && text.trim().startsWith('=');
}

/**
 * Checks an expression's syntax, as Zeebe does when a process is deployed.
 *
 * @example checkExpression('=a +') // { ok: false, failure: "failed to parse expression 'a +': …" }
 */
export function checkExpression(text: string): FeelResult<void> {
  if (!isExpression(text)) return { ok: false, failure: `Expected an expression that starts with '=', but was '${text}'` };
  const compiled = compile(text);
  return compiled.syntaxFailure ? { ok: false, failure: compiled.syntaxFailure } : { ok: true, value: undefined };
}

/**
 * Evaluates an `=…` expression against the given variables and returns a JSON-compatible value.
 *
 * As in Camunda 8, a missing variable, a missing context entry, an unknown function or an operation on the
 * wrong types yields `null` plus a warning — not a failure; callers that need a particular type report the
 * null (see {@link evaluateExpressionOfType} for Zeebe's message). Failures are syntax errors, a failed
 * `assert(...)` and results that have no JSON form (functions, ranges).
 *
 * @example
 * evaluateExpression('=amount > 100', { amount: 120 }, { now: clock.now() }) // { ok: true, value: true }
 * evaluateExpression('=x + 1', {}, ctx) // { ok: true, value: null, warnings: ["[NO_VARIABLE_FOUND] No variable found with name 'x'"] }
 */
export function evaluateExpression(text: string, variables: Record<string, unknown>, ctx: FeelContext): FeelResult {
  if (!isExpression(text)) return { ok: false, failure: `Expected an expression that starts with '=', but was '${text}'` };
  const compiled = compile(text);
  if (compiled.syntaxFailure) return { ok: false, failure: compiled.syntaxFailure };
  return evaluateBody(compiled.body, variables, ctx);
}

/**
 * Resolves a property that is either static text or an `=…` expression (Zeebe's "expression or static
 * value" properties such as a job type or a correlation key).
 */
export function evaluateProperty(text: string, variables: Record<string, unknown>, ctx: FeelContext): FeelResult {
  if (isExpression(text)) return evaluateExpression(text, variables, ctx);
  return { ok: true, value: text };
}

/**
 * Evaluates bare FEEL source (no leading `=`), as DMN input and output entries are written.
 * Same result rules as {@link evaluateExpression}.
 */
export function evaluateFeel(source: string, variables: Record<string, unknown>, ctx: FeelContext): FeelResult {
  return evaluateExpression(`=${source}`, variables, ctx);
}

/** Formats feelin's warnings as Zeebe lists them in an incident message: `[TYPE] message`. */
export function describeWarnings(warnings: readonly string[] | undefined): string {
  if (!warnings || warnings.length === 0) return '';
  return `The evaluation reported the following warnings:\n${warnings.join('\n')}`;
}

function evaluateBody(body: string, variables: Record<string, unknown>, ctx: FeelContext): FeelResult {
  const evaluation = evaluateNative(body, variables, ctx);
  if (!evaluation.ok) return evaluation;
  const json = toJsonValue(evaluation.value);
  if (!json.ok) return { ok: false, failure: `failed to evaluate expression '${body}': ${json.failure}` };
  return evaluation.warnings ? { ok: true, value: json.value, warnings: evaluation.warnings } : { ok: true, value: json.value };
}

/**
 * Evaluates bare FEEL source and keeps the FEEL-native result (dates stay dates, functions stay functions),
 * for callers that feed it into further FEEL, like DMN input values. Syntax is checked (and cached) first.
 */
export function evaluateFeelNative(source: string, variables: Record<string, unknown>, ctx: FeelContext): FeelResult {
  const compiled = compile(`=${source}`);
  if (compiled.syntaxFailure) return { ok: false, failure: compiled.syntaxFailure };
  return evaluateNative(compiled.body, variables, ctx);
}

function evaluateNative(body: string, variables: Record<string, unknown>, ctx: FeelContext): FeelResult {
  const simple = simpleExpressionValue(body, variables);
  if (simple) return { ok: true, value: simple.value };
  let evaluation: { value: unknown; warnings: Warning[] };
  takeAssertionFailure();
  takeComparisonWarnings();
  takeArithmeticWarnings();
  resetFeelBudget();
  resetIterationBudget();
  try {
    const context = evaluationContext(body, variables, extensionsAt(ctx.now));
    chargeVariables(context);
    const guarded = mayRunLong(body);
    // Function calls charge the same budget as loops (call-budget.ts), on every evaluation.
    evaluation = meteringCalls(() => withParseCache(body, context, () => {
      // Loops count the list items they iterate over (iteration-budget.ts); only loops can multiply them.
      const counted = guarded ? withIterationBudget(body, context) : body;
      if (counted !== body) Object.assign(context, iterationFunctions);
      const source = withCamundaArithmetic(counted, context);
      if (source !== counted) Object.assign(context, arithmeticFunctions);
      // Only feelin runs under the watchdog: a timeout skips `finally` blocks, so ours stay outside it.
      return guarded ? withinFeelTimeBudget(() => evaluate(source, context)) : evaluate(source, context);
    }));
  } catch (error) {
    return { ok: false, failure: describeThrown(body, error) };
  }
  const warnings = [
    ...describeFeelinWarnings(evaluation.warnings),
    ...takeArithmeticWarnings(),
    ...takeComparisonWarnings(),
  ];
  const assertion = takeAssertionFailure();
  if (assertion !== undefined) {
    // Zeebe: "Assertion failure on evaluate the expression '…': <cause> The evaluation reported …"
    return {
      ok: false,
      failure: `Assertion failure on evaluate the expression '${body}': ${assertion} ${describeWarnings([...warnings, `[ASSERT_FAILURE] ${assertion}`])}`,
    };
  }
  return warnings.length > 0 ? { ok: true, value: evaluation.value, warnings } : { ok: true, value: evaluation.value };
}

/** Turns an exception out of feelin into a failure naming the expression. */
export function describeThrown(source: string, error: unknown): string {
  return `failed to evaluate expression '${source}': ${describeError(error)}`;
}

/**
 * An exception's message for a failure; running out of stack (a recursive function thousands of calls deep, a
 * value nested as deep) is named as the limit it is rather than as V8's "Maximum call stack size exceeded".
 */
export function describeError(error: unknown): string {
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return '求值递归或嵌套过深 / Expected the evaluation to recurse or nest at most a few thousand levels deep (the engine\'s stack), but it goes deeper';
  }
  return (error as Error)?.message ?? String(error);
}

/** The Camunda extension functions bound to the engine clock, shared by consecutive calls at one instant. */
let cachedExtensions: { now: number; functions: Record<string, unknown> } | undefined;

export function extensionsAt(now: number): Record<string, unknown> {
  if (cachedExtensions?.now !== now) cachedExtensions = { now, functions: camundaExtensionFunctions(camundaExtensions(now)) };
  return cachedExtensions.functions;
}

function compile(text: string): CompiledExpression {
  const cached = compiledExpressions.get(text);
  if (cached) return cached;
  const body = text.trim().slice(1).trim();
  const compiled: CompiledExpression = { body, syntaxFailure: syntaxFailureOf(body) };
  if (compiledExpressions.size >= MAX_CACHED_EXPRESSIONS) compiledExpressions.clear();
  compiledExpressions.set(text, compiled);
  return compiled;
}

function syntaxFailureOf(body: string): string | undefined {
  if (body === '') return `failed to parse expression '${body}': the expression is empty`;
  let failure: string | undefined;
  try {
    parseExpression(body, extensionNames, undefined).iterate({
      enter(node) {
        if (failure) return false;
        if (node.type.isError) {
          const near = body.slice(node.from, Math.min(body.length, node.from + 20));
          failure =
            `failed to parse expression '${body}': syntax error at position ${node.from}` +
            (near ? ` near '${near}'` : ' (the expression is incomplete)');
          return false;
        }
        return undefined;
      },
    });
  } catch (error) {
    failure = `failed to parse expression '${body}': ${(error as Error).message}`;
  }
  return failure;
}
