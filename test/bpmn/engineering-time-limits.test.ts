import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateDecision, parseDecisionRequirements, type ParsedDecisionRequirements } from '../../engine/dmn';
import { lintModelFile } from '../../scripts/commands/lint';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bpmn', 'engineering-time-limits.dmn');
const now = Date.parse('2025-09-30T09:00:00+08:00');

interface TimeLimits {
  totalLimitDays: number;
  stage1Days: number;
  stage2Days: number;
  stage3Days: number;
  stage4Days: number;
}

describe('the engineering time-limit decision', () => {
  let drg: ParsedDecisionRequirements;

  before(async () => {
    const parsed = parseDecisionRequirements(await readFile(file, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.failure);
    drg = parsed.value;
  });

  function limits(variables: Record<string, unknown>): TimeLimits {
    const result = evaluateDecision(drg, 'engineering-time-limits', variables, { now });
    if (!result.ok) throw new Error(result.failure);
    return result.value.output as TimeLimits;
  }

  const cases: Array<[string, Record<string, unknown>, TimeLimits]> = [
    ['government investment: 70', { flowchartCategory: 'government-investment', fastTrack: false }, { totalLimitDays: 70, stage1Days: 25, stage2Days: 20, stage3Days: 10, stage4Days: 15 }],
    ['social-investment civil: 45', { flowchartCategory: 'social-investment-civil', fastTrack: false }, { totalLimitDays: 45, stage1Days: 10, stage2Days: 15, stage3Days: 8, stage4Days: 12 }],
    ['social-investment industrial: 45', { flowchartCategory: 'social-investment-industrial', fastTrack: false }, { totalLimitDays: 45, stage1Days: 10, stage2Days: 15, stage3Days: 8, stage4Days: 12 }],
    ['social-investment industrial on the fast track: 35', { flowchartCategory: 'social-investment-industrial', fastTrack: true }, { totalLimitDays: 35, stage1Days: 7, stage2Days: 12, stage3Days: 6, stage4Days: 10 }],
    ['simple low-risk: 20', { flowchartCategory: 'simple-low-risk', fastTrack: false }, { totalLimitDays: 20, stage1Days: 3, stage2Days: 5, stage3Days: 5, stage4Days: 7 }],
    ['a chart the table does not know: the provincial cap of 100', { flowchartCategory: 'unlisted', fastTrack: false }, { totalLimitDays: 100, stage1Days: 25, stage2Days: 25, stage3Days: 25, stage4Days: 25 }],
  ];
  for (const [title, variables, expected] of cases) {
    it(`answers the stated limits for ${title}`, () => {
      expect(limits(variables)).to.deep.equal(expected);
    });
  }

  it('gives the fast track only to industrial projects', () => {
    expect(limits({ flowchartCategory: 'social-investment-civil', fastTrack: true }).totalLimitDays).to.equal(45);
    expect(limits({ flowchartCategory: 'government-investment', fastTrack: true }).totalLimitDays).to.equal(70);
  });

  it('treats a missing fastTrack flag as the ordinary industrial chart', () => {
    expect(limits({ flowchartCategory: 'social-investment-industrial' }).totalLimitDays).to.equal(45);
  });

  it('never answers more than 100 working days and its stages always add up to the total', () => {
    const categories = ['government-investment', 'social-investment-civil', 'social-investment-industrial', 'simple-low-risk', 'unlisted', null];
    for (const flowchartCategory of categories) {
      for (const fastTrack of [true, false, null]) {
        const answer = limits({ flowchartCategory, fastTrack });
        expect(answer.totalLimitDays, `${flowchartCategory}/${fastTrack}`).to.be.at.most(100);
        expect(answer.stage1Days + answer.stage2Days + answer.stage3Days + answer.stage4Days, `${flowchartCategory}/${fastTrack}`).to.equal(answer.totalLimitDays);
      }
    }
  });

  it('names the matched rule in the evaluation trace', () => {
    const result = evaluateDecision(drg, 'engineering-time-limits', { flowchartCategory: 'social-investment-industrial', fastTrack: true }, { now });

    expect(result.ok).to.equal(true);
    if (!result.ok) return;
    expect(result.value.evaluatedDecisions[0]!.matchedRules.map((rule) => rule.ruleId)).to.deep.equal(['Rule_SocialInvestmentIndustrialFast']);
  });

  it('passes the model lint (DMN parse without warnings)', async () => {
    expect(await lintModelFile(file)).to.deep.equal([]);
  });
});
