import { expect } from 'chai';
import { array, number, object, string, ValidationError, type AnyObject, type ObjectSchema } from 'yup';
import { describeValidationInChinese, fieldName } from '../../workers/validation-messages';

const labels: Record<string, string> = { investors: '投资人', 'investors.name': '姓名', rate: '缴存比例' };
const labelOf = (path: string) => labels[path];

async function chineseOf(schema: ObjectSchema<AnyObject>, value: unknown): Promise<string> {
  try {
    await schema.validate(value, { abortEarly: false });
  } catch (error) {
    if (error instanceof ValidationError) return describeValidationInChinese(error, labelOf);
    throw error;
  }
  throw new Error('expected the value to be refused');
}

describe('yup validation errors in Chinese', () => {
  it('names a field by its form label, a list item by its number, and an unlabelled field by its variable name', () => {
    expect(fieldName('investors[1].name', labelOf)).to.equal('「投资人 · 第 2 项 · 姓名」');
    expect(fieldName('applicant.idNumber', labelOf)).to.equal('「applicant · idNumber」');
  });

  const cases: [string, ObjectSchema<AnyObject>, unknown, string][] = [
    ['a number out of range', object({ rate: number().max(12) }), { rate: 20 }, '「缴存比例」不得大于 12'],
    ['a text too short', object({ code: string().min(18) }), { code: 'abc' }, '「code」至少须有 18 个字符'],
    ['a list too short', object({ investors: array(object({ name: string() })).min(1) }), { investors: [] }, '「投资人」至少须有 1 项'],
    ['a missing member of a list item', object({ investors: array(object({ name: string().required() })) }), { investors: [{}] }, '缺少「投资人 · 第 1 项 · 姓名」'],
    ['a value not among the allowed ones', object({ light: string().oneOf(['yellow', 'red']) }), { light: 'blue' }, '「light」须为以下之一：yellow、red'],
    ['a worker\'s own Chinese predicate, after the field', object({ at: string().test('instant', 'at must be a date-time (须为 ISO-8601 时间)', () => false) }), { at: 'x' }, '「at」须为 ISO-8601 时间'],
    ['a worker\'s own Chinese sentence, alone', object({ reasons: string().required('reasons are required for a bad review (差评须写明理由)') }), {}, '差评须写明理由'],
  ];
  for (const [what, schema, value, expected] of cases) {
    it(`says ${what} in Chinese: ${expected}`, async () => {
      expect(await chineseOf(schema, value)).to.equal(expected);
    });
  }
});
