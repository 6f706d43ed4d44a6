import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCalendarArguments, run } from '../../../scripts/commands/calendar';
import { checkCalendarFile } from '../../../workers/calendar';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../workers/calendar/fixtures');

describe('onego calendar', () => {
  let out: string;
  let lines: string[];
  const print = (line: string) => lines.push(line);
  beforeEach(() => {
    out = mkdtempSync(path.join(tmpdir(), 'onego-calendar-'));
    lines = [];
  });
  afterEach(() => {
    rmSync(out, { recursive: true, force: true });
    process.exitCode = undefined;
  });

  it('imports a notice with --yes: prints the month grids and writes a checked year file', async () => {
    // given the FICTIONAL 2027 test notice (not the State Council's)
    // when it is imported into a scratch folder
    await run(['import', '2027', path.join(fixtures, 'FICTIONAL-notice-2027.txt'), '--out', out, '--yes'], print);
    // then the grid was shown and 2027.json holds the days, in the holiday-cn format
    expect(process.exitCode ?? 0).to.equal(0);
    expect(lines.join('\n')).to.contain('2027年2月  春节').and.contain(`wrote ${path.join(out, '2027.json')}`);
    const file = checkCalendarFile(JSON.parse(readFileSync(path.join(out, '2027.json'), 'utf8')), '2027.json', 2027);
    expect(file.days.filter((day) => !day.isOffDay)).to.deep.equal([{ name: '春节', date: '2027-02-13', isOffDay: false }]);
    expect(file.days.filter((day) => day.isOffDay)).to.have.length(10);
  });

  it('writes nothing on a dry run, or when nobody confirms', async () => {
    await run(['import', '2026', path.join(fixtures, 'notice-2026.txt'), '--out', out, '--dry-run'], print);
    expect(lines.join('\n')).to.contain('dry run');
    // stdin is no terminal under mocha, so there is nobody to confirm
    await run(['import', '2026', path.join(fixtures, 'notice-2026.txt'), '--out', out], print);
    expect(process.exitCode).to.equal(1);
    expect(existsSync(path.join(out, '2026.json'))).to.equal(false);
  });

  it('refuses a bad notice with file, line and reason, and writes nothing', async () => {
    const notice = path.join(out, 'bad.txt');
    writeFileSync(notice, '标题\n一、元旦：1月1日（周四）至3日（周六）放假调休，共4天。\n');
    await run(['import', '2026', notice, '--out', out, '--yes'], print);
    expect(process.exitCode).to.equal(1);
    expect(lines[0]).to.match(/bad\.txt:2: 写明共4天.*says 4 days/);
    expect(existsSync(path.join(out, '2026.json'))).to.equal(false);
  });

  it('refuses unknown arguments before touching anything', () => {
    expect(() => parseCalendarArguments(['import', 'next', 'x.txt'])).to.throw(/import <year> <notice.txt>/);
    expect(() => parseCalendarArguments(['export'])).to.throw(/'import' or 'years'/);
    expect(() => parseCalendarArguments(['import', '2027', 'x.txt', '--yes', '--dry-run'])).to.throw(/not both/);
  });
});
