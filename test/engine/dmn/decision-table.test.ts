import { expect } from 'chai';
import { evaluateDecision, parseDecisionRequirements, type ParsedDecisionRequirements } from '../../../engine/dmn';
import { dmnTable, type TableSpec } from './dmn-xml';

const ctx = { now: Date.parse('2025-03-01T00:00:00Z') };

function parse(spec: TableSpec): ParsedDecisionRequirements {
  const parsed = parseDecisionRequirements(dmnTable(spec));
  if (!parsed.ok) throw new Error(parsed.failure);
  return parsed.value;
}

/** A table scoring `x`: rules match overlapping ranges so that several can match at once. */
const scoring = (hitPolicy: string, aggregation?: string): TableSpec => ({
  hitPolicy,
  aggregation,
  inputs: ['x'],
  outputs: [{ name: 'score', values: '3,2,1' }],
  rules: [
    ['> 10', '1'],
    ['> 20', '3'],
    ['> 30', '2'],
  ],
});

describe('DMN decision tables', () => {
  describe('hit policies (DMN 1.3 §8.2.11, as dmn-scala applies them)', () => {
    const rows: [string, string | undefined, number, unknown, number[]][] = [
      ['UNIQUE', undefined, 15, 1, [1]],
      ['UNIQUE', undefined, 5, null, []],
      ['FIRST', undefined, 35, 1, [1]],
      ['PRIORITY', undefined, 35, 3, [2]],
      ['PRIORITY', undefined, 15, 1, [1]],
      ['OUTPUT ORDER', undefined, 35, [3, 2, 1], [2, 3, 1]],
      ['RULE ORDER', undefined, 35, [1, 3, 2], [1, 2, 3]],
      ['COLLECT', undefined, 35, [1, 3, 2], [1, 2, 3]],
      ['COLLECT', 'SUM', 35, 6, [1, 2, 3]],
      ['COLLECT', 'MIN', 35, 1, [1, 2, 3]],
      ['COLLECT', 'MAX', 35, 3, [1, 2, 3]],
      ['COLLECT', 'COUNT', 25, 2, [1, 2]],
      // no rule matches: null for every policy (dmn-scala applies no hit policy then)
      ['COLLECT', undefined, 1, null, []],
      ['COLLECT', 'COUNT', 1, null, []],
      ['RULE ORDER', undefined, 1, null, []],
    ];
    for (const [hitPolicy, aggregation, x, output, ruleIndexes] of rows) {
      it(`${hitPolicy}${aggregation ? ` ${aggregation}` : ''} with x = ${x} → ${JSON.stringify(output)} (rules ${ruleIndexes.join(', ') || 'none'})`, () => {
        const result = evaluateDecision(parse(scoring(hitPolicy, aggregation)), 'decision', { x }, ctx);
        expect(result.ok).to.equal(true);
        if (!result.ok) return;
        expect(result.value.output).to.deep.equal(output);
        expect(result.value.evaluatedDecisions[0].matchedRules.map((rule) => rule.ruleIndex)).to.deep.equal(ruleIndexes);
      });
    }

    it('UNIQUE fails when more than one rule matches', () => {
      const result = evaluateDecision(parse(scoring('UNIQUE')), 'decision', { x: 25 }, ctx);
      expect(result.ok).to.equal(false);
      if (result.ok) return;
      expect(result.failure).to.match(/^multiple values aren't allowed for UNIQUE hit policy\. found: 1, 3 \(rules 'Rule_1', 'Rule_2'\)/);
      expect(result.failedDecisionId).to.equal('decision');
      // the failed table is traced with the inputs it saw and every rule that matched
      expect(result.evaluatedDecisions.map((decision) => [decision.output, decision.evaluatedInputs.map((input) => input.inputValue), decision.matchedRules.map((rule) => rule.ruleIndex)]))
        .to.deep.equal([[null, [25], [1, 2]]]);
    });

    it('ANY accepts several matches with the same output', () => {
      const table: TableSpec = { hitPolicy: 'ANY', inputs: ['x'], outputs: [{ name: 'ok' }], rules: [['> 1', 'true'], ['> 2', 'true']] };
      const result = evaluateDecision(parse(table), 'decision', { x: 5 }, ctx);
      expect(result.ok && result.value.output).to.equal(true);
    });

    it('ANY fails when the matches disagree', () => {
      const result = evaluateDecision(parse(scoring('ANY')), 'decision', { x: 25 }, ctx);
      expect(!result.ok && result.failure).to.match(/^different values aren't allowed for ANY hit policy/);
    });

    it('PRIORITY without output values keeps rule order', () => {
      const table: TableSpec = { hitPolicy: 'PRIORITY', inputs: ['x'], outputs: [{ name: 'o' }], rules: [['> 1', '"a"'], ['> 2', '"b"']] };
      const result = evaluateDecision(parse(table), 'decision', { x: 5 }, ctx);
      expect(result.ok && result.value.output).to.equal('a');
    });

    it('a COLLECT SUM over a non-number fails', () => {
      const table: TableSpec = { hitPolicy: 'COLLECT', aggregation: 'SUM', inputs: ['x'], outputs: [{ name: 'o' }], rules: [['-', '"a"']] };
      const result = evaluateDecision(parse(table), 'decision', { x: 5 }, ctx);
      expect(!result.ok && result.failure).to.match(/^expected number but found '"a"'/);
    });
  });

  describe('unary tests in input entries', () => {
    const table: TableSpec = {
      hitPolicy: 'FIRST',
      inputs: ['category', 'amount'],
      outputs: [{ name: 'lane' }],
      rules: [
        ['"政府投资","社会投资"', '[0..1000]', '"green"'],
        ['not("简易低风险")', '> 1000', '"review"'],
        ['-', '< 0', '"invalid"'],
        ['"简易低风险"', '-', '"fast"'],
        ['', '', '"other"'],
      ],
    };
    const rows: [string, unknown, string][] = [
      ['政府投资', 500, 'green'],
      ['社会投资', 1000, 'green'],
      ['社会投资', 1001, 'review'],
      ['简易低风险', 5000, 'fast'],
      ['其他', -1, 'invalid'],
      ['其他', null, 'other'],
    ];
    for (const [category, amount, lane] of rows) {
      it(`${category} / ${amount} → ${lane}`, () => {
        const result = evaluateDecision(parse(table), 'decision', { category, amount }, ctx);
        expect(result.ok && result.value.output).to.equal(lane);
      });
    }
  });

  describe('outputs', () => {
    it('several outputs make a context keyed by output name', () => {
      const table: TableSpec = { inputs: ['x'], outputs: [{ name: 'a' }, { name: 'b' }], rules: [['-', '1', '"two"']] };
      const result = evaluateDecision(parse(table), 'decision', { x: 1 }, ctx);
      expect(result.ok && result.value.output).to.deep.equal({ a: 1, b: 'two' });
    });

    it('several outputs in a RULE ORDER table make a list of contexts', () => {
      const table: TableSpec = { hitPolicy: 'RULE ORDER', inputs: ['x'], outputs: [{ name: 'a' }, { name: 'b' }], rules: [['-', '1', '2'], ['-', '3', '4']] };
      const result = evaluateDecision(parse(table), 'decision', { x: 1 }, ctx);
      expect(result.ok && result.value.output).to.deep.equal([{ a: 1, b: 2 }, { a: 3, b: 4 }]);
    });

    it('output entries are FEEL expressions over the variables', () => {
      const table: TableSpec = { inputs: ['x'], outputs: [{ name: 'due' }], rules: [['-', 'date(start) + duration("P" + string(x) + "D")']] };
      const result = evaluateDecision(parse(table), 'decision', { x: 20, start: '2025-03-01' }, ctx);
      expect(result.ok && result.value.output).to.equal('2025-03-21');
    });

    it('an empty output entry is null', () => {
      const table: TableSpec = { inputs: ['x'], outputs: [{ name: 'a' }, { name: 'b' }], rules: [['-', '1', '']] };
      const result = evaluateDecision(parse(table), 'decision', { x: 1 }, ctx);
      expect(result.ok && result.value.output).to.deep.equal({ a: 1, b: null });
    });

    it('default output entries apply when no rule matches', () => {
      const table: TableSpec = { inputs: ['x'], outputs: [{ name: 'lane', defaultEntry: '"manual"' }], rules: [['> 5', '"auto"']] };
      const result = evaluateDecision(parse(table), 'decision', { x: 1 }, ctx);
      expect(result.ok && result.value.output).to.equal('manual');
    });
  });

  describe('the evaluated-decision trace (Zeebe DECISION_EVALUATION record)', () => {
    it('lists every input value and the matched rules with their outputs, as JSON', () => {
      const table: TableSpec = { hitPolicy: 'COLLECT', inputs: ['x', 'date(d)'], outputs: [{ name: 'o' }], rules: [['> 1', '-', '"a"'], ['> 9', '-', '"b"'], ['> 2', '-', '"c"']] };
      const result = evaluateDecision(parse(table), 'decision', { x: 5, d: '2025-03-01' }, ctx);
      expect(result.ok).to.equal(true);
      if (!result.ok) return;
      expect(result.value.evaluatedDecisions).to.deep.equal([
        {
          decisionId: 'decision',
          decisionName: 'Decision',
          decisionType: 'DECISION_TABLE',
          output: ['a', 'c'],
          evaluatedInputs: [
            { inputId: 'Input_1', inputName: 'in1', inputValue: 5 },
            { inputId: 'Input_2', inputName: 'in2', inputValue: '2025-03-01' },
          ],
          matchedRules: [
            { ruleId: 'Rule_1', ruleIndex: 1, evaluatedOutputs: [{ outputId: 'Output_1', outputName: 'o', outputValue: 'a' }] },
            { ruleId: 'Rule_3', ruleIndex: 3, evaluatedOutputs: [{ outputId: 'Output_1', outputName: 'o', outputValue: 'c' }] },
          ],
        },
      ]);
    });

    it('a FEEL-native input (a date) is compared as a date in the unary tests', () => {
      const table: TableSpec = { inputs: ['date(d)'], outputs: [{ name: 'o' }], rules: [['< date("2025-01-01")', '"old"'], ['>= date("2025-01-01")', '"new"']] };
      const result = evaluateDecision(parse(table), 'decision', { d: '2025-03-01' }, ctx);
      expect(result.ok && result.value.output).to.equal('new');
    });
  });
});
