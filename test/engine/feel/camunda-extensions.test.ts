import { expect } from 'chai';
import { evaluateExpression } from '../../../engine/feel';

const ctx = { now: Date.parse('2025-03-01T09:30:15.250Z') };

/** Evaluates `=text` and returns its value, failing the test on a failure. */
function value(text: string, variables: Record<string, unknown> = {}): unknown {
  const result = evaluateExpression(`=${text}`, variables, ctx);
  if (!result.ok) throw new Error(result.failure);
  return result.value;
}

describe('Camunda 8.8 FEEL extension functions', () => {
  describe('now() and today() read the engine clock passed in, never the system clock', () => {
    const rows: [string, unknown][] = [
      ['now()', '2025-03-01T09:30:15.25Z'],
      ['today()', '2025-03-01'],
      ['now() + duration("P1D")', '2025-03-02T09:30:15.25Z'],
      ['today() - date("2025-02-01")', 'P28D'],
      ['now() > date and time("2025-03-01T09:00:00Z")', true],
    ];
    for (const [text, expected] of rows) it(`${text} → ${JSON.stringify(expected)}`, () => expect(value(text)).to.deep.equal(expected));

    it('moves with the engine clock', () => {
      const later = evaluateExpression('=today()', {}, { now: Date.parse('2030-12-31T23:59:59Z') });
      expect(later.ok && later.value).to.equal('2030-12-31');
    });
  });

  describe('functions and variables of the same name stay apart, as in feel-scala', () => {
    const rows: [string, Record<string, unknown>, unknown][] = [
      ['today', { today: '周一' }, '周一'],
      ['today()', { today: '周一' }, '2025-03-01'],
      ['trim + "!"', { trim: 'x' }, 'x!'],
      ['trim(" y ")', { trim: 'x' }, 'y'],
      ['count(items)', { count: 7, items: [1, 2] }, 2],
      ['count + 1', { count: 7 }, 8],
      ['sum(count)', { count: [1, 2] }, 3],
    ];
    for (const [text, variables, expected] of rows) {
      it(`${text} with ${JSON.stringify(variables)} → ${JSON.stringify(expected)}`, () => {
        const result = evaluateExpression(`=${text}`, variables, ctx);
        expect(result.ok && result.value).to.deep.equal(expected);
      });
    }

    it('a bare function name without such a variable is a function, which no variable can hold', () => {
      const result = evaluateExpression('=now', {}, ctx);
      expect(!result.ok && result.failure).to.match(/a function has no JSON form/);
    });
  });

  describe('boolean and null handling (is defined since 8.4: false for null)', () => {
    const rows: [string, Record<string, unknown>, unknown][] = [
      ['is defined(x)', { x: 1 }, true],
      ['is defined(x)', { x: null }, false],
      ['is defined(x)', {}, false],
      ['is defined(x.y)', { x: {} }, false],
      ['is defined(x.y)', { x: { y: 'v' } }, true],
      ['get or else(x, "default")', {}, 'default'],
      ['get or else(x, "default")', { x: 'this' }, 'this'],
      ['get or else(null, null)', {}, null],
      ['get or else(value: x, default: 5)', {}, 5],
      ['assert(x, x > 0)', { x: 4 }, 4],
    ];
    for (const [text, variables, expected] of rows) {
      it(`${text} with ${JSON.stringify(variables)} → ${JSON.stringify(expected)}`, () => expect(value(text, variables)).to.deep.equal(expected));
    }
  });

  describe('assert() fails the evaluation with Zeebe\'s message and the warnings', () => {
    it('assert(x, x != null) with no x', () => {
      const result = evaluateExpression('=assert(x, x != null)', {}, ctx);
      expect(result.ok).to.equal(false);
      expect(!result.ok && result.failure).to.equal(
        "Assertion failure on evaluate the expression 'assert(x, x != null)': The condition is not fulfilled " +
          'The evaluation reported the following warnings:\n' +
          "[NO_VARIABLE_FOUND] No variable found with name 'x'\n" +
          "[NO_VARIABLE_FOUND] No variable found with name 'x'\n" +
          '[ASSERT_FAILURE] The condition is not fulfilled',
      );
    });

    it('assert(b, b >= 0, "\'b\' should be positive") names the given cause', () => {
      const result = evaluateExpression('=assert(b, b >= 0, "\'b\' should be positive")', { b: -1 }, ctx);
      expect(!result.ok && result.failure).to.match(/: 'b' should be positive .*\n\[ASSERT_FAILURE\] 'b' should be positive$/s);
    });

    it('a passing assert after a failing evaluation does not inherit the old failure', () => {
      evaluateExpression('=assert(1, false)', {}, ctx);
      expect(evaluateExpression('=assert(1, true)', {}, ctx)).to.deep.equal({ ok: true, value: 1 });
    });
  });

  describe('string functions', () => {
    const rows: [string, unknown][] = [
      ['trim("  办 好  ")', '办 好'],
      ['is blank("   ")', true],
      ['is blank("a")', false],
      ['string join(["a", "b", "c"], ", ")', 'a, b, c'],
      ['string join(["a", null, "c"])', 'ac'],
      ['string join(["a", "b"], ", ", "[", "]")', '[a, b]'],
      ['extract("order-12, order-345", "\\\\d+")', ['12', '345']],
      ['to base64("FEEL")', 'RkVFTA=='],
      ['from base64("RkVFTA==")', 'FEEL'],
      ['string length(uuid())', 36],
    ];
    for (const [text, expected] of rows) it(`${text} → ${JSON.stringify(expected)}`, () => expect(value(text)).to.deep.equal(expected));
  });

  describe('list functions', () => {
    const rows: [string, unknown][] = [
      ['is empty([])', true],
      ['is empty([1])', false],
      ['partition([1, 2, 3, 4, 5], 2)', [[1, 2], [3, 4], [5]]],
      ['duplicate values([1, 2, 3, 2, 1, 1])', [2, 1]],
      ['distinct values([1, 1, 2])', [1, 2]],
      ['sort([3, 1, 2], function(a, b) a < b)', [1, 2, 3]],
    ];
    for (const [text, expected] of rows) it(`${text} → ${JSON.stringify(expected)}`, () => expect(value(text)).to.deep.equal(expected));
  });

  describe('context functions', () => {
    const rows: [string, unknown][] = [
      ['get value({a: 1}, "a")', 1],
      ['get value({a: {b: 2}}, ["a", "b"])', 2],
      ['get value({a: 1}, "missing")', null],
      ['context put({x: 1}, "y", 2)', { x: 1, y: 2 }],
      ['context put({x: {y: 1}}, ["x", "z"], 2)', { x: { y: 1, z: 2 } }],
      ['context merge([{a: 1}, {b: 2}])', { a: 1, b: 2 }],
      ['get entries({a: 1})', [{ key: 'a', value: 1 }]],
      ['context([{key: "a", value: 1}])', { a: 1 }],
    ];
    for (const [text, expected] of rows) it(`${text} → ${JSON.stringify(expected)}`, () => expect(value(text)).to.deep.equal(expected));
  });

  describe('JSON conversion (from json / to json)', () => {
    const rows: [string, unknown][] = [
      ['from json("{\\"a\\": [1, true, null]}")', { a: [1, true, null] }],
      ['from json("not json")', null],
      ['to json({a: 1, b: [date("2025-03-01")]})', '{"a":1,"b":["2025-03-01"]}'],
      ['to json("x")', '"x"'],
    ];
    for (const [text, expected] of rows) it(`${text} → ${JSON.stringify(expected)}`, () => expect(value(text)).to.deep.equal(expected));
  });

  describe('temporal functions with zones', () => {
    const rows: [string, unknown][] = [
      ['date and time("2025-03-01T10:00:00+08:00[Asia/Shanghai]")', '2025-03-01T10:00:00+08:00[Asia/Shanghai]'],
      ['date and time("2025-03-01T10:00:00@Asia/Shanghai") = date and time("2025-03-01T02:00:00Z")', true],
      ['date and time(date and time("2025-03-01T02:00:00Z"), "Asia/Shanghai")', '2025-03-01T10:00:00+08:00[Asia/Shanghai]'],
      ['date and time(date("2025-03-01"), time("08:00:00Z"))', '2025-03-01T08:00:00Z'],
      ['years and months duration(date("2024-01-15"), date("2025-03-20"))', 'P1Y2M'],
      ['years and months duration(date("2024-01-15"), date("2025-03-10"))', 'P1Y1M'],
      ['last day of month(date("2024-02-10"))', 29],
      ['day of week(date("2025-03-01"))', 'Saturday'],
      ['duration("P1DT2H") + duration("PT30M")', 'P1DT2H30M'],
    ];
    for (const [text, expected] of rows) it(`${text} → ${JSON.stringify(expected)}`, () => expect(value(text)).to.deep.equal(expected));
  });
});
