import { expect } from 'chai';
import { evaluateFeelNative } from '../../../engine/feel';
import { describeValue } from '../../../engine/feel/describe-value';

const ctx = { now: Date.parse('2025-03-01T09:30:00Z') };

function native(source: string): unknown {
  const result = evaluateFeelNative(source, {}, ctx);
  if (!result.ok) throw new Error(result.failure);
  return result.value;
}

describe('FEEL values in warnings, as feel-scala prints them', () => {
  const rows: [string, string][] = [
    ['"99"', '"99"'],
    ['100', '100'],
    ['null', 'null'],
    ['true', 'true'],
    ['duration("PT90M")', 'PT1H30M'],
    ['date("2020-04-06")', '2020-04-06'],
    ['date and time("2020-04-06T08:00:00+02:00")', '2020-04-06T08:00:00+02:00'],
    ['[1, "a"]', '[1, "a"]'],
    ['{a: 1, b: "x"}', '{a:1, b:"x"}'],
  ];
  for (const [source, printed] of rows) {
    it(`prints ${source} as ${printed}`, () => expect(describeValue(native(source))).to.equal(printed));
  }
});
