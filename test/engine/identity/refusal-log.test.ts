import { expect } from 'chai';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RefusalLog, type DeniedAttempt } from '../../../engine/identity';

describe('the security log of refused requests', () => {
  let dir: string;
  let now = 0;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'onego-refusals-'));
    now = Date.parse('2026-12-04T09:00:00Z');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const attempt = (actor: string, attempted: string): DeniedAttempt => ({ actor, attempted, reason: 'Expected credentials', kind: 'unauthenticated', at: now });

  it('writes 10,000 repeats of one refusal within a window as one line with their count, without the query string', async () => {
    const log = new RefusalLog({ dir, now: () => now });
    for (let i = 0; i < 10_000; i++) {
      now += 1;
      log.record(attempt('(anonymous)', `GET /v2/topology?junk=${'x'.repeat(100)}${i}`));
    }
    log.close();
    const lines = (await readFile(join(dir, 'refusals.log'), 'utf8')).trim().split('\n');
    expect(lines).to.have.length(1);
    expect(JSON.parse(lines[0])).to.include({ actor: '(anonymous)', attempted: 'GET /v2/topology', count: 10_000, firstAt: '2026-12-04T09:00:00.001Z', lastAt: '2026-12-04T09:00:10.000Z' });
  });

  it('rotates at its size and keeps only the newest files, so a flood of different refusals stays bounded', async () => {
    const log = new RefusalLog({ dir, now: () => now, maxFileBytes: 2000, keepFiles: 2, maxPending: 5 });
    for (let i = 0; i < 500; i++) log.record(attempt(`user-${i}`, `POST /v2/user-tasks/${i}/completion`));
    log.close();
    const files = (await readdir(dir)).sort();
    expect(files).to.deep.equal(['refusals.log', 'refusals.log.1', 'refusals.log.2']);
    for (const file of files) expect((await stat(join(dir, file))).size).to.be.at.most(2000);
    // the newest refusal is read first
    expect(log.read(1)[0]).to.include({ actor: 'user-499', count: 1 });
  });

  it('cuts a 16 KB URL and reason down so one refusal cannot write a huge line', () => {
    const log = new RefusalLog({ dir, now: () => now });
    log.record({ ...attempt('x', `GET /v2/${'a'.repeat(16_000)}`), reason: 'r'.repeat(16_000) });
    const [entry] = log.read(10);
    expect(entry.attempted.length).to.be.at.most(301);
    expect(entry.reason.length).to.be.at.most(301);
    log.close();
  });
});
