import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { APP_ENDPOINTS } from '../../apps/public/shared/endpoints';
import { ADMIN, startAppsTestBed, type AppsTestBed } from './apps-test-bed';

const PUBLIC_DIR = fileURLToPath(new URL('../../apps/public/', import.meta.url));

/** `api('METHOD', '/path…')` and `apiDownload('GET', …)` calls in the browser code, with `${…}` as `{}` and the query left off. */
async function callsInBrowserCode(): Promise<string[]> {
  const calls = new Set<string>();
  const files = (await readdir(PUBLIC_DIR, { recursive: true })).filter((file) => /\.tsx?$/.test(file));
  for (const file of files) {
    const source = await readFile(join(PUBLIC_DIR, file), 'utf8');
    for (const match of source.matchAll(/\bapi(?:Download)?(?:<[^(]*?>)?\(\s*'([A-Z]+)',\s*[`']([^`']+)[`']/gs)) {
      calls.add(`${match[1]} ${match[2].replace(/\$\{[^}]+\}/g, '{}').replace(/\?.*$/, '')}`);
    }
  }
  return [...calls].sort();
}

const listed = () => APP_ENDPOINTS.map((endpoint) => `${endpoint.method} ${endpoint.path.replace(/\{[^}]+\}/g, '{}')}`).sort();

describe('the list of endpoints the apps use', function () {
  let bed: AppsTestBed;

  after(async function () {
    await bed?.close();
  });

  it('names every endpoint the browser code calls, and no other', async function () {
    const calls = await callsInBrowserCode();

    expect(calls.length).to.be.greaterThan(10);
    expect(calls).to.deep.equal([...new Set(listed())].sort());
  });

  it('keeps the OneGo extension under /apps (or the engine\'s /onego) and the rest in Camunda v2 paths', function () {
    for (const endpoint of APP_ENDPOINTS) expect(/^\/(apps|onego)\//.test(endpoint.path), `${endpoint.method} ${endpoint.path}`).to.equal(endpoint.owner === 'onego');
  });

  it('is routed by the engine with the apps mounted (no "is not one" 404)', async function () {
    bed = await startAppsTestBed();
    for (const endpoint of APP_ENDPOINTS) {
      const path = `/v2${endpoint.path.replace(/\{[^}]+\}/g, '1')}`;
      const response = await bed.call(endpoint.method, path, { user: ADMIN, body: endpoint.method === 'GET' ? undefined : {} });
      const body = await response.text();
      expect(body, `${endpoint.method} ${path}`).not.to.include('is not one');
    }
  });
});
