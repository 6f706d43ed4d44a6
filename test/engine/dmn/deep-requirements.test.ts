import { expect } from 'chai';
import { evaluateDecision, parseDecisionRequirements, type ParsedDecisionRequirements } from '../../../engine/dmn';

const ctx = { now: Date.parse('2025-03-01T00:00:00Z') };

/**
 * A chain of literal decisions `d0 → d1 → … → d<depth-1>`, each requiring the next and adding one to its
 * output (all named `n`, so the expression text repeats); with `cyclic` the last requires the first.
 */
function chain(depth: number, cyclic = false): string {
  const decisions: string[] = [];
  for (let level = 0; level < depth; level++) {
    const next = level + 1 < depth ? level + 1 : cyclic ? 0 : undefined;
    const requirement = next === undefined ? '' : `<informationRequirement id="ir${level}"><requiredDecision href="#d${next}" /></informationRequirement>`;
    decisions.push(`<decision id="d${level}" name="d${level}"><variable id="v${level}" name="n" />${requirement}<literalExpression id="l${level}"><text>${next === undefined ? '1' : 'n + 1'}</text></literalExpression></decision>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?><definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="chain" name="chain" namespace="http://onego.example">${decisions.join('')}</definitions>`;
}

function parse(xml: string): ParsedDecisionRequirements {
  const parsed = parseDecisionRequirements(xml);
  if (!parsed.ok) throw new Error(parsed.failure);
  return parsed.value;
}

describe('DMN requirement chains thousands of decisions deep (issue 13)', function () {
  this.timeout(60_000);

  it('refuses a 5,000-decision cycle naming its start and end, not all 5,000', () => {
    const parsed = parseDecisionRequirements(chain(5_000, true));

    expect(parsed.ok).to.equal(false);
    const failure = (parsed as { failure: string }).failure;
    expect(failure).to.match(/^Invalid DMN model: Cyclic dependencies between decisions detected \(d0 → d1 → .* → … \(4981 more\) → .* → d4999 → d0\)$/);
    expect(failure.length).to.be.lessThan(400);
  });

  it('evaluates a 10-decision chain, each required decision first', () => {
    const result = evaluateDecision(parse(chain(10)), 'd0', {}, ctx);

    expect(result.ok, (result as { failure?: string }).failure).to.equal(true);
    if (!result.ok) return;
    expect(result.value.output).to.equal(10);
    expect(result.value.evaluatedDecisions).to.have.length(10);
    expect(result.value.evaluatedDecisions[0].decisionId).to.equal('d9');
  });

  it('stops a chain with 10,000 variables at the FEEL time budget with a failure naming it, instead of holding the thread', () => {
    const variables = Object.fromEntries(Array.from({ length: 10_000 }, (_, index) => [`v${index}`, index]));

    const result = evaluateDecision(parse(chain(5_000)), 'd0', variables, ctx);

    expect(result.ok).to.equal(false);
    expect((result as { failure: string }).failure).to.match(/within \d+ ms of CPU time \(ONEGO_FEEL_ENGINE_MAX_MILLIS; \d+ ms of wall time\), but after \d+ of its 5000 decisions/);
  });

  it('reads a 12,000-decision chain without recursion and stops its evaluation at the engine thread\'s budget, never with a stack message', () => {
    const parsed = parseDecisionRequirements(chain(12_000));
    expect(parsed.ok, (parsed as { failure?: string }).failure).to.equal(true);

    const result = evaluateDecision(parse(chain(12_000)), 'd0', {}, ctx);

    expect(result.ok).to.equal(false);
    const failure = (result as { failure: string }).failure;
    expect(failure).to.match(/^决策求值超时 \/ Expected the decision 'd0' to be evaluated within \d+ ms of CPU time \(ONEGO_FEEL_ENGINE_MAX_MILLIS; \d+ ms of wall time\), but after \d+ of its 12000 decisions/);
    expect(failure).to.not.match(/call stack/i);
  });

  it('fails a decision whose output nests deeper than variables may, or whose functions recurse deeper than the call depth, with a Chinese and English message naming the limit', () => {
    const deciding = (feel: string) => `<?xml version="1.0" encoding="UTF-8"?><definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="deep-drg" name="deep" namespace="x"><decision id="deep" name="deep"><literalExpression id="l"><text>${feel}</text></literalExpression></decision></definitions>`;

    const nested = evaluateDecision(parse(deciding('{f: function(n) if n = 0 then 0 else {v: f(n - 1)}}.f(200)')), 'deep', {}, ctx);
    const recursed = evaluateDecision(parse(deciding('{f: function(n) if n = 0 then 0 else 1 + f(n - 1)}.f(100000)')), 'deep', {}, ctx);

    expect((nested as { failure: string }).failure).to.match(/结果嵌套超过 100 层 \/ Expected the result to be nested at most 100 levels deep/);
    expect((recursed as { failure: string }).failure).to.match(/FEEL 函数调用嵌套过深：最多 256 层 \/ Expected the functions the expression defines to nest at most 256 calls deep \(ONEGO_FEEL_MAX_CALL_DEPTH\)/);
    expect((recursed as { failure: string }).failure).to.not.match(/Maximum call stack/);
  });

  it('lets each decision see only the outputs of the decisions it requires', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?><definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="s" name="s" namespace="x">
      <decision id="a" name="a"><variable id="va" name="a" /><literalExpression id="la"><text>"from a"</text></literalExpression></decision>
      <decision id="b" name="b"><variable id="vb" name="b" /><informationRequirement id="r1"><requiredDecision href="#a" /></informationRequirement><literalExpression id="lb"><text>a</text></literalExpression></decision>
      <decision id="top" name="top"><variable id="vt" name="top" /><informationRequirement id="r2"><requiredDecision href="#b" /></informationRequirement><literalExpression id="lt"><text>[b, a]</text></literalExpression></decision>
    </definitions>`;

    const result = evaluateDecision(parse(xml), 'top', { a: 'variable a' }, ctx);

    expect(result.ok).to.equal(true);
    if (result.ok) expect(result.value.output).to.deep.equal(['from a', 'variable a']);
  });
});
