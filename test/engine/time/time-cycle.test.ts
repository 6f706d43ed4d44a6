import { expect } from 'chai';
import { parseTimeCycle, type TimeCycle } from '../../../engine/time';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

function cycle(text: string): TimeCycle {
  const result = parseTimeCycle(text);
  if (!result.ok) throw new Error(result.failure);
  return result.value;
}

/** The first `count` due dates, each scheduled when the previous one fired. */
function dueDates(text: string, nowMs: number, count: number): (string | undefined)[] {
  const timer = cycle(text);
  const dates: (string | undefined)[] = [];
  let due = timer.firstDueDate(nowMs);
  for (let index = 0; index < count && due !== undefined; index++) {
    dates.push(iso(due));
    due = timer.nextDueDate(due, due);
  }
  return dates;
}

describe('timer cycles', () => {
  const now = at('2025-01-31T10:00:00Z'); // a Friday

  describe('ISO-8601 repeating intervals', () => {
    const rows: [string, number | null, string[]][] = [
      ['R5/PT10S', 5, ['2025-01-31T10:00:10.000Z', '2025-01-31T10:00:20.000Z', '2025-01-31T10:00:30.000Z']],
      ['R/PT1H', null, ['2025-01-31T11:00:00.000Z', '2025-01-31T12:00:00.000Z']],
      ['R3/P1M', 3, ['2025-02-28T10:00:00.000Z', '2025-03-28T10:00:00.000Z']],
      ['R3/2025-03-01T09:00:00Z/P1D', 3, ['2025-03-01T09:00:00.000Z', '2025-03-02T09:00:00.000Z', '2025-03-03T09:00:00.000Z']],
      ['R/2025-02-01T08:00:00+08:00/PT12H', null, ['2025-02-01T00:00:00.000Z', '2025-02-01T12:00:00.000Z']],
      ['R2/2025-02-01T08:00:00[Asia/Shanghai]/P1W', 2, ['2025-02-01T00:00:00.000Z', '2025-02-08T00:00:00.000Z']],
      ['R0/PT1M', 0, ['2025-01-31T10:01:00.000Z']],
    ];
    for (const [text, repetitions, expected] of rows) {
      it(`${text}: ${repetitions ?? 'unbounded'} repetitions, due ${expected.join(', ')}`, () => {
        expect(cycle(text).repetitions).to.equal(repetitions);
        expect(dueDates(text, now, expected.length)).to.deep.equal(expected);
      });
    }

    it('a start date that has passed makes the timer due at once (Zeebe: overdue, fire immediately)', () => {
      expect(iso(cycle('R3/2025-01-01T09:00:00Z/P1D').firstDueDate(now))).to.equal('2025-01-31T10:00:00.000Z');
    });

    it('after missed cycles the next one is a full interval after now, not in the past', () => {
      const timer = cycle('R/PT1H');
      const lastDue = at('2025-01-31T10:00:00Z');
      expect(iso(timer.nextDueDate(lastDue, at('2025-01-31T13:20:00Z')))).to.equal('2025-01-31T14:20:00.000Z');
      expect(iso(timer.nextDueDate(lastDue, at('2025-01-31T10:00:05Z')))).to.equal('2025-01-31T11:00:00.000Z');
    });

    it('next(after) is the first due date strictly after a moment', () => {
      expect(iso(cycle('R/2025-03-01T00:00:00Z/P1D').next(now))).to.equal('2025-03-01T00:00:00.000Z');
      expect(iso(cycle('R/PT30M').next(now))).to.equal('2025-01-31T10:30:00.000Z');
    });
  });

  describe('cron expressions (Spring style, six fields with seconds, as Zeebe accepts)', () => {
    const rows: [string, string[]][] = [
      ['0 0 9 * * MON-FRI', ['2025-02-03T09:00:00.000Z', '2025-02-04T09:00:00.000Z']],
      ['0 */15 * * * *', ['2025-01-31T10:15:00.000Z', '2025-01-31T10:30:00.000Z']],
      ['30 0 0 1 * ?', ['2025-02-01T00:00:30.000Z', '2025-03-01T00:00:30.000Z']],
      ['0 0 12 ? * FRI', ['2025-01-31T12:00:00.000Z', '2025-02-07T12:00:00.000Z']],
      // both day fields restricted: Friday the 13th only (Spring matches both, not either)
      ['0 0 0 13 * FRI', ['2025-06-13T00:00:00.000Z', '2026-02-13T00:00:00.000Z']],
      ['0 0 8 * * SAT,SUN', ['2025-02-01T08:00:00.000Z', '2025-02-02T08:00:00.000Z']],
      ['@daily', ['2025-02-01T00:00:00.000Z', '2025-02-02T00:00:00.000Z']],
      ['0 0 9 * * 7', ['2025-02-02T09:00:00.000Z', '2025-02-09T09:00:00.000Z']],
      ['0 0 0 L * *', ['2025-02-28T00:00:00.000Z', '2025-03-31T00:00:00.000Z']],
      ['0 0 0 ? * 5L', ['2025-02-28T00:00:00.000Z', '2025-03-28T00:00:00.000Z']],
      ['0 0 0 ? * MON#1', ['2025-02-03T00:00:00.000Z', '2025-03-03T00:00:00.000Z']],
      // nearest weekday: Feb 15 2025 is a Saturday (→ Fri 14), Mar 15 a Saturday (→ Fri 14), Jun 15 a Sunday (→ Mon 16)
      ['0 0 0 15W * ?', ['2025-02-14T00:00:00.000Z', '2025-03-14T00:00:00.000Z', '2025-04-15T00:00:00.000Z', '2025-05-15T00:00:00.000Z', '2025-06-16T00:00:00.000Z']],
      // the 1st on a Saturday stays in the month: Feb 1 2025 → Mon Feb 3
      ['0 0 0 1W * ?', ['2025-02-03T00:00:00.000Z', '2025-03-03T00:00:00.000Z']],
      // last weekday: Feb 28 2025 is a Friday, May 31 a Saturday (→ Fri 30)
      ['0 0 0 LW * ?', ['2025-02-28T00:00:00.000Z', '2025-03-31T00:00:00.000Z', '2025-04-30T00:00:00.000Z', '2025-05-30T00:00:00.000Z']],
      ['@hourly', ['2025-01-31T11:00:00.000Z', '2025-01-31T12:00:00.000Z']],
    ];
    for (const [text, expected] of rows) {
      it(`${text} → ${expected.join(', ')}`, () => {
        expect(cycle(text).repetitions).to.equal(null);
        expect(dueDates(text, now, expected.length)).to.deep.equal(expected);
      });
    }

    it('a cron timer that fired late continues from now', () => {
      const timer = cycle('0 0 * * * *');
      expect(iso(timer.nextDueDate(at('2025-01-31T10:00:00Z'), at('2025-01-31T12:30:00Z')))).to.equal('2025-01-31T13:00:00.000Z');
    });
  });

  describe('garbage is refused with a clear failure', () => {
    const rows: [unknown, RegExp][] = [
      ['0 0 9 * *', /^Expected a cron expression with 6 fields .* but '0 0 9 \* \*' has 5/],
      ['0 0 9 * * * 2025', /has 7/],
      ['61 0 9 * * *', /^Invalid cron expression '61 0 9 \* \* \*'/],
      ['0 0 9 * * FUNDAY', /^Invalid cron expression/],
      ['0 0 0 32W * ?', /^Invalid cron expression '0 0 0 32W \* \?': the day of month '32W' is out of range/],
      ['R5/garbage', /^Invalid time cycle 'R5\/garbage': Expected a duration in ISO-8601 format/],
      ['R5/PT0S', /the interval 'PT0S' must be positive/],
      ['R5/-PT1H', /must be positive/],
      ['R5', /^Expected a repeating interval like 'R5\/PT10S'/],
      ['Rx/PT1H', /^Expected a repeating interval/],
      ['R/2025-13-01T00:00:00Z/PT1H', /^Invalid time cycle .*no such date or time/],
      ['R/2025-03-01T00:00:00/PT1H', /it has no offset or zone/],
      ['R/a/b/PT1H', /^Expected a repeating interval 'R\[n\]\/\[start\/\]duration'/],
      ['', /^Expected a time cycle/],
      [17, /^Expected a time cycle .* but was 17/],
    ];
    for (const [value, failure] of rows) {
      it(`${JSON.stringify(value)} → ${failure}`, () => {
        const result = parseTimeCycle(value);
        expect(result.ok).to.equal(false);
        expect(!result.ok && result.failure).to.match(failure);
      });
    }
  });
});
