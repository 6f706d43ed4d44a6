import { expect } from 'chai';
import { spawnSync } from 'node:child_process';

describe('the onego command', () => {
  it('prints its usage and exits 2 when given no command', () => {
    const result = spawnSync(process.execPath, ['scripts/onego.mjs'], { encoding: 'utf8' });
    expect(result.status).to.equal(2);
    expect(result.stderr).to.match(/usage: onego <engine\|start\|workers\|deploy\|lint\|bench\|calendar>/);
  });
});
