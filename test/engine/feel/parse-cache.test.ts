import { expect } from 'chai';
import { evaluate } from 'feelin';
import { evaluateExpression } from '../../../engine/feel';

const ctx = { now: 0 };
const value = (text: string, variables: Record<string, unknown>) => {
  const result = evaluateExpression(text, variables, ctx);
  if (!result.ok) throw new Error(result.failure);
  return result.value;
};

describe('cached FEEL parse trees', () => {
  it('a name with a symbol is one name when such a variable exists and an operation otherwise, whatever was cached first', () => {
    expect(value('=applicant-risk', { applicant: 5, risk: 2 })).to.equal(3);
    expect(value('=applicant-risk', { 'applicant-risk': 'low', applicant: 5, risk: 2 })).to.equal('low');
    expect(value('=applicant-risk', { applicant: 7, risk: 2 })).to.equal(5);
  });

  it('a name with spaces resolves when the variable exists', () => {
    expect(value('=first name + "!"', { 'first name': '张三' })).to.equal('张三!');
    expect(value('=order.delivery date', { order: { 'delivery date': '2025-03-01' } })).to.equal('2025-03-01');
  });

  it('the same expression gives the same answer when evaluated again with other variables', () => {
    const rows: [Record<string, unknown>, unknown][] = [[{ a: 1 }, 2], [{ a: 41 }, 42], [{}, null], [{ a: 1 }, 2]];
    for (const [variables, expected] of rows) expect(value('=a + 1', variables)).to.equal(expected);
  });

  it('variables the expression does not name do not matter, however many there are', () => {
    const many = Object.fromEntries(Array.from({ length: 500 }, (_, index) => [`v${index}`, index]));
    expect(value('=v499 + v0 + count([v1, v2])', many)).to.equal(501);
    expect(value('={a: v7}.a', many)).to.equal(7);
  });

  it('filters and paths still see the item context', () => {
    const items = [{ price: 5, name: 'a' }, { price: 50, name: 'b' }];
    expect(value('=items[price > 10].name', { items, price: 1 })).to.deep.equal(['b']);
  });

  it('leaves feelin as it is for other callers (no cache outside our evaluations)', () => {
    evaluateExpression('=x * 2', { x: 2 }, ctx);
    expect(evaluate('x * 2', { x: 4 }).value).to.equal(8);
  });
});
