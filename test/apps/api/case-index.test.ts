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

  it("takes in a case variable created after the case was indexed: the applicant set later is found by the applicant search", async function () {
    // given a case without an applicant, already in the index
    const bed = await startAppsTestBed({ dataDir });
    try {
      const { processInstanceKey } = await bed.openCase('SD-I-3', '后补申请人的案件');
      const before = await json(await bed.call('GET', `/v2/apps/audit/process-instances?applicant=${encodeURIComponent('鲁中')}`, { user: AUDITOR }));
      expect(before.items).to.deep.equal([]);
      // when its applicant is created on the running case (history keeps the creation on the variable's row)
      await bed.server.engine.setVariables({ elementInstanceKey: processInstanceKey, variables: { applicant: { name: '鲁中机械有限公司' } }, local: false });
      // then the index notes the case again and finds it by the new applicant
      const after = await json(await bed.call('GET', `/v2/apps/audit/process-instances?applicant=${encodeURIComponent('鲁中')}`, { user: AUDITOR }));
      expect(after.items.map((item: { caseId: string }) => item.caseId)).to.deep.equal(['SD-I-3']);
    } finally {
      await bed.close();
    }
  });
});
