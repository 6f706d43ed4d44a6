/**
 * What a sound FEEL expression costs on the engine thread, to set its budgets from (issue 13;
 * `ONEGO_FEEL_ENGINE_MAX_MILLIS`, `ONEGO_FEEL_ENGINE_MAX_RANGE_ELEMENTS`): every `=…` expression of the models in
 * `bpmn/`, evaluated against variables where every name the expression reads is a list of 50 small cases (the
 * worst a loop of these models sees), then every decision of the DMN files with empty inputs. Prints p50, p99
 * and max per evaluation after one warm-up round. Not a test.
 *
 *   node --import tsx scripts/bench-feel-cost.ts [--rounds 20]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluateDecision, parseDecisionRequirements } from '../engine/dmn';
import { evaluateExpression } from '../engine/feel';
import { percentile } from './bench/drive';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '20' } } });
const rounds = Number(values.rounds);
const folder = join(import.meta.dirname, '..', 'bpmn');
const ctx = { now: Date.parse('2026-12-04T09:00:00+08:00') };

function unescapeXml(text: string): string {
  return text.replace(/&#34;|&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** A case-like item: the fields the models' loops read (name, department, decision, opinion, fulfilled, …). */
function item(index: number): Record<string, unknown> {
  return {
    name: `材料 ${index}`, department: 'market-regulation', decision: index % 3 === 0 ? 'defects' : 'approve', opinion: '补正',
    fulfilled: index % 2 === 0, dueBeforeStage: index % 4, item: { name: `事项 ${index}`, department: 'tax' }, days: index,
  };
}

const expressions = new Set<string>();
for (const file of readdirSync(folder).filter((name) => name.endsWith('.bpmn'))) {
  for (const match of readFileSync(join(folder, file), 'utf8').matchAll(/"(=[^"]+)"/g)) expressions.add(unescapeXml(match[1]));
}
/** Expressions a budget stopped: a sound model's never should be. */
const stoppedByBudget = new Map<string, string>();
const list = Array.from({ length: 50 }, (_, index) => item(index));
const names = (expression: string) => new Set(expression.match(/[\p{L}_][\p{L}\p{N}_]*/gu) ?? []);
const variablesFor = (expression: string) => Object.fromEntries([...names(expression)].map((name) => [name, list]));

function measure(label: string, runs: (() => void)[]): void {
  for (const run of runs) run(); // warm-up
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const run of runs) {
      const started = performance.now();
      run();
      samples.push(performance.now() - started);
    }
  }
  samples.sort((a, b) => a - b);
  console.log(`${label}: ${runs.length} × ${rounds} evaluations, p50 ${percentile(samples, 50).toFixed(3)} ms, p99 ${percentile(samples, 99).toFixed(3)} ms, max ${samples[samples.length - 1].toFixed(3)} ms`);
}

console.log(`load average ${loadavg().map((load) => load.toFixed(1)).join(' ')}`);
measure('model expressions (variables: lists of 50 cases)', [...expressions].map((expression) => {
  const variables = variablesFor(expression);
  return () => {
    const result = evaluateExpression(expression, variables, ctx);
    if (!result.ok && /ONEGO_FEEL_/.test(result.failure)) stoppedByBudget.set(expression, result.failure.match(/\((ONEGO_FEEL_[A-Z_]+)/)?.[1] ?? '');
  };
}));
console.log(`model expressions stopped by a FEEL budget (should be none): ${stoppedByBudget.size}${[...stoppedByBudget].map(([expression, setting]) => `\n  ${setting}: ${expression}`).join('')}`);
const decisions: (() => void)[] = [];
const decisionsStopped = new Set<string>();
for (const file of readdirSync(folder).filter((name) => name.endsWith('.dmn'))) {
  const parsed = parseDecisionRequirements(readFileSync(join(folder, file), 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.failure}`);
  for (const id of parsed.value.compiled.keys()) {
    decisions.push(() => {
      const result = evaluateDecision(parsed.value, id, {}, ctx);
      if (!result.ok && /ONEGO_FEEL_/.test((result as { failure: string }).failure)) decisionsStopped.add(`${file}#${id}`);
    });
  }
}
measure('whole decisions of the time-limit DMNs', decisions);
console.log(`decisions stopped by a FEEL budget (should be none): ${decisionsStopped.size} ${[...decisionsStopped].join(', ')}`);
