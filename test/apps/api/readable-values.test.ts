import { expect } from 'chai';
import { labelOf, shownValue } from '../../../apps/api/readable-values';
import type { FormLabels } from '../../../apps/api/form-labels';

/** The labels an application form gives an agent group and an investors list (form-labels.ts collects them so). */
const form: FormLabels = {
  fields: {
    agent: { label: '代办人' },
    'agent.idNumber': { label: '身份证号码' },
    'agent.phone': { label: '手机号码' },
    investors: { label: '投资人' },
    'investors.contribution': { label: '认缴出资（万元）' },
    'investors.kind': { label: '投资人类型', values: { person: '自然人', company: '企业法人' } },
  },
};
const members = (path: string) => ({ path, labelOf: (member: string) => labelOf(member, form) });

describe('values in the readable history', () => {
  it('shows a person by name with each other member under its form label, not its values alone', () => {
    expect(shownValue({ name: '刘帮办', idNumber: '370102199303031234', phone: '13600000000' }, undefined, undefined, 0, members('agent'))).to.equal(
      '刘帮办（身份证号码：370102199303031234，手机号码：13600000000）',
    );
  });

  it('numbers the records of a list and names their members, option codes as their labels', () => {
    const investors = [
      { name: '王芳', contribution: 3000, kind: 'person' },
      { name: '某某集团', contribution: 2000, kind: 'company' },
    ];
    expect(shownValue(investors, undefined, undefined, 0, members('investors'))).to.equal(
      '1. 王芳（认缴出资（万元）：3000，投资人类型：自然人）；2. 某某集团（认缴出资（万元）：2000，投资人类型：企业法人）',
    );
  });

  it('keeps the keys of nested objects, labelling a member by the tail of its path a form knows', () => {
    const filing = { filedBy: 'agent', agent: { name: '刘帮办', idNumber: '370102199303031234' }, principal: { name: '王芳' } };
    expect(shownValue(filing, undefined, undefined, 0, members('filing'))).to.equal('申报人：代办人，代办人：刘帮办（身份证号码：370102199303031234），委托人（申请人）：王芳');
  });

  it('keeps an unlabelled object readable by its keys, nested ones in braces', () => {
    expect(shownValue({ limit: 5, unit: 'day', detail: { a: 1, b: [1, 2] } })).to.equal('limit：5，unit：day，detail：｛a：1，b：1、2｝');
  });

  it("names the members of the workers' own records (a deadline, a seal order) in Chinese, not by their keys", () => {
    const deadline = { name: 'case', limitWorkingMinutes: 2100, consumedWorkingMinutes: 0, warnAt: '2026-12-10T17:30:00+08:00', dueAt: '2026-12-11T17:30:00+08:00', provisional: false };
    expect(shownValue(deadline, undefined, undefined, 0, members('deadline'))).to.equal(
      'case（时限（工作分钟）：2100，已用（工作分钟）：0，预警时间：2026-12-10 17:30，到期时间：2026-12-11 17:30，期限暂定：否）',
    );
    expect(labelOf('sealOrder')?.label).to.equal('印章刻制');
  });

  it('cuts a very long value to one bounded line (the apps fold what is left)', () => {
    const shown = shownValue({ notes: 'x'.repeat(1000) });
    expect(shown).to.have.length(400);
    expect(shown.endsWith('…')).to.equal(true);
  });

  it("shows an option in English by its English label, the form's label where english-option-labels.ts has none", () => {
    const registration: FormLabels = { fields: { registrationType: { label: '登记类型', values: { transfer: '转移登记，买卖（五日内办结）', lease: '租赁登记' } } } };
    const options = registration.fields.registrationType.values;
    const path = { path: 'registrationType', labelOf: (member: string) => labelOf(member, registration) };
    expect(shownValue('transfer', options, undefined, 0, path, 'en')).to.equal('Transfer, sale (five days)');
    expect(shownValue('transfer', options, undefined, 0, path, 'zh')).to.equal('转移登记，买卖（五日内办结）');
    expect(shownValue('lease', options, undefined, 0, path, 'en')).to.equal('租赁登记');
  });
});
