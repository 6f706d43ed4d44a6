import { expect } from 'chai';
import { formatWorkingDays } from '../../apps/public/shared/format';

const zh = (text: string) => text;
const en = (_zh: string, text: string) => text;

describe("the apps' handling time in working days", function () {
  it('says 不足 0.1 个工作日 for a case finished within the hour, which the server rounds to 0', function () {
    expect(formatWorkingDays(0, zh)).to.equal('不足 0.1 个工作日');
    expect(formatWorkingDays(0, en)).to.equal('under 0.1 working days');
  });

  it('says the days as rounded, and — without finished cases', function () {
    expect(formatWorkingDays(0.1, zh)).to.equal('0.1 个工作日');
    expect(formatWorkingDays(2.5, zh)).to.equal('2.5 个工作日');
    expect(formatWorkingDays(null, zh)).to.equal('—');
  });
});
