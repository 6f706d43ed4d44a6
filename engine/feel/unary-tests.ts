import { evaluate as evaluateExpression, parseUnaryTests, unaryTest } from 'feelin';
import { describeThrown, extensionNames, extensionsAt, type FeelContext, type FeelResult } from './expression';
import { describeFeelinWarnings } from './warnings';
import { withParseCache } from './parse-cache';
import { simpleUnaryTests } from './simple-unary-tests';
import { evaluationContext } from './evaluation-context';
import { chargeVariables, meteringCalls } from './call-budget';
import { resetIterationBudget } from './iteration-budget';

const syntaxFailures = new Map<string, string | undefined>();
const MAX_CACHED_TESTS = 10_000;

/**
 * Checks the syntax of FEEL unary tests (a DMN input entry such as `> 5`, `[1..10]`, `"a","b"`,
 * `not("x")` or `-`), as Zeebe does when a decision is deployed.
 */
export function checkUnaryTests(source: string): FeelResult<void> {
  const failure = unaryTestsSyntaxFailure(source);
  return failure ? { ok: false, failure } : { ok: true, value: undefined };
}

/**
 * Whether `inputValue` satisfies the unary tests. An empty entry and `-` match anything. The result is
 * `true`, `false`, or `null` when a test could not be decided (feelin's warnings say why).
 */
export function evaluateUnaryTests(
  source: string,
  inputValue: unknown,
  variables: Record<string, unknown>,
  ctx: FeelContext,
): FeelResult<boolean | null> {
  const text = source.trim();
  if (text === '' || text === '-') return { ok: true, value: true };
  const failure = unaryTestsSyntaxFailure(text);
  if (failure) return { ok: false, failure };
  const input = inputValue ?? null;
  if (input === null || typeof input === 'string' || typeof input === 'number' || typeof input === 'boolean') {
    const simple = simpleUnaryTests(text);
    if (simple) return { ok: true, value: simple(input) };
  }
  try {
    const context = evaluationContext(text, variables, extensionsAt(ctx.now), { '?': inputValue ?? null });
    // Function calls in a test are charged like an expression's (call-budget.ts), from a fresh budget per test.
    resetIterationBudget();
    chargeVariables(context);
    if (input === null && text.includes('?') && meteringCalls(() => nullWithNullInput(text, context))) return { ok: true, value: null };
    const result = meteringCalls(() => withParseCache(text, context, () => unaryTest(text, context)));
    const warnings = describeFeelinWarnings(result.warnings);
    const value = result.value === true ? true : result.value === false ? false : null;
    return warnings.length > 0 ? { ok: true, value, warnings } : { ok: true, value };
  } catch (error) {
    return { ok: false, failure: describeThrown(text, error) };
  }
}

/**
 * A test on `?` whose expression itself yields null for a null input (`starts with(?, "3701")`) is undecided,
 * as in Camunda's feel-scala; feelin would otherwise compare that null with the null input and call it a match,
 * so a rule for one city would catch every case without a jurisdiction.
 */
function nullWithNullInput(text: string, context: Record<string, unknown>): boolean {
  try {
    return evaluateExpression(text, context).value === null;
  } catch {
    // Not a single expression (a list of tests, a range): feelin's unary-test rules decide it.
    return false;
  }
}

function unaryTestsSyntaxFailure(source: string): string | undefined {
  const text = source.trim();
  if (text === '' || text === '-') return undefined;
  if (syntaxFailures.has(text)) return syntaxFailures.get(text);
  let failure: string | undefined;
  try {
    parseUnaryTests(text, extensionNames, undefined).iterate({
      enter(node) {
        if (failure) return false;
        if (node.type.isError) {
          failure = `failed to parse unary tests '${text}': syntax error at position ${node.from}`;
          return false;
        }
        return undefined;
      },
    });
  } catch (error) {
    failure = `failed to parse unary tests '${text}': ${(error as Error).message}`;
  }
  if (syntaxFailures.size >= MAX_CACHED_TESTS) syntaxFailures.clear();
  syntaxFailures.set(text, failure);
  return failure;
}
