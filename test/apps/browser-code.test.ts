import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { APP_ENTRIES, BrowserBundles } from '../../apps';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe("the apps' browser code", function () {
  this.timeout(60_000);

  // The root tsconfig has no DOM types, so the browser code has its own project; npm test checks it here.
  it('type-checks against the DOM with its own tsconfig', async function () {
    const tsc = `${root}node_modules/typescript/bin/tsc`;
    const result = await promisify(execFile)(process.execPath, [tsc, '--noEmit', '-p', 'apps/public/tsconfig.json'], { cwd: root }).catch(
      (error: { stdout?: string; code?: number }) => ({ stdout: error.stdout ?? String(error), code: error.code }),
    );

    expect(result.stdout).to.equal('');
  });

  it('bundles one script and one style sheet per app, in memory', async function () {
    const bundles = new BrowserBundles();

    for (const app of Object.keys(APP_ENTRIES)) {
      const script = await bundles.file(`${app}.js`);
      const style = await bundles.file(`${app}.css`);
      expect(script?.contentType, app).to.match(/javascript/);
      expect(style?.contentType, app).to.match(/css/);
    }
    expect(await bundles.file('other.js')).to.equal(undefined);
  });
});
