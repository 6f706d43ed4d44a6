import { expect } from 'chai';
import { evaluate } from 'feelin';
import { toJsonValue } from '../../../engine/feel';

/** The FEEL-native value of a feelin expression (no Camunda extensions). */
const feel = (text: string) => evaluate(text, {}).value;

describe('FEEL values as JSON (how Zeebe stores them in variables)', () => {
  const rows: [string, unknown][] = [
    ['1', 1],
    ['"s"', 's'],
    ['[1, "a", null]', [1, 'a', null]],
    ['{a: {b: true}}', { a: { b: true } }],
    ['date("2025-03-01")', '2025-03-01'],
    ['time("10:00:00")', '10:00:00'],
    ['time("10:00:00+02:00")', '10:00:00+02:00'],
    ['date and time("2025-03-01T10:00:00")', '2025-03-01T10:00:00'],
    ['date and time("2025-03-01T10:00:00Z")', '2025-03-01T10:00:00Z'],
    ['date and time("2025-03-01T10:00:00.123-05:00")', '2025-03-01T10:00:00.123-05:00'],
    ['date and time("2025-07-01T10:00:00@Europe/Berlin")', '2025-07-01T10:00:00+02:00[Europe/Berlin]'],
    ['date and time("2025-01-01T10:00:00@Europe/Berlin")', '2025-01-01T10:00:00+01:00[Europe/Berlin]'],
    ['duration("P2DT3H")', 'P2DT3H'],
    ['duration("P1Y6M")', 'P1Y6M'],
    ['[date("2025-03-01")]', ['2025-03-01']],
  ];
  for (const [text, expected] of rows) {
    it(`${text} → ${JSON.stringify(expected)}`, () => expect(toJsonValue(feel(text))).to.deep.equal({ ok: true, value: expected }));
  }

  it('a range has no JSON form', () => expect(toJsonValue(feel('[1..2]')).ok).to.equal(false));
  it('a function has no JSON form', () => expect(toJsonValue(feel('function(a) a')).ok).to.equal(false));
  it('a function nested in a context has no JSON form either', () => expect(toJsonValue(feel('{f: function(a) a}')).ok).to.equal(false));
  const numbers: [number, number][] = [
    [0.1 + 0.2, 0.3],
    [19.99 * 3, 59.97],
    [1 / 3, 0.3333333333333333],
    [2 ** 60, 2 ** 60],
    [-0.000001, -0.000001],
  ];
  for (const [raw, expected] of numbers) {
    it(`the double ${raw} is stored as ${expected} (feel-scala computes in decimals)`, () => expect(toJsonValue(raw)).to.deep.equal({ ok: true, value: expected }));
  }
  it('a number that is not finite becomes null', () => expect(toJsonValue(Number.POSITIVE_INFINITY)).to.deep.equal({ ok: true, value: null }));
});
