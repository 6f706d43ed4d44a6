import { expect } from 'chai';
import { FeelDate, evaluate } from 'feelin';
import { valueSteps } from '../../../engine/feel/value-size';

describe('the size of a FEEL value in steps (what a built-in that goes through all of it is charged)', () => {
  it('counts list items and context entries at every depth, and characters of all strings together', () => {
    expect(valueSteps([1, 2, 3], 100, 1_000)).to.equal(3);
    expect(valueSteps({ a: 1, b: { c: [1, 2] } }, 100, 1_000)).to.equal(5);
    expect(valueSteps('x'.repeat(250), 100, 1_000)).to.equal(2);
    // fifty strings of 10 characters: 50 items and 500 characters
    expect(valueSteps(Array.from({ length: 50 }, () => 'x'.repeat(10)), 100, 1_000)).to.equal(55);
  });

  it('does not walk into dates, durations or functions', () => {
    const date = evaluate('date("2026-12-05")', {}).value as FeelDate;
    expect(valueSteps({ due: date, check: evaluate('function(x) x', {}).value }, 100, 1_000)).to.equal(2);
  });

  it('stops counting past its limit, so measuring a huge value costs no more than the budget it exceeds', () => {
    const huge = Object.fromEntries(Array.from({ length: 100_000 }, (_, index) => [`k${index}`, { index }]));
    const steps = valueSteps(huge, 100, 500);
    expect(steps).to.be.above(500);
    expect(steps).to.be.below(1_000);
    // the same value with room for all of it: a thousand entries at one step, the 99,000 after them at four (a
    // dictionary to V8, several times slower to copy), and one for each entry of the small contexts inside
    expect(valueSteps(huge, 100, 1_000_000)).to.equal(1_000 + 99_000 * 4 + 100_000);
  });

  it('remembers a value measured before, and a walk cut short only as a lower bound', () => {
    const list = Array.from({ length: 1_000 }, (_, index) => ({ index }));
    expect(valueSteps(list, 100, 10)).to.be.above(10);
    expect(valueSteps(list, 100, 10_000)).to.equal(2_000);
    list.push({ index: 1_000 });
    // complete sizes are kept: FEEL values are not changed in place, so a value is measured once
    expect(valueSteps(list, 100, 10_000)).to.equal(2_000);
  });
});
