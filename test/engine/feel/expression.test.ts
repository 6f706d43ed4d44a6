import { expect } from 'chai';
import { checkExpression, evaluateExpression, evaluateProperty, isExpression } from '../../../engine/feel';

const ctx = { now: Date.parse('2025-03-01T09:30:00Z') };

describe('FEEL expressions', () => {
  describe('isExpression recognises Zeebe\'s leading "="', () => {
    const rows: [string, boolean][] = [
      ['=a', true],
      ['  = a + 1', true],
      ['a', false],
      ['', false],
      ['a = b', false],
    ];
    for (const [text, expected] of rows) {
      it(`${JSON.stringify(text)} → ${expected}`, () => expect(isExpression(text)).to.equal(expected));
    }
  });

  describe('evaluates to plain JSON values', () => {
    const rows: [string, Record<string, unknown>, unknown][] = [
      ['= 1 + 2', {}, 3],
      ['= a * 2', { a: 21 }, 42],
      ['= "申请" + name', { name: '营业执照' }, '申请营业执照'],
      ['= x.y', { x: { y: [1, 2] } }, [1, 2]],
      ['= {total: a + b, list: [a, b]}', { a: 1, b: 2 }, { total: 3, list: [1, 2] }],
      ['= if approved then "通过" else "退回"', { approved: false }, '退回'],
      ['= for i in [1, 2, 3] return i * i', {}, [1, 4, 9]],
      ['= some x in items satisfies x > 2', { items: [1, 3] }, true],
      ['= items[amount > 10].id', { items: [{ id: 'a', amount: 5 }, { id: 'b', amount: 50 }] }, ['b']],
      ['= count(materials)', { materials: ['身份证', '营业执照'] }, 2],
      ['= sum([1, 2, 3.5])', {}, 6.5],
      ['= upper case("abc")', {}, 'ABC'],
      ['= string length("一次办好")', {}, 4],
      ['= date("2025-03-01") + duration("P1D")', {}, '2025-03-02'],
      ['= date and time("2025-03-01T10:00:00Z") + duration("PT1H")', {}, '2025-03-01T11:00:00Z'],
      ['= date and time("2025-03-01T10:00:00+08:00")', {}, '2025-03-01T10:00:00+08:00'],
      ['= date and time("2025-03-01T10:00:00@Asia/Shanghai")', {}, '2025-03-01T10:00:00+08:00[Asia/Shanghai]'],
      ['= date and time("2025-03-01T10:00:00")', {}, '2025-03-01T10:00:00'],
      ['= duration("PT90M")', {}, 'PT1H30M'],
      ['= date and time("2025-03-02T00:00:00Z") - date and time("2025-03-01T00:00:00Z")', {}, 'P1D'],
      ['= years and months duration(date("2024-01-15"), date("2025-03-20"))', {}, 'P1Y2M'],
      ['= time("10:15:00")', {}, '10:15:00'],
      ['= null', {}, null],
    ];
    for (const [text, variables, expected] of rows) {
      it(`${text} → ${JSON.stringify(expected)}`, () => {
        const result = evaluateExpression(text, variables, ctx);
        expect(result).to.include({ ok: true });
        expect(result.ok && result.value).to.deep.equal(expected);
      });
    }
  });

  describe('a missing variable or entry is null with a warning (Camunda 8 null-friendly error handling)', () => {
    const rows: [string, Record<string, unknown>, unknown, string][] = [
      ['= x', {}, null, "[NO_VARIABLE_FOUND] No variable found with name 'x'"],
      ['= x + 1', {}, null, "[NO_VARIABLE_FOUND] No variable found with name 'x'"],
      ['= order.total', { order: {} }, null, "[NO_CONTEXT_ENTRY_FOUND] No context entry found with key 'total'"],
      ['= unknownFunction(1)', {}, null, "[NO_FUNCTION_FOUND] No function found with name 'unknownFunction'"],
    ];
    for (const [text, variables, expected, warning] of rows) {
      it(`${text} → ${JSON.stringify(expected)} and warns ${warning}`, () => {
        const result = evaluateExpression(text, variables, ctx);
        expect(result.ok).to.equal(true);
        if (!result.ok) return;
        expect(result.value).to.equal(expected);
        expect(result.warnings).to.include(warning);
      });
    }

    it('reports an unknown function once, not also as a missing variable', () => {
      const result = evaluateExpression('= unknownFunction(1)', {}, ctx);
      expect(result.ok && result.warnings).to.deep.equal(["[NO_FUNCTION_FOUND] No function found with name 'unknownFunction'"]);
    });

    it('has no warnings when every name resolves', () => {
      expect(evaluateExpression('= a', { a: 1 }, ctx)).to.deep.equal({ ok: true, value: 1 });
    });
  });

  describe('a value compared with a value of another type is null, not false (feel-scala)', () => {
    const rows: [string, Record<string, unknown>, unknown][] = [
      ['= orderValue >= 100', { orderValue: '99' }, null],
      ['= orderValue >= 100', { orderValue: 99 }, false],
      ['= orderValue < 100', { orderValue: 99 }, true],
      ['= name > 5', { name: 'a' }, null],
      ['= date("2025-01-01") < date("2025-02-01")', {}, true],
      ['= "a" < "b"', {}, true],
      ['= x between 1 and 10', { x: 'five' }, null],
    ];
    for (const [text, variables, expected] of rows) {
      it(`${text} with ${JSON.stringify(variables)} → ${JSON.stringify(expected)}`, () => {
        const result = evaluateExpression(text, variables, ctx);
        expect(result.ok && result.value).to.equal(expected);
      });
    }
  });

  describe('failures are returned as data naming the expression, never thrown', () => {
    const rows: [string, Record<string, unknown>, RegExp][] = [
      ['= 1 +', {}, /^failed to parse expression '1 \+': syntax error at position 3/],
      ['= (a', {}, /^failed to parse expression '\(a':/],
      ['=', {}, /^failed to parse expression '': the expression is empty/],
      ['= [1..3]', {}, /^failed to evaluate expression '\[1\.\.3\]': a range has no JSON form/],
      ['= function(a) a + 1', {}, /^failed to evaluate expression 'function\(a\) a \+ 1': a function has no JSON form/],
      ['no leading equals', {}, /^Expected an expression that starts with '=', but was 'no leading equals'/],
    ];
    for (const [text, variables, failure] of rows) {
      it(`${text} fails with ${failure}`, () => {
        const result = evaluateExpression(text, variables, ctx);
        expect(result.ok).to.equal(false);
        expect(!result.ok && result.failure).to.match(failure);
      });
    }
  });

  describe('checkExpression checks syntax at deploy time', () => {
    const rows: [string, boolean][] = [
      ['= a + 1', true],
      ['= get or else(a, "x")', true],
      ['= is defined(applicant.idCard)', true],
      ['= {a: 1, b: [1, 2]}', true],
      ['= a +', false],
      ['= {a: }', false],
      ['= if a then', false],
      ['a + 1', false],
    ];
    for (const [text, valid] of rows) {
      it(`${text} is ${valid ? 'valid' : 'refused'}`, () => expect(checkExpression(text).ok).to.equal(valid));
    }

    it('caches by text: checking the same expression twice gives the same answer', () => {
      const first = checkExpression('= 1 +');
      expect(checkExpression('= 1 +')).to.deep.equal(first);
    });
  });

  describe('evaluateProperty takes static text as it is and evaluates "=" expressions', () => {
    const rows: [string, Record<string, unknown>, unknown][] = [
      ['notify-applicant', {}, 'notify-applicant'],
      ['= "notify-" + channel', { channel: 'sms' }, 'notify-sms'],
      ['= retries', { retries: 3 }, 3],
    ];
    for (const [text, variables, expected] of rows) {
      it(`${text} → ${JSON.stringify(expected)}`, () => {
        const result = evaluateProperty(text, variables, ctx);
        expect(result.ok && result.value).to.equal(expected);
      });
    }
  });
});
