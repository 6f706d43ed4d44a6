import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledHolidayYears, monthGrids, readStateCouncilNotice, type NoticeReading } from '../../../workers/calendar';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const notice = (name: string) => readFileSync(path.join(fixtures, name), 'utf8');

function fileOf(reading: NoticeReading) {
  if (!reading.ok) throw new Error(`Expected the notice to parse, but: ${JSON.stringify(reading.errors)}`);
  return reading.file;
}

function errorsOf(reading: NoticeReading) {
  if (reading.ok) throw new Error('Expected the notice to be refused, but it parsed');
  return reading.errors;
}

describe('reading the State Council holiday notice', () => {
  for (const year of [2024, 2025, 2026]) {
    it(`turns the real ${year} notice into exactly the days chinese-days has for ${year}`, () => {
      // given the notice as published and the bundled data for the same year
      const file = fileOf(readStateCouncilNotice(notice(`notice-${year}.txt`), year));
      const bundled = bundledHolidayYears.get(year)!;
      // then the days off and the make-up workdays are the same dates
      expect(file.days.filter((day) => day.isOffDay).map((day) => day.date)).to.deep.equal([...bundled.holidays].sort());
      expect(file.days.filter((day) => !day.isOffDay).map((day) => day.date)).to.deep.equal([...bundled.workdays].sort());
      expect(file.year).to.equal(year);
      expect(file.papers[0]).to.equal(`国务院办公厅关于${year}年部分节假日安排的通知`);
    });
  }

  it('names each day after its block, joined names included', () => {
    const file = fileOf(readStateCouncilNotice(notice('notice-2025.txt'), 2025));
    expect(file.days.find((day) => day.date === '2025-10-06')).to.deep.equal({ name: '国庆节、中秋节', date: '2025-10-06', isOffDay: true });
    expect(file.days.find((day) => day.date === '2025-01-26')).to.deep.equal({ name: '春节', date: '2025-01-26', isOffDay: false });
  });

  it('leaves advice that is no arrangement aside and lists it', () => {
    const reading = readStateCouncilNotice(notice('notice-2024.txt'), 2024);
    expect(fileOf(reading).days.map((day) => day.date)).not.to.include('2024-02-09');
  });

  it('reads half-width punctuation as news sites print it', () => {
    const file = fileOf(readStateCouncilNotice('一、元旦:1月1日(周四)至3日(周六)放假调休,共3天。1月4日(周日)上班。', 2026));
    expect(file.days.map((day) => `${day.date}${day.isOffDay ? '休' : '班'}`)).to.deep.equal(['2026-01-01休', '2026-01-02休', '2026-01-03休', '2026-01-04班']);
  });

  const refusals: Array<[string, string, number, RegExp]> = [
    ['a block whose day count disagrees with its dates', '一、元旦：1月1日（周四）至3日（周六）放假调休，共4天。', 2026, /写明共4天，但2026-01-01至2026-01-03是3天.*says 4 days/],
    ['a make-up day that is not a weekend day', '一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月5日（周一）上班。', 2026, /调休上班日2026-01-05不是周末.*not a weekend day/],
    ['a weekday in brackets that is not the date\'s weekday', '一、元旦：1月1日（周五）至3日（周六）放假调休，共3天。', 2026, /1月1日是周四，不是周五/],
    ['a day both off and worked', '一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月3日（周六）上班。', 2026, /2026-01-03既在本行放假又在本行上班/],
    ['a notice of another year', '现将2026年元旦放假安排通知如下。\n一、元旦：1月1日至3日放假调休，共3天。', 2027, /通知写的是2026年，不是导入的2027年/],
    ['a block it cannot read', '一、元旦：元月初一放假。', 2026, /无法识别放假日期/],
    ['a range that ends before it starts', '一、元旦：1月3日至1日放假，共3天。', 2026, /结束日期2026-01-01早于开始日期2026-01-03/],
    ['an impossible date', '一、春节：2月30日放假，共1天。', 2026, /2月30日不是真实日期/],
    ['text without any block', '这不是放假通知', 2026, /没有找到/],
  ];
  for (const [what, text, year, reason] of refusals) {
    it(`refuses ${what}, naming the line and the reason in Chinese and English`, () => {
      const [error] = errorsOf(readStateCouncilNotice(text, year));
      expect(error!.reason).to.match(reason);
      expect(error!.reason).to.match(/[（(].*[A-Za-z].*[）)]/);
      expect(error!.line).to.be.a('number');
    });
  }

  it('reports every bad line, not only the first', () => {
    const errors = errorsOf(readStateCouncilNotice('一、元旦：1月1日至3日放假，共4天。\n\n二、春节：2月15日至23日放假调休，共9天。2月16日（周一）上班。', 2026));
    expect(errors.map((error) => error.line)).to.deep.equal([1, 3]);
    expect(errors[1]!.text).to.equal('二、春节：2月15日至23日放假调休，共9天。2月16日（周一）上班。');
  });

  it('shows the result as month grids marking days off and make-up days', () => {
    const grid = monthGrids(fileOf(readStateCouncilNotice(notice('notice-2026.txt'), 2026)));
    expect(grid).to.contain('2026年1月  元旦');
    expect(grid).to.match(/ {2}1休 {3}2休 {3}3休 {3}4班\n/);
    expect(grid.split('\n').filter((line) => /^\d{4}年\d+月/.test(line))).to.have.length(7);
  });
});
