import { expect } from 'chai';
import { formatShare, onTimeRate, roundedShare } from '../../apps/public/shared/rates';

describe("the apps' one rounding rule for shares (按时办结率, 整改率)", function () {
  it('rounds a share once, half up, to a tenth of a percent, from whole numbers', function () {
    expect(onTimeRate(2, 1)).to.equal(0.667);
    expect(onTimeRate(1, 2)).to.equal(0.333);
    expect(onTimeRate(1, 15)).to.equal(0.063); // 62.5 ‰: the half goes up
    // 201 / 400 is 0.5025, which floating point holds as 0.50249…: rounding the float gave 50.2 %
    expect(roundedShare(201, 400)).to.equal(0.503);
    expect(roundedShare(0, 0)).to.equal(null);
  });

  it('prints the rounded share as the server answered it, never rounding it again', function () {
    expect(formatShare(0.667)).to.equal('66.7%');
    expect(formatShare(0.067)).to.equal('6.7%');
    expect(formatShare(1)).to.equal('100.0%');
    expect(formatShare(0)).to.equal('0.0%');
    expect(formatShare(0.145)).to.equal('14.5%');
    expect(formatShare(null)).to.equal('—');
    expect(formatShare(null, '')).to.equal('');
  });
});
