import { evaluateFeelNative, evaluateUnaryTests, toJsonValue, type FeelContext } from '../feel';
import type { CompiledDecisionTable, CompiledRule } from './decision-requirements';
import type { EvaluatedDecisionTrace } from './evaluated-decision';

/** A decision table's native (FEEL) output and its trace, or why it could not be evaluated. */
export type TableOutcome =
  | { ok: true; output: unknown; trace: Pick<EvaluatedDecisionTrace, 'matchedRules' | 'evaluatedInputs'> }
  | { ok: false; failure: string; trace: Pick<EvaluatedDecisionTrace, 'matchedRules' | 'evaluatedInputs'> };

interface MatchedRule {
  rule: CompiledRule;
  /** Output values in output order (FEEL-native). */
  values: unknown[];
}

/**
 * Evaluates a decision table: input expressions first, then every rule's unary tests against the input
 * values, then the hit policy over the matched rules (DMN 1.3, §8.2.11).
 */
export function evaluateDecisionTable(
  table: CompiledDecisionTable,
  variables: Record<string, unknown>,
  ctx: FeelContext,
): TableOutcome {
  const trace: Pick<EvaluatedDecisionTrace, 'matchedRules' | 'evaluatedInputs'> = { matchedRules: [], evaluatedInputs: [] };
  const inputValues: unknown[] = [];
  for (const input of table.inputs) {
    const evaluated = evaluateFeelNative(input.expression, variables, ctx);
    if (!evaluated.ok) return { ok: false, failure: evaluated.failure, trace };
    inputValues.push(evaluated.value);
    trace.evaluatedInputs.push({ inputId: input.id, inputName: input.name, inputValue: json(evaluated.value) });
  }

  const matched: MatchedRule[] = [];
  for (const rule of table.rules) {
    let matches = true;
    for (let position = 0; position < rule.inputEntries.length && matches; position++) {
      const test = evaluateUnaryTests(rule.inputEntries[position], inputValues[position], variables, ctx);
      if (!test.ok) return { ok: false, failure: test.failure, trace };
      matches = test.value === true;
    }
    if (!matches) continue;
    const values: unknown[] = [];
    for (const entry of rule.outputEntries) {
      if (entry === '') {
        values.push(null);
        continue;
      }
      const evaluated = evaluateFeelNative(entry, variables, ctx);
      if (!evaluated.ok) return { ok: false, failure: evaluated.failure, trace };
      values.push(evaluated.value);
    }
    matched.push({ rule, values });
    if (table.hitPolicy === 'FIRST') break;
  }

  if (matched.length === 0) {
    // No rule matched: the outputs' default entries, or null (dmn-scala applies no hit policy here, so an
    // unmatched COLLECT table yields null rather than an empty list or a zero count).
    const defaults: [string, unknown][] = [];
    for (const output of table.outputs) {
      if (output.defaultOutputEntry === undefined) continue;
      const evaluated = evaluateFeelNative(output.defaultOutputEntry, variables, ctx);
      if (!evaluated.ok) return { ok: false, failure: evaluated.failure, trace };
      defaults.push([output.name, evaluated.value]);
    }
    const output = defaults.length === 0 ? null : defaults.length === 1 ? defaults[0][1] : Object.fromEntries(defaults);
    return { ok: true, output, trace };
  }

  const selected = applyHitPolicy(table, matched, variables, ctx);
  const reported = selected.ok ? selected.rules : matched;
  trace.matchedRules = reported.map(({ rule, values }) => ({
    ruleId: rule.id,
    ruleIndex: rule.index,
    evaluatedOutputs: table.outputs.map((output, position) => ({
      outputId: output.id,
      outputName: output.name,
      outputValue: json(values[position]),
    })),
  }));
  if (!selected.ok) return { ok: false, failure: selected.failure, trace };
  return { ok: true, output: selected.output, trace };
}

type Selection = { ok: true; output: unknown; rules: MatchedRule[] } | { ok: false; failure: string };

