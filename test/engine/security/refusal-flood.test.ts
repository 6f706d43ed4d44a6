import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AUDITOR, ZHANG_SAN, startRestTestBed, type RestTestBed } from '../gateway/rest/rest-test-bed';

describe('an anonymous client flooding the gateway with refused requests', () => {
  let bed: RestTestBed;
  before(async () => {
    bed = await startRestTestBed({ auth: 'basic' });
  });
  after(async () => {
    await bed?.close();
  });

  it('writes nothing into the command log, one aggregated line into the security log, and keeps serving everyone else', async () => {
    const positionBefore = bed.server.engine.readRecords(0).length;
    const longUrl = `/process-instances/search?q=${'x'.repeat(8000)}`;
    const statuses: number[] = [];
    for (let round = 0; round < 10; round++) {
      const batch = await Promise.all(Array.from({ length: 50 }, () => bed.call('POST', longUrl, { body: {} }).then((response) => response.status)));
      statuses.push(...batch);
      // a signed-in clerk is still answered during the flood
      expect((await bed.call('GET', '/topology', { caller: ZHANG_SAN })).status).to.equal(200);
    }
    expect(new Set(statuses)).to.deep.equal(new Set([401]));
    expect(bed.server.engine.readRecords(0).length).to.equal(positionBefore);

    const response = await bed.call('GET', '/onego/security/refusals?actor=(anonymous)', { caller: AUDITOR });
    const { items } = (await response.json()) as { items: { attempted: string; count: number }[] };
    expect(items).to.have.length(1);
    expect(items[0]).to.include({ attempted: 'POST /v2/process-instances/search', count: 500 });

    await bed.server.close();
    const file = await readFile(join((bed.server.engine as unknown as { dataDir: string }).dataDir, 'security', 'refusals.log'), 'utf8');
    expect(file.trim().split('\n').filter((line) => line.includes('(anonymous)'))).to.have.length(1);
    expect(Buffer.byteLength(file)).to.be.below(2000);
  });
});
