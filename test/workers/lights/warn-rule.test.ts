import { expect } from 'chai';
import { DEFAULT_WARN_RULE, warnOffsetMinutes, warnRuleFromEnv } from '../../../workers/lights';

const WD = 420;

describe('the yellow-light rule', () => {
  const cases: Array<[string, number, number]> = [
    ['a 45-day limit lights at 80 %', 45 * WD, 36 * WD],
    ['a 10-day limit lights at 80 %', 10 * WD, 8 * WD],
    ['a 5-day limit lights after 4 days (both halves agree)', 5 * WD, 4 * WD],
    ['a 4-day limit lights with 1 day left, before 80 %', 4 * WD, 3 * WD],
    ['a 2-day limit lights with 1 day left (50 %)', 2 * WD, WD],
    ['a 1-day limit lights at the 50 % floor, not at once', WD, WD / 2],
    ['a half-day limit lights at the 50 % floor', WD / 2, WD / 4],
    ['a 2-hour limit lights after 1 hour', 120, 60],
  ];
  for (const [what, limit, offset] of cases) {
    it(`says ${what}`, () => {
      expect(warnOffsetMinutes(limit, DEFAULT_WARN_RULE, WD)).to.equal(offset);
    });
  }

  it('uses only the elapsed share when the days-left half is turned off', () => {
    const rule = warnRuleFromEnv({ ONEGO_WARN_REMAINING_WORKING_DAYS: '0' });
    expect(warnOffsetMinutes(2 * WD, rule, WD)).to.equal(0.8 * 2 * WD);
  });

  it('never puts the floor above the configured share', () => {
    const rule = warnRuleFromEnv({ ONEGO_WARN_ELAPSED_PERCENT: '40' });
    expect(rule).to.deep.equal({ elapsedPercent: 40, remainingWorkingDays: 1, minimumElapsedPercent: 50 });
    expect(warnOffsetMinutes(WD, rule, WD)).to.equal(0.4 * WD);
  });

  it('reads every threshold from the environment', () => {
    const rule = warnRuleFromEnv({ ONEGO_WARN_ELAPSED_PERCENT: '90', ONEGO_WARN_REMAINING_WORKING_DAYS: '2', ONEGO_WARN_MIN_ELAPSED_PERCENT: '60' });
    expect(rule).to.deep.equal({ elapsedPercent: 90, remainingWorkingDays: 2, minimumElapsedPercent: 60 });
    expect(warnOffsetMinutes(10 * WD, rule, WD)).to.equal(8 * WD);
  });

  it('defaults to 80 %, 1 working day and a 50 % floor', () => {
    expect(warnRuleFromEnv({})).to.deep.equal(DEFAULT_WARN_RULE);
  });

  it('refuses thresholds that are not numbers in range', () => {
    expect(() => warnRuleFromEnv({ ONEGO_WARN_ELAPSED_PERCENT: '120' })).to.throw(/ONEGO_WARN_ELAPSED_PERCENT to be a number from 0 to 100, but got '120'/);
    expect(() => warnRuleFromEnv({ ONEGO_WARN_ELAPSED_PERCENT: '0' })).to.throw(/above 0/);
    expect(() => warnRuleFromEnv({ ONEGO_WARN_REMAINING_WORKING_DAYS: 'one' })).to.throw(/ONEGO_WARN_REMAINING_WORKING_DAYS/);
  });
});
