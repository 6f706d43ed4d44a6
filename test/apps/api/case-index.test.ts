import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUDITOR, startAppsTestBed } from '../apps-test-bed';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response: Response): Promise<any> => response.json();

describe("the apps' case index on disk", function () {
  this.timeout(60_000);
  let dataDir: string;

  beforeEach(async function () {
    dataDir = await mkdtemp(join(tmpdir(), 'onego-case-index-'));
  });
  afterEach(async function () {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is closed with the server: a stopped server leaves apps-cases.sqlite without a -wal or -shm file, and a restart reads it on', async function () {
    const bed = await startAppsTestBed({ dataDir });
    const first = await bed.openCase('SD-I-1', '第一件');
    const before = await json(await bed.call('GET', '/v2/apps/audit/process-instances?text=SD-I', { user: AUDITOR }));
    expect(before.items.map((item: { processInstanceKey: string }) => item.processInstanceKey)).to.deep.equal([first.processInstanceKey]);
    expect(existsSync(join(dataDir, 'apps-cases.sqlite-wal'))).to.equal(true);
    await bed.close();

    expect(existsSync(join(dataDir, 'apps-cases.sqlite'))).to.equal(true);
    expect(existsSync(join(dataDir, 'apps-cases.sqlite-wal'))).to.equal(false);
    expect(existsSync(join(dataDir, 'apps-cases.sqlite-shm'))).to.equal(false);

    const again = await startAppsTestBed({ dataDir });
    try {
      const second = await again.openCase('SD-I-2', '第二件');
      const after = await json(await again.call('GET', '/v2/apps/audit/process-instances?text=SD-I', { user: AUDITOR }));
      expect(after.items.map((item: { caseId: string }) => item.caseId)).to.deep.equal(['SD-I-2', 'SD-I-1']);
      expect(after.items[0].processInstanceKey).to.equal(second.processInstanceKey);
    } finally {
      await again.close();
    }
  });
});