function applyHitPolicy(
  table: CompiledDecisionTable,
  matched: MatchedRule[],
  variables: Record<string, unknown>,
  ctx: FeelContext,
): Selection {
  const single = (rule: MatchedRule | undefined): Selection =>
    ({ ok: true, output: rule ? ruleOutput(table, rule) : null, rules: rule ? [rule] : [] });
  switch (table.hitPolicy) {
    case 'UNIQUE':
      if (matched.length > 1) {
        return {
          ok: false,
          failure: `multiple values aren't allowed for UNIQUE hit policy. found: ${describeOutputs(table, matched)} (rules ${matched.map(({ rule }) => `'${rule.id}'`).join(', ')})`,
        };
      }
      return single(matched[0]);
    case 'FIRST':
      return single(matched[0]);
    case 'ANY': {
      const outputs = matched.map((rule) => JSON.stringify(json(ruleOutput(table, rule))));
      if (new Set(outputs).size > 1) {
        return {
          ok: false,
          failure: `different values aren't allowed for ANY hit policy. found: ${[...new Set(outputs)].join(', ')} (rules ${matched.map(({ rule }) => `'${rule.id}'`).join(', ')})`,
        };
      }
      return { ok: true, output: matched.length > 0 ? ruleOutput(table, matched[0]) : null, rules: matched };
    }
    case 'PRIORITY': {
      const ordered = byOutputPriority(table, matched, variables, ctx);
      return ordered.ok ? single(ordered.rules[0]) : ordered;
    }
    case 'OUTPUT ORDER': {
      const ordered = byOutputPriority(table, matched, variables, ctx);
      return ordered.ok ? { ok: true, output: ordered.rules.map((rule) => ruleOutput(table, rule)), rules: ordered.rules } : ordered;
    }
    case 'RULE ORDER':
      return { ok: true, output: matched.map((rule) => ruleOutput(table, rule)), rules: matched };
    case 'COLLECT': {
      const aggregated = aggregate(table, matched);
      return aggregated.ok ? { ok: true, output: aggregated.value, rules: matched } : aggregated;
    }
  }
}

/** One rule's result: the bare value for a single-output table, a context keyed by output name otherwise. */
function ruleOutput(table: CompiledDecisionTable, rule: MatchedRule): unknown {
  if (table.outputs.length === 1) return rule.values[0];
  return Object.fromEntries(table.outputs.map((output, position) => [output.name, rule.values[position]]));
}

function aggregate(table: CompiledDecisionTable, matched: MatchedRule[]): { ok: true; value: unknown } | { ok: false; failure: string } {
  const values = matched.map((rule) => ruleOutput(table, rule));
  if (!table.aggregation) return { ok: true, value: values };
  if (table.aggregation === 'COUNT') return { ok: true, value: values.length };
  const notANumber = values.find((value) => typeof value !== 'number');
  if (notANumber !== undefined) {
    return { ok: false, failure: `expected number but found '${JSON.stringify(json(notANumber))}' for the ${table.aggregation} aggregation` };
  }
  const numbers = values as number[];
  if (table.aggregation === 'SUM') return { ok: true, value: numbers.reduce((sum, value) => sum + value, 0) };
  if (table.aggregation === 'MIN') return { ok: true, value: Math.min(...numbers) };
  return { ok: true, value: Math.max(...numbers) };
}

function describeOutputs(table: CompiledDecisionTable, matched: MatchedRule[]): string {
  return matched.map((rule) => JSON.stringify(json(ruleOutput(table, rule)))).join(', ');
}

/**
 * Orders matched rules by the position of their outputs in the outputs' allowed values (earlier = higher
 * priority), comparing outputs left to right; a value outside the list ranks last and ties keep rule order
 * (so a table without output values keeps rule order, as dmn-scala does).
 */
function byOutputPriority(
  table: CompiledDecisionTable,
  matched: MatchedRule[],
  variables: Record<string, unknown>,
  ctx: FeelContext,
): { ok: true; rules: MatchedRule[] } | { ok: false; failure: string } {
  const ranks = new Map<MatchedRule, number[]>();
  for (const rule of matched) {
    const rank: number[] = [];
    for (const [position, output] of table.outputs.entries()) {
      if (output.outputValues.length === 0) continue;
      let found = output.outputValues.length;
      for (const [valuePosition, allowed] of output.outputValues.entries()) {
        const test = evaluateUnaryTests(allowed, rule.values[position], variables, ctx);
        if (!test.ok) return test;
        if (test.value === true) {
          found = valuePosition;
          break;
        }
      }
      rank.push(found);
    }
    ranks.set(rule, rank);
  }
  const rules = [...matched].sort((a, b) => {
    const rankA = ranks.get(a)!;
    const rankB = ranks.get(b)!;
    for (let position = 0; position < rankA.length; position++) {
      if (rankA[position] !== rankB[position]) return rankA[position] - rankB[position];
    }
    return a.rule.index - b.rule.index;
  });
  return { ok: true, rules };
}

function json(value: unknown): unknown {
  const converted = toJsonValue(value);
  return converted.ok ? converted.value : null;
}
