import { expect } from 'chai';
import { evaluateExpressionOfType, resultTypeOf, type ResultType } from '../../../engine/feel';

const ctx = { now: 0 };

describe('typed expression results', () => {
  const types: [unknown, ResultType][] = [
    [null, 'NULL'],
    [true, 'BOOLEAN'],
    [1.5, 'NUMBER'],
    ['x', 'STRING'],
    [[1], 'ARRAY'],
    [{ a: 1 }, 'OBJECT'],
  ];
  for (const [value, type] of types) it(`${JSON.stringify(value)} is ${type}`, () => expect(resultTypeOf(value)).to.equal(type));

  it('passes a value of the expected type through', () => {
    expect(evaluateExpressionOfType('=a > 1', 'BOOLEAN', { a: 2 }, ctx)).to.deep.equal({ ok: true, value: true });
  });

  it("fails with Zeebe's incident text when a missing variable makes the result null", () => {
    const result = evaluateExpressionOfType('=x', 'STRING', {}, ctx);
    expect(!result.ok && result.failure).to.equal(
      "Expected result of the expression 'x' to be 'STRING', but was 'NULL'. The evaluation reported the following warnings:\n" +
        "[NO_VARIABLE_FOUND] No variable found with name 'x'",
    );
  });

  it("fails without a warnings section when there were none (a condition that is not a boolean)", () => {
    const result = evaluateExpressionOfType('=orderValue', 'BOOLEAN', { orderValue: 7 }, ctx);
    expect(!result.ok && result.failure).to.equal("Expected result of the expression 'orderValue' to be 'BOOLEAN', but was 'NUMBER'.");
  });

  it('a comparison of a string with a number is null, so the gateway condition fails instead of going the wrong way', () => {
    const result = evaluateExpressionOfType('=orderValue >= 100', 'BOOLEAN', { orderValue: '99' }, ctx);
    // the incident text of Camunda's own troubleshooting example
    expect(!result.ok && result.failure).to.equal(
      "Expected result of the expression 'orderValue >= 100' to be 'BOOLEAN', but was 'NULL'. The evaluation reported the following warnings:\n" +
        `[NOT_COMPARABLE] Can't compare '"99"' with '100'`,
    );
  });

  it('accepts one of several types', () => {
    expect(evaluateExpressionOfType('="PT1H"', ['STRING', 'NUMBER'], {}, ctx)).to.deep.equal({ ok: true, value: 'PT1H' });
    const result = evaluateExpressionOfType('=[1]', ['STRING', 'NUMBER'], {}, ctx);
    expect(!result.ok && result.failure).to.equal("Expected result of the expression '[1]' to be one of '[STRING, NUMBER]', but was 'ARRAY'.");
  });
});
