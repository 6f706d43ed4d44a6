import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Registers the hooks of a "full disk" test in the current `describe`: it is skipped where util-linux's `prlimit`
 * is missing (not Linux: there is no other way to make an engine process's writes fail with EFBIG), and it gets a
 * scratch folder named `onego-<name>-…`, removed afterwards. Returns a getter for that folder.
 */
export function prlimitScratchFolder(name: string): () => string {
  let dir = '';
  before(function () {
    try {
      execFileSync('prlimit', ['--version'], { stdio: 'ignore' });
    } catch {
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), `onego-${name}-`));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => dir;
}
