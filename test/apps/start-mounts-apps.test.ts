import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { basicAuthorization } from '../../engine/identity';
import { startOneGo, type RunningOneGo } from '../../scripts/commands/start';
import { AUDITOR, ZHANG_SAN } from './apps-test-bed';

describe('onego start serves the apps', function () {
  this.timeout(60_000);
  let running: RunningOneGo;
  let dataDir: string;

  before(async function () {
    dataDir = await mkdtemp(join(tmpdir(), 'onego-start-apps-'));
    running = await startOneGo({ grpcPort: 0, restPort: 0, dataDir, demo: false, auth: 'basic' }, () => {});
  });

  after(async function () {
    await running?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('on the REST port: the task list page, and the 亮灯 board for auditors only', async function () {
    const url = running.server.restUrl;

    const page = await fetch(`${url}/tasklist`);
    const asAuditor = await fetch(`${url}/v2/apps/audit/lights`, { headers: { authorization: basicAuthorization(AUDITOR.username, AUDITOR.password) } });
    const asStaff = await fetch(`${url}/v2/apps/audit/lights`, { headers: { authorization: basicAuthorization(ZHANG_SAN.username, ZHANG_SAN.password) } });

    expect(page.status).to.equal(200);
    expect(await page.text()).to.include('/apps/assets/tasklist.js');
    expect(asAuditor.status).to.equal(200);
    expect(((await asAuditor.json()) as { items: unknown[] }).items).to.deep.equal([]);
    expect(asStaff.status).to.equal(403);
  });
});
