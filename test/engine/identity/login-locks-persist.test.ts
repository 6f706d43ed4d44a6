import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoginThrottle } from '../../../engine/identity/login-throttle';
import { basicAuthorization } from '../../../engine/identity';
import { startEngineServer } from '../../../engine/server';
import { DEMO_IDENTITY_PATH, loadEngineAuth } from '../../../engine/identity';

describe('login locks survive a restart', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'login-locks-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a lock in the file and reads it back in a new throttle; lifting it there lifts it for good', () => {
    let now = Date.parse('2026-12-04T09:00:00Z');
    const file = join(dir, 'security', 'login-locks.json');
    const before = new LoginThrottle({ now: () => now });
    before.keepLocksIn(file);
    for (let i = 0; i < 10; i++) before.recordFailure('zhang.san');
    expect(before.isLocked('zhang.san')).to.equal(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).to.have.property('zhang.san');

    const after = new LoginThrottle({ now: () => now });
    after.keepLocksIn(file);
    expect(after.isLocked('zhang.san')).to.equal(true);
    expect(after.check('zhang.san')?.detail).to.contain('locked');
    expect(after.lift('zhang.san')).to.equal(true);

    const third = new LoginThrottle({ now: () => now });
    third.keepLocksIn(file);
    expect(third.isLocked('zhang.san')).to.equal(false);

    // an expired lock in the file is not revived
    for (let i = 0; i < 10; i++) third.recordFailure('li.si');
    now += 16 * 60_000;
    const later = new LoginThrottle({ now: () => now });
    later.keepLocksIn(file);
    expect(later.isLocked('li.si')).to.equal(false);
  });

  it('ignores an unreadable lock file with a warning instead of refusing to start', () => {
    const file = join(dir, 'login-locks.json');
    writeFileSync(file, '{not json');
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (line: string) => warnings.push(line);
    try {
      new LoginThrottle().keepLocksIn(file);
    } finally {
      console.warn = original;
    }
    expect(warnings[0]).to.contain('cannot be read and is ignored');
  });

  it('refuses a locked account after the engine restarts on the same data folder', async () => {
    const wrong = { authorization: basicAuthorization('zhang.san', 'wrong-password') };
    const start = async () => {
      const auth = await loadEngineAuth({ mode: 'basic', identityFile: DEMO_IDENTITY_PATH, loginThrottle: { baseDelayMs: 1, maxDelayMs: 1, lockAfterFailures: 3, freeFailuresPerAddress: 1000 } });
      return startEngineServer({ grpcPort: 0, restPort: 0, dataDir: dir, authenticateGrpc: auth.grpc, restAuth: auth });
    };
    const first = await start();
    try {
      for (let i = 0; i < 3; i++) {
        await new Promise((resolve) => setTimeout(resolve, 5)); // past the 1 ms backoff
        await fetch(`${first.restUrl}/v2/topology`, { headers: wrong });
      }
    } finally {
      await first.close();
    }
    const second = await start();
    try {
      const right = await fetch(`${second.restUrl}/v2/topology`, { headers: { authorization: basicAuthorization('zhang.san', 'onego-demo') } });
      expect(right.status).to.equal(429);
      expect(((await right.json()) as { detail: string }).detail).to.contain('locked');
    } finally {
      await second.close();
    }
  });
});
