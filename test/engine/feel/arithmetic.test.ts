import { expect } from 'chai';
import { evaluateFeel } from '../../../engine/feel';
import { add, divide, multiply, subtract, takeArithmeticWarnings } from '../../../engine/feel/arithmetic';

const ctx = { now: Date.parse('2025-03-01T09:30:00Z') };

/** The JSON result of bare FEEL source, failing the test if the evaluation failed. */
function feel(source: string, variables: Record<string, unknown> = {}): unknown {
  const result = evaluateFeel(source, variables, ctx);
  if (!result.ok) throw new Error(result.failure);
  return result.value;
}

function warningsOf(source: string): string[] | undefined {
  const result = evaluateFeel(source, {}, ctx);
  return result.ok ? result.warnings : undefined;
}

describe('FEEL arithmetic with temporal values (Camunda docs: "Temporal expressions")', () => {
  describe('multiplication', () => {
    it('multiplies a days-time duration by a number (duration("PT1H") * 2 is duration("PT2H"))', () => {
      expect(feel('duration("PT1H") * 2')).to.equal('PT2H');
      expect(feel('duration("P1D") * 5')).to.equal('P5D');
    });
    it('multiplies a number by a days-time duration', () => expect(feel('3 * duration("PT20M")')).to.equal('PT1H'));
    it('multiplies a years-months duration by a number, either way round', () => {
      expect(feel('duration("P1M") * 6')).to.equal('P6M');
      expect(feel('2 * duration("P1Y2M")')).to.equal('P2Y4M');
    });
    it('multiplies by a negative number', () => expect(feel('duration("P1D") * -1')).to.equal('-P1D'));
    it('multiplies by the integer part of a fraction only, as feel-scala does (Duration.multipliedBy(intValue))', () => {
      expect(feel('duration("PT1H") * 1.5')).to.equal('PT1H');
      expect(feel('duration("P1Y") * 2.9')).to.equal('P2Y');
    });
    it('multiplies a duration held in a variable, as a timer expression would', () =>
      expect(feel('duration(reminder) * attempts', { reminder: 'PT15M', attempts: 4 })).to.equal('PT1H'));
    it('keeps fractions of a second', () => expect(feel('duration("PT1.5S") * 3')).to.equal('PT4.5S'));
  });

  describe('division', () => {
    it('divides a days-time duration by a number (duration("P5D") / 5 is duration("P1D"))', () =>
      expect(feel('duration("P5D") / 5')).to.equal('P1D'));
    it('divides a days-time duration by a days-time duration into a number (duration("P5D") / duration("P1D") is 5)', () =>
      expect(feel('duration("P5D") / duration("P1D")')).to.equal(5));
    it('divides a years-months duration by a number (duration("P1Y") / 12 is duration("P1M"))', () =>
      expect(feel('duration("P1Y") / 12')).to.equal('P1M'));
    it('divides a years-months duration by a years-months duration into a number (duration("P1Y") / duration("P1M") is 12)', () =>
      expect(feel('duration("P1Y") / duration("P1M")')).to.equal(12));
    it('counts whole times a duration fits into another, as feel-scala divides whole months and milliseconds', () => {
      expect(feel('duration("P1Y") / duration("P5M")')).to.equal(2);
      expect(feel('duration("PT1H") / duration("PT40M")')).to.equal(1);
    });
    it('keeps whole months when a years-months duration does not divide evenly', () =>
      expect(feel('duration("P1Y1M") / 2')).to.equal('P6M'));
    it('turns a point in time into a Unix timestamp, the Camunda docs example', () =>
      expect(feel('(date and time("2021-04-12T04:00:39Z") - @"1970-01-01T00:00Z") / @"PT1S" * 1000')).to.equal(1618200039000));
    it('is null with a warning when dividing a duration by zero', () => {
      expect(feel('duration("P1D") / 0')).to.equal(null);
      expect(warningsOf('duration("P1D") / 0')).to.deep.equal(["[INVALID_TYPE] Can't divide 'P1D' by '0'"]);
      expect(feel('duration("P1D") / duration("PT0S")')).to.equal(null);
    });
  });

  describe('addition', () => {
    it('adds a duration to a date (date("2020-04-06") + duration("P1D") is date("2020-04-07"))', () =>
      expect(feel('date("2020-04-06") + duration("P1D")')).to.equal('2020-04-07'));
    it('adds a date to a duration', () => expect(feel('duration("P1D") + date("2020-04-06")')).to.equal('2020-04-07'));
    it('keeps a date a date when the duration has hours, counting from the start of the day', () => {
      expect(feel('date("2020-04-06") + duration("PT1H")')).to.equal('2020-04-06');
      expect(feel('date("2020-04-06") + duration("PT25H")')).to.equal('2020-04-07');
    });
    it('adds months to a date, ending on the last day of a shorter month', () =>
      expect(feel('date("2020-01-31") + duration("P1M")')).to.equal('2020-02-29'));
    it('adds a duration to a local date-time (date and time("2020-04-06T08:00:00") + duration("P7D"))', () =>
      expect(feel('date and time("2020-04-06T08:00:00") + duration("P7D")')).to.equal('2020-04-13T08:00:00'));
    it('adds a days-time duration to a zoned date-time as exact time, so a day across a DST change is 24 hours', () =>
      expect(feel('date and time("2020-03-28T12:00:00@Europe/Berlin") + duration("P1D")')).to.equal('2020-03-29T13:00:00+02:00[Europe/Berlin]'));
    it('adds months to a zoned date-time on its wall clock', () =>
      expect(feel('date and time("2020-03-28T12:00:00@Europe/Berlin") + duration("P1M")')).to.equal('2020-04-28T12:00:00+02:00[Europe/Berlin]'));
    it('adds a days-time duration to a time, wrapping around midnight (time("08:00:00") + duration("PT1H"))', () => {
      expect(feel('time("08:00:00") + duration("PT1H")')).to.equal('09:00:00');
      expect(feel('time("23:00:00") + duration("PT2H")')).to.equal('01:00:00');
      expect(feel('duration("PT1H") + time("08:00:00+02:00")')).to.equal('09:00:00+02:00');
    });
    it('adds durations of the same kind (duration("P2D") + duration("P5D") is duration("P7D"))', () => {
      expect(feel('duration("P2D") + duration("P5D")')).to.equal('P7D');
      expect(feel('duration("P1Y") + duration("P6M")')).to.equal('P1Y6M');
    });
    it('is null with a warning for a years-months duration and a time', () => {
      expect(feel('time("10:00:00") + duration("P1Y")')).to.equal(null);
      expect(warningsOf('time("10:00:00") + duration("P1Y")')).to.deep.equal(["[INVALID_TYPE] Can't add 'P1Y' to '10:00:00'"]);
    });
    it('is null with a warning for durations of different kinds', () =>
      expect(warningsOf('duration("P1D") + duration("P1Y")')).to.deep.equal(["[INVALID_TYPE] Can't add 'P1Y' to 'P1D'"]));
  });

  describe('subtraction', () => {
    it('subtracts a date from a date into a days-time duration (date("2020-04-06") - date("2020-04-01") is duration("P5D"))', () => {
      expect(feel('date("2020-04-06") - date("2020-04-01")')).to.equal('P5D');
      expect(feel('date("2020-06-07") - date("2020-04-06")')).to.equal('P62D');
    });
    it('subtracts a duration from a date (date("2020-04-06") - duration("P5D") is date("2020-04-01"))', () => {
      expect(feel('date("2020-04-06") - duration("P5D")')).to.equal('2020-04-01');
      expect(feel('date("2020-04-06") - duration("PT1H")')).to.equal('2020-04-05');
    });
    it('subtracts a time from a time (time("08:00:00") - time("06:00:00") is duration("PT2H"))', () => {
      expect(feel('time("08:00:00") - time("06:00:00")')).to.equal('PT2H');
      expect(feel('time("08:00:00") - time("10:30:00")')).to.equal('-PT2H30M');
    });
    it('subtracts a duration from a time (time("08:00:00") - duration("PT2H") is time("06:00:00"))', () =>
      expect(feel('time("08:00:00") - duration("PT2H")')).to.equal('06:00:00'));
    it('subtracts a local date-time from a local date-time into a days-time duration', () =>
      expect(feel('date and time("2020-04-07T10:00:00") - date and time("2020-04-06T08:00:00")')).to.equal('P1DT2H'));
    it('subtracts zoned date-times by their instants, whatever their offsets', () =>
      expect(feel('date and time("2020-04-07T10:00:00Z") - date and time("2020-04-06T08:00:00+02:00")')).to.equal('P1DT4H'));
    it('subtracts zoned times by their instants', () =>
      expect(feel('time("10:00:00Z") - time("10:00:00+02:00")')).to.equal('PT2H'));
    it('is null with a warning for a zoned and a local date-time ("the other value must have a timezone or time-offset too")', () => {
      const source = 'date and time("2020-04-07T10:00:00Z") - date and time("2020-04-06T08:00:00")';
      expect(feel(source)).to.equal(null);
      expect(warningsOf(source)).to.deep.equal(["[INVALID_TYPE] Can't subtract '2020-04-06T08:00:00' from '2020-04-07T10:00:00Z'"]);
    });
    it('is null for a date and a date-time, which are different types', () => {
      expect(feel('date("2020-04-07") - date and time("2020-04-06T08:00:00")')).to.equal(null);
      expect(feel('date and time("2020-04-07T08:00:00") - date("2020-04-06")')).to.equal(null);
    });
    it('subtracts durations of the same kind (duration("P1Y") - duration("P3M") is duration("P9M"))', () => {
      expect(feel('duration("P7D") - duration("P2D")')).to.equal('P5D');
      expect(feel('duration("P1Y") - duration("P3M")')).to.equal('P9M');
      expect(feel('duration("PT1H") - duration("PT2H")')).to.equal('-PT1H');
    });
    it('subtracts a duration from a zoned date-time', () =>
      expect(feel('date and time("2020-04-06T08:00:00Z") - duration("PT1H30M")')).to.equal('2020-04-06T06:30:00Z'));
  });

  describe('types the operators do not combine', () => {
    const rows: [string, string][] = [
      ['date("2020-04-06") + 1', "[INVALID_TYPE] Can't add '1' to '2020-04-06'"],
      ['1 + date("2020-04-06")', "[INVALID_TYPE] Can't add '2020-04-06' to '1'"],
      ['duration("PT1H") + 1', "[INVALID_TYPE] Can't add '1' to 'PT1H'"],
      ['date("2020-04-06") + date("2020-04-06")', "[INVALID_TYPE] Can't add '2020-04-06' to '2020-04-06'"],
      ['date("2020-04-06") - time("10:00:00")', "[INVALID_TYPE] Can't subtract '10:00:00' from '2020-04-06'"],
      ['duration("PT1H") * "2"', `[INVALID_TYPE] Can't multiply 'PT1H' by '"2"'`],
      ['duration("PT1H") * duration("PT1H")', "[INVALID_TYPE] Can't multiply 'PT1H' by 'PT1H'"],
      ['date("2020-04-06") * 2', "[INVALID_TYPE] Can't multiply '2020-04-06' by '2'"],
      ['2 / duration("PT1H")', "[INVALID_TYPE] Can't divide '2' by 'PT1H'"],
      ['duration("P1Y") / duration("P1D")', "[INVALID_TYPE] Can't divide 'P1Y' by 'P1D'"],
      ['duration("P1Y") * null', "[INVALID_TYPE] Can't multiply 'P1Y' by 'null'"],
    ];
    for (const [source, warning] of rows) {
      it(`${source} is null with the warning ${warning}`, () => {
        const result = evaluateFeel(source, {}, ctx);
        expect(result).to.deep.equal({ ok: true, value: null, warnings: [warning] });
      });
    }
  });

  describe('numbers and strings keep their FEEL arithmetic', () => {
    const rows: [string, unknown][] = [
      ['1 + 2 * 3 - 4 / 2', 5],
      ['"a" + "b"', 'ab'],
      ['0.1 + 0.2', 0.3],
      ['-a + 1', -4],
    ];
    for (const [source, expected] of rows) {
      it(`${source} is ${JSON.stringify(expected)}`, () => expect(feel(source, { a: 5 })).to.equal(expected));
    }
    it('is null with a warning when a number is divided by zero (feel-scala reports it)', () =>
      expect(evaluateFeel('10 / 0', {}, ctx)).to.deep.equal({ ok: true, value: null, warnings: ["[INVALID_TYPE] Can't divide '10' by '0'"] }));
    it('is null with a warning for a string plus a number', () =>
      expect(evaluateFeel('"a" + 1', {}, ctx)).to.deep.equal({ ok: true, value: null, warnings: [`[INVALID_TYPE] Can't add '1' to '"a"'`] }));
  });

  describe('the operator functions', () => {
    it('record their warnings until they are taken, once', () => {
      takeArithmeticWarnings();
      expect(add(1, 'x')).to.equal(null);
      expect(subtract('x', 1)).to.equal(null);
      expect(takeArithmeticWarnings()).to.deep.equal([
        `[INVALID_TYPE] Can't add '"x"' to '1'`,
        `[INVALID_TYPE] Can't subtract '1' from '"x"'`,
      ]);
      expect(takeArithmeticWarnings()).to.deep.equal([]);
    });
    it('compute plain numbers without feelin', () => {
      expect(multiply(6, 7)).to.equal(42);
      expect(divide(1, 4)).to.equal(0.25);
    });
  });
});
