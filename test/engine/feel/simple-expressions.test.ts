import { expect } from 'chai';
import { evaluate } from 'feelin';
import { simpleExpressionValue } from '../../../engine/feel/simple-expressions';

const variables: Record<string, unknown> = {
  applicant: { name: '张三', age: 30, address: { city: '济南' }, nothing: null, tags: ['a'] },
  count: 5,
  flag: false,
  申请人: { 姓名: '李四' },
  items: [{ price: 1 }, { price: 2 }],
};

describe('the fast path for literals and variable paths', () => {
  const answered = [
    '"manual"', '""', '"含中文"', '5', '-2.5', '0', 'true', 'false', 'null',
    'applicant', 'applicant.name', 'applicant.age', 'applicant.address.city', 'applicant.nothing', 'applicant.tags',
    'count', 'flag', '申请人.姓名',
  ];
  for (const source of answered) {
    it(`answers ${source} as feelin does`, () => {
      const fast = simpleExpressionValue(source, variables);
      expect(fast, `${source} is simple`).to.not.equal(undefined);
      expect(fast!.value).to.deep.equal(evaluate(source, variables).value);
    });
  }

  const leftToFeelin = [
    'missing', 'applicant.missing', 'applicant.nothing.x', 'items.price', 'applicant.name.length', 'a + 1',
    '"with \\"escape\\""', 'if', 'applicant.for', '1e3', '.5',
  ];
  for (const source of leftToFeelin) {
    it(`leaves ${source} to feelin`, () => expect(simpleExpressionValue(source, variables)).to.equal(undefined));
  }
});
