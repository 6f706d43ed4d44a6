import { expect } from 'chai';
import { unaryTest } from 'feelin';
import '../../../engine/feel';
import { simpleUnaryTests } from '../../../engine/feel/simple-unary-tests';

const simpleTests = [
  '"a"', '"a","b"', '"a, b"', '"政府投资","社会投资"', '""', '5', '5, 6', '-5', '2.5', '0',
  '< 5', '<= 5', '> 5', '>= 5', '< -2.5', '>=0',
  '[1..5]', '(1..5)', ']1..5[', '[1..5)', '(1..5]', '[5..1]', '[-1.5..1.5]',
  'true', 'false', 'null', '"a", 5', '< 5, "x"', '[1..2], [4..5]', 'true, null',
];
const inputs = ['a', 'b', 'a, b', '', '政府投资', '5', 5, 6, 0, 1, 2.5, 3, -3, -5, 1.5, true, false, null];

describe('the fast path for simple unary tests', () => {
  for (const test of simpleTests) {
    it(`${test} answers as feelin does for every primitive input`, () => {
      const predicate = simpleUnaryTests(test);
      expect(predicate, `${test} is simple`).to.be.a('function');
      for (const input of inputs) {
        const expected = unaryTest(test, { '?': input }).value === true;
        expect(predicate!(input), `${test} with ${JSON.stringify(input)}`).to.equal(expected);
      }
    });
  }

  const notSimple = ['not("a")', '< x', '"a\\"b"', 'date("2025-01-01")', '[a..b]', '? > 5', 'starts with(?, "a")', '"unclosed', '5 +', '> "b"'];
  for (const test of notSimple) {
    it(`leaves ${test} to feelin`, () => expect(simpleUnaryTests(test)).to.equal(undefined));
  }
});
