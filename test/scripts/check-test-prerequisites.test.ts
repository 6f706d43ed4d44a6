import { expect } from 'chai';
import { spawnSync } from 'node:child_process';

describe('the test prerequisites check npm test runs first', () => {
  it('names the missing chromium and the command that installs it, in English and Chinese, and exits 1', () => {
    const result = spawnSync(process.execPath, ['scripts/check-test-prerequisites.mjs'], { encoding: 'utf8', env: { ...process.env, ONEGO_CHROMIUM: '/no/such/chromium' } });
    expect(result.status).to.equal(1);
    expect(result.stderr).to.contain('/no/such/chromium').and.contain('apt-get install chromium').and.contain('浏览器测试需要 chromium');
  });

  it('passes quietly when chromium is where the browser tests look for it', () => {
    const result = spawnSync(process.execPath, ['scripts/check-test-prerequisites.mjs'], { encoding: 'utf8' });
    expect(result.status).to.equal(0);
    expect(result.stderr).to.equal('');
  });
});
