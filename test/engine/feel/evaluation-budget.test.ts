import { expect } from 'chai';
import { evaluateFeel } from '../../../engine/feel';
import { FEEL_ENGINE_MAX_MILLIS, FEEL_ENGINE_MAX_RANGE_ELEMENTS } from '../../../engine/feel/evaluation-budget';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from '../conformance/support';

const { process, start, end, scriptTask, chain } = bpmn;
const ctx = { now: Date.parse('2026-12-04T09:00:00Z') };

describe('the FEEL evaluation budget', () => {
  it('stops a loop over 30 million numbers at once with a clear Chinese and English failure', () => {
    const result = evaluateFeel('count(for x in 1..30000000 return x)', {}, ctx);
    expect(result.ok).to.equal(false);
    expect(!result.ok && result.failure).to.match(/FEEL 求值超出预算.*at most 10000 range elements \(ONEGO_FEEL_ENGINE_MAX_RANGE_ELEMENTS\)/);
  });

  it('counts nested loops together: 200 × 200 is over the engine thread\'s budget', () => {
    const result = evaluateFeel('count(for x in 1..200, y in 1..200 return x + y)', {}, ctx);
    expect(result.ok).to.equal(false);
  });

  it('lets loops within the budget run, each evaluation with a fresh budget', () => {
    expect(FEEL_ENGINE_MAX_RANGE_ELEMENTS).to.equal(10_000);
    for (let i = 0; i < 3; i++) {
      expect(evaluateFeel('count(for x in 1..6000 return x)', {}, ctx)).to.deep.equal({ ok: true, value: 6_000 });
    }
    expect(evaluateFeel('sum(for x in 1..100 return x)', {}, ctx)).to.deep.equal({ ok: true, value: 5050 });
  });

  it('stops exponential recursion on the engine thread by its step budget (each call one step, ONEGO_FEEL_ENGINE_MAX_ITERATIONS), before the time budget, the same way every time', () => {
    const started = performance.now();
    const results = [0, 1].map(() => evaluateFeel('{f: function(n) if n = 0 then 1 else f(n - 1) + f(n - 1)}.f(40)', {}, ctx));
    const took = performance.now() - started;
    expect(results[0].ok).to.equal(false);
    expect(!results[0].ok && results[0].failure).to.match(/FEEL 求值超出预算.*at most 10000 list items \(ONEGO_FEEL_ENGINE_MAX_ITERATIONS\).*calls of functions it defines/);
    expect(results[1]).to.deep.equal(results[0]);
    // stopped by the count, not after the 2^40 calls (which would take days); generous bound for a loaded machine
    expect(FEEL_ENGINE_MAX_MILLIS).to.equal(200);
    expect(took).to.be.below(FEEL_ENGINE_MAX_MILLIS * 50);
  });

  it('stops a cartesian loop over long lists that no range budget sees, by its list-item step budget before the time budget', () => {
    const list = Array.from({ length: 2000 }, (_, i) => i);
    const result = evaluateFeel('count(for x in l, y in l, z in l return x)', { l: list }, ctx);
    expect(result.ok).to.equal(false);
    expect(!result.ok && result.failure).to.match(/at most 10000 list items \(ONEGO_FEEL_ENGINE_MAX_ITERATIONS\)/);
  });

  it('answers a catastrophically backtracking pattern in matches(), replace() and split() at once: re2js does not backtrack (it froze the engine)', () => {
    expect(evaluateFeel('matches("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", "(a+)+$")', {}, ctx)).to.deep.equal({ ok: true, value: false });
    expect(evaluateFeel('replace("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", "(a|aa)+$", "x")', {}, ctx)).to.deep.equal({ ok: true, value: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' });
    expect(evaluateFeel('split("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", "(a+)+$")', {}, ctx)).to.deep.equal({ ok: true, value: ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'] });
    expect(evaluateFeel('matches("OneGo-2026", "^[A-Za-z]+-[0-9]{4}$")', {}, ctx)).to.deep.equal({ ok: true, value: true });
  });

  it('leaves the next evaluations working after a stopped one, compound names included', () => {
    evaluateFeel('{f: function(n) if n = 0 then 1 else f(n - 1) + f(n - 1)}.f(40)', {}, ctx);
    expect(evaluateFeel('sum(for x in [1, 2, 3] return x * 2)', {}, ctx)).to.deep.equal({ ok: true, value: 12 });
    expect(evaluateFeel('first name + "!"', { 'first name': '张' }, ctx)).to.deep.equal({ ok: true, value: '张!' });
    expect(evaluateFeel('some x in [1, 5] satisfies x > 4', {}, ctx)).to.deep.equal({ ok: true, value: true });
  });

  describe('in a process', () => {
    let bed: ConformanceBed;
    before(async () => {
      bed = await startConformanceBed();
      await bed.deploy(
        process('feel-bomb', start('s'), scriptTask('bomb', '=count(for x in 1..30000000 return x)', 'n'), end('e'), chain('s', 'bomb', 'e')),
        process('feel-fine', start('s'), scriptTask('fine', '=count(for x in 1..10 return x)', 'n'), end('e'), chain('s', 'fine', 'e')),
        process('feel-recursion', start('s'), scriptTask('recursion', '={f: function(n) if n = 0 then 1 else f(n - 1) + f(n - 1)}.f(40)', 'n'), end('e'), chain('s', 'recursion', 'e')),
      );
    });
    after(async () => {
      await bed?.close();
    });

    it('raises an incident naming the budget, and the engine goes on serving other instances', async () => {
      const bomb = await bed.start('feel-bomb', {});
      const incident = await bed.waitForIncident(bomb);
      expect(String(incident.value.errorMessage)).to.match(/at most 10000 range elements/);
      const fine = await bed.start('feel-fine', {});
      await bed.waitForCompletion(fine);
      expect(bed.variablesOf(fine)).to.deep.include({ n: 10 });
    });

    it('stops runaway recursion in element logic by its step budget with an incident naming ONEGO_FEEL_ENGINE_MAX_ITERATIONS', async () => {
      const runaway = await bed.start('feel-recursion', {});
      const incident = await bed.waitForIncident(runaway);
      expect(String(incident.value.errorMessage)).to.match(/FEEL 求值超出预算.* \/ Expected the expression to iterate over at most 10000 list items \(ONEGO_FEEL_ENGINE_MAX_ITERATIONS\)/);
      expect(incident.value.elementId).to.equal('recursion');
      const fine = await bed.start('feel-fine', {});
      await bed.waitForCompletion(fine);
    });
  });
});

describe('the FEEL evaluation budget in a decision evaluated through the REST API', () => {
  it('answers with the failed decision and the budget message instead of freezing, and the engine keeps answering', async () => {
    const { startRestTestBed } = await import('../gateway/rest/rest-test-bed');
    const bed = await startRestTestBed();
    try {
      const dmn = `<?xml version="1.0" encoding="UTF-8"?><definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="drg" name="DRG" namespace="http://onego"><decision id="bomb" name="Bomb"><literalExpression id="le"><text>count(for x in 1..30000000 return x)</text></literalExpression></decision></definitions>`;
      const form = new FormData();
      form.append('resources', new Blob([dmn]), 'bomb.dmn');
      expect((await fetch(`${bed.url}/v2/deployments`, { method: 'POST', body: form })).status).to.equal(200);
      const response = await bed.call('POST', '/decision-definitions/evaluation', { body: { decisionDefinitionId: 'bomb', variables: {} } });
      // Zeebe answers a decision that fails to evaluate with the failed decision and its message, not an error status
      expect(response.status).to.equal(200);
      const body = (await response.json()) as { failedDecisionDefinitionId: string; failureMessage: string };
      expect(body.failedDecisionDefinitionId).to.equal('bomb');
      expect(body.failureMessage).to.match(/at most 10000 range elements/);
      expect((await bed.call('GET', '/topology')).status).to.equal(200);
    } finally {
      await bed.close();
    }
  });
});
