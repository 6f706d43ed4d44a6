import { expect } from 'chai';
import { spawnSync } from 'node:child_process';

function onego(...args: string[]) {
  return spawnSync(process.execPath, ['scripts/onego.mjs', ...args], { encoding: 'utf8' });
}

describe('the onego command', () => {
  it('prints its commands and exits 2 when given no command', () => {
    const result = onego();
    expect(result.status).to.equal(2);
    expect(result.stderr).to.contain('usage: onego <command> [options]');
    for (const command of ['start', 'engine', 'workers', 'deploy', 'lint', 'bench']) expect(result.stderr).to.match(new RegExp(`^  ${command} +\\S`, 'm'));
  });

  it('names an unknown command in Chinese and English and exits 2', () => {
    const result = onego('strat');
    expect(result.status).to.equal(2);
    expect(result.stderr).to.contain("未知命令 'strat' / unknown command 'strat'");
  });

  it('prints the commands for --help and its version for --version', () => {
    expect(onego('--help').stdout).to.contain('onego <command> --help');
    expect(onego('--version').stdout.trim()).to.match(/^onego \d+\.\d+\.\d+$/);
  });

  for (const command of ['start', 'engine', 'workers', 'deploy', 'lint', 'calendar', 'bench', 'backup', 'restore', 'history', 'verify-history', 'bench-scale', 'bench-statistics', 'bench-snapshot']) {
    it(`prints the options of 'onego ${command}' for --help and exits 0`, () => {
      const result = onego(command, '--help');
      expect(result.status, result.stderr).to.equal(0);
      expect(result.stdout).to.contain(`usage: onego ${command}`);
    });
  }

  it('lists every option of a command with its default, e.g. bench-scale\'s --finished (default 1000000)', () => {
    const result = onego('bench-scale', '--help');
    expect(result.stdout).to.match(/--finished N .*\(default 1000000\)/);
    expect(result.stdout).to.match(/--keep/);
  });
});
