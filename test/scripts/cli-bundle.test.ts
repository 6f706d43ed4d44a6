import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';

const manifestFile = join('.onego', 'build', 'cli', 'manifest.json');

function onego(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, ['scripts/onego.mjs', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
}

function currentBuild(): { dir: string; inputs: [string, number, number][] } {
  return JSON.parse(readFileSync(manifestFile, 'utf8')) as { dir: string; inputs: [string, number, number][] };
}

describe('the onego command run from its bundle', () => {
  it('runs from a bundle of its TypeScript that names every source file it was built from', () => {
    const result = onego(['--version']);
    expect(result.status, result.stderr).to.equal(0);
    const build = currentBuild();
    const inputs = build.inputs.map(([path]) => path);
    expect(inputs.some((path) => path.endsWith(join('scripts', 'cli.ts')))).to.equal(true);
    expect(inputs.some((path) => path.endsWith(join('engine', 'server.ts')))).to.equal(true);
    expect(statSync(join('.onego', 'build', 'cli', build.dir, 'cli.js')).isFile()).to.equal(true);
  });

  it('builds a new bundle once a source file changes, and reuses it while nothing changes', () => {
    onego(['--version']);
    const before = currentBuild().dir;
    expect(onego(['--version']).status).to.equal(0);
    expect(currentBuild().dir, 'nothing changed: the same bundle').to.equal(before);
    // A new modification time is a change, as an edit or a checkout would make; the content stays as it is.
    const source = join('scripts', 'cli.ts');
    const later = new Date(statSync(source).mtimeMs + 1000);
    utimesSync(source, later, later);
    const result = onego(['--version']);
    expect(result.status, result.stderr).to.equal(0);
    expect(result.stdout.trim()).to.match(/^onego \d+\.\d+\.\d+$/);
    expect(currentBuild().dir).not.to.equal(before);
  });

  it('still runs through tsx with ONEGO_NO_BUNDLE=1, with the same answers', () => {
    const bundled = onego(['engine', '--clock', 'sundial']);
    const direct = onego(['engine', '--clock', 'sundial'], { ONEGO_NO_BUNDLE: '1' });
    expect(direct.status).to.equal(2);
    expect(bundled.status).to.equal(2);
    expect(direct.stderr).to.equal(bundled.stderr);
    expect(direct.stderr).to.contain("Expected --clock to be 'system' or 'controlled', but was 'sundial'");
  });

  it('gives each bundled module its own file URL, so files beside it are found (the demo identity, thread modules)', () => {
    const folder = join('.onego', 'build', 'cli', currentBuild().dir);
    const modules = readdirSync(folder).filter((name) => name.endsWith('.js'));
    expect(modules.length).to.be.greaterThan(1);
    for (const name of modules) expect(readFileSync(join(folder, name), 'utf8'), name).not.to.contain('import.meta.url');
  });
});
