import { expect } from 'chai';
import { evaluateFeel } from '../../../engine/feel';
import { arithmeticFunctions, withCamundaArithmetic } from '../../../engine/feel/arithmetic-rewrite';

const ctx = { now: Date.parse('2025-03-01T09:30:00Z') };

describe('routing FEEL arithmetic to Camunda\'s operators', () => {
  it('turns a binary operation into a call of the hidden operator function', () =>
    expect(withCamundaArithmetic('duration("PT1H") * 2', {})).to.equal('__onego_multiply(duration("PT1H"), 2)'));

  it('follows FEEL precedence and keeps parentheses', () =>
    expect(withCamundaArithmetic('a - b * (c + 1)', {})).to.equal('__onego_subtract(a, __onego_multiply(b, (__onego_add(c, 1))))'));

  it('leaves unary minus and exponentiation to feelin', () =>
    expect(withCamundaArithmetic('-a ** 2', {})).to.equal('-a ** 2'));

  it('leaves source without an operator untouched', () =>
    expect(withCamundaArithmetic('amount > 100', {})).to.equal('amount > 100'));

  it('reads a-b as one name when a variable has that name, as the evaluation does', () => {
    expect(withCamundaArithmetic('a-b * 2', { 'a-b': 7 })).to.equal('__onego_multiply(a-b, 2)');
    expect(withCamundaArithmetic('a-b * 2', {})).to.equal('__onego_subtract(a, __onego_multiply(b, 2))');
  });

  it('provides a function for every operator it writes', () =>
    expect(Object.keys(arithmeticFunctions).sort()).to.deep.equal(['__onego_add', '__onego_divide', '__onego_multiply', '__onego_subtract']));

  describe('evaluates rewritten expressions like feelin where Camunda agrees', () => {
    const variables = { a: 5, 'a-b': 7, 'first name': 'Ann', items: [{ price: 3 }, { price: 12 }] };
    const rows: [string, unknown][] = [
      ['a-b * 2', 14],
      ['first name + "!"', 'Ann!'],
      ['items[price * 2 > 10].price', [12]],
      ['for i in 1..3 return i * a', [5, 10, 15]],
      ['{p: 2, q: p * 3}.q', 6],
      ['(function(x) x * 2)(4)', 8],
      ['sum(for i in items return i.price * 2)', 30],
      ['a ** 2 / 4', 6.25],
      ['if a > 1 then a * 2 else a / 2', 10],
      ['some i in items satisfies i.price - 10 > 0', true],
      ['a /* comment */ * 2', 10],
    ];
    for (const [source, expected] of rows) {
      it(`${source} → ${JSON.stringify(expected)}`, () =>
        expect(evaluateFeel(source, variables, ctx)).to.deep.equal({ ok: true, value: expected }));
    }
  });

  it('reports a missing variable under its own name, not the operator function\'s', () =>
    expect(evaluateFeel('x + 1', {}, ctx)).to.deep.equal({
      ok: true,
      value: null,
      warnings: ["[NO_VARIABLE_FOUND] No variable found with name 'x'", "[INVALID_TYPE] Can't add '1' to 'null'"],
    }));
});
