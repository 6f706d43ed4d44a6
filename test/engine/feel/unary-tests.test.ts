import { expect } from 'chai';
import { checkUnaryTests, evaluateUnaryTests } from '../../../engine/feel';

const ctx = { now: Date.parse('2025-03-01T09:30:00Z') };

describe('FEEL unary tests (DMN input entries)', () => {
  const rows: [string, unknown, boolean | null, Record<string, unknown>?][] = [
    ['-', 'anything', true],
    ['', null, true],
    ['5', 5, true],
    ['5', 6, false],
    ['> 5', 6, true],
    ['> 5', 5, false],
    ['>= 5', 5, true],
    ['< 10', 12, false],
    ['[1..10]', 10, true],
    ['[1..10)', 10, false],
    ['(1..10]', 1, false],
    ['"a", "b"', 'b', true],
    ['"a", "b"', 'c', false],
    ['not("a", "b")', 'c', true],
    ['not("a", "b")', 'a', false],
    ['not(> 5)', 3, true],
    ['< limit', 3, true, { limit: 5 }],
    ['? > 2 and ? < 4', 3, true],
    ['"政府投资"', '政府投资', true],
    ['true', true, true],
    ['false', true, false],
    ['null', null, true],
    // a value of another type never matches (dmn-scala treats a null test result as no match)
    ['[date("2025-01-01")..date("2025-12-31")]', '2025-06-01', false],
    ['> 100', '99', false],
    ['starts with(?, "SD")', 'SD-123', true],
    // feel-scala: a function of ? that yields null for a null input decides nothing; it is not "null = null"
    ['starts with(?, "3701")', null, null],
    ['? = null', null, true],
    ['count(?) > 1', [1, 2], true],
  ];
  for (const [test, input, expected, variables] of rows) {
    it(`${JSON.stringify(input)} against ${JSON.stringify(test)} → ${expected}`, () => {
      const result = evaluateUnaryTests(test, input, variables ?? {}, ctx);
      expect(result.ok).to.equal(true);
      expect(result.ok && result.value).to.equal(expected);
    });
  }

  describe('syntax is checked at deploy time', () => {
    const rows: [string, boolean][] = [
      ['> 5', true],
      ['[1..5]', true],
      ['not("a")', true],
      ['-', true],
      ['> ', false],
      ['[1..', false],
    ];
    for (const [test, valid] of rows) it(`${JSON.stringify(test)} is ${valid ? 'valid' : 'refused'}`, () => expect(checkUnaryTests(test).ok).to.equal(valid));

    it('a broken test fails as data when evaluated', () => {
      const result = evaluateUnaryTests('[1..', 1, {}, ctx);
      expect(!result.ok && result.failure).to.match(/^failed to parse unary tests '\[1\.\.'/);
    });
  });
});
