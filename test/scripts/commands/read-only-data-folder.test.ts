import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnEngine } from './engine-process';

const onego = resolve('scripts/onego.mjs');

/**
 * Runs an `onego` command with `folder` unwritable. As root (CI) permissions do not stop writes, so the
 * folder is bind-mounted read-only in a private mount namespace (util-linux `unshare`): a real read-only
 * file system. Any other user gets a folder without write permission.
 */
function runWithFolderUnwritable(folder: string, args: string[]): { status: number | null; stderr: string; stdout: string } {
  const asRoot = process.getuid?.() === 0;
  const result = asRoot
    ? spawnSync(
        'unshare',
        ['-m', 'sh', '-c', 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"', 'sh', folder, process.execPath, onego, ...args],
        { encoding: 'utf8', timeout: 90_000 },
      )
    : (chmodSync(folder, 0o555), spawnSync(process.execPath, [onego, ...args], { encoding: 'utf8', timeout: 90_000 }));
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

describe('onego engine and onego start on a data folder that cannot be written', function () {
  this.timeout(180_000);
  let parent: string;

  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), 'onego-readonly-'));
  });
  afterEach(() => {
    chmodSync(parent, 0o755);
    rmSync(parent, { recursive: true, force: true });
  });

  it('refuses a new data folder under a read-only parent in one line with exit code 4, not "no such file" (ENOENT)', () => {
    const result = runWithFolderUnwritable(parent, ['engine', '--grpc-port', '0', '--rest-port', '0', '--management-port', '0', '--data', join(parent, 'new', 'data')]);
    expect(result.status, result.stderr).to.equal(4);
    expect(result.stderr.trim().split('\n')).to.have.length(1);
    expect(result.stderr).to.contain('无法写入（权限不足或只读文件系统）').and.contain('cannot be written').and.not.contain('ENOENT');
  });

  it('refuses an existing engine data folder that became read-only, for engine and start alike, before serving anything', async () => {
    // given a data folder an engine has written and left
    const data = join(parent, 'data');
    mkdirSync(data);
    const engine = spawnEngine(['--grpc-port', '0', '--rest-port', '0', '--management-port', '0', '--data', data]);
    await engine.ready;
    engine.child.kill('SIGTERM');
    expect(await engine.exited).to.equal(0);
    // when it is read-only, then both commands say so in one line and exit 4
    for (const command of [
      ['engine', '--grpc-port', '0', '--rest-port', '0', '--management-port', '0', '--data', data],
      ['start', '--grpc-port', '0', '--rest-port', '0', '--management-port', '0', '--no-demo', '--data', data],
    ]) {
      const result = runWithFolderUnwritable(parent, command);
      expect(result.status, `${command[0]}: ${result.stderr}`).to.equal(4);
      expect(result.stderr).to.contain(`onego ${command[0]}: 数据目录 ${data} 无法写入`).and.contain('read-only file system');
      expect(result.stderr.trim().split('\n'), result.stderr).to.have.length(1);
      expect(result.stdout, 'no app URLs before the refusal').to.not.contain('/tasklist');
    }
  });
});
