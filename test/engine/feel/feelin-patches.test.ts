import { expect } from 'chai';
import { evaluateFeel, evaluateFeelNative, evaluateUnaryTests } from '../../../engine/feel';

const ctx = { now: Date.parse('2025-03-01T09:30:00Z') };

describe('ordering comparisons across FEEL types (Camunda: "Two values of the same type can be compared")', () => {
  describe('compare values of the same type', () => {
    const rows: [string, boolean][] = [
      ['duration("P1D") > duration("P5D")', false],
      ['duration("P1Y") >= duration("P6M")', true],
      ['duration("P1D") > duration("PT23H")', true],
      ['duration("PT1H") < duration("-PT2H")', false],
      ['date("2020-04-05") < date("2020-04-06")', true],
      ['date and time("2020-04-06T10:00:00Z") < date and time("2020-04-06T11:00:00+02:00")', false],
      ['time("08:00:00") <= time("08:00:00")', true],
    ];
    for (const [source, expected] of rows) {
      it(`${source} is ${expected}`, () => expect(evaluateFeel(source, {}, ctx)).to.deep.equal({ ok: true, value: expected }));
    }
  });

  describe('are null with NOT_COMPARABLE for values of different types', () => {
    const rows: [string, string][] = [
      ['duration("P1D") < duration("P1Y")', "Can't compare 'P1D' with 'P1Y'"],
      ['duration("P31D") > duration("P1M")', "Can't compare 'P31D' with 'P1M'"],
      ['date("2020-04-06") < date and time("2020-04-07T00:00:00")', "Can't compare '2020-04-06' with '2020-04-07T00:00:00'"],
      [
        'date and time("2020-04-06T10:00:00") < date and time("2020-04-06T10:00:00Z")',
        "Can't compare '2020-04-06T10:00:00' with '2020-04-06T10:00:00Z'",
      ],
      ['time("10:00:00") < time("11:00:00+02:00")', "Can't compare '10:00:00' with '11:00:00+02:00'"],
      ['duration("PT1H") < 5', "Can't compare 'PT1H' with '5'"],
      ['[1] < 5', "Can't compare '[1]' with '5'"],
    ];
    for (const [source, warning] of rows) {
      it(`${source}`, () =>
        expect(evaluateFeel(source, {}, ctx)).to.deep.equal({ ok: true, value: null, warnings: [`[NOT_COMPARABLE] ${warning}`] }));
    }
  });

  it('applies to between as well', () =>
    expect(evaluateFeel('duration("P2D") between duration("P1D") and duration("P1Y")', {}, ctx)).to.deep.include({ ok: true, value: null }));

  it('keeps a DMN rule from matching a days-time duration against a years-months one (feelin said P2D < P1Y)', () => {
    const input = evaluateFeelNative('duration("P2D")', {}, ctx);
    expect(input.ok && evaluateUnaryTests('< duration("P1Y")', input.value, {}, ctx)).to.deep.equal({ ok: true, value: false });
    expect(input.ok && evaluateUnaryTests('< duration("P3D")', input.value, {}, ctx)).to.deep.equal({ ok: true, value: true });
  });
});
