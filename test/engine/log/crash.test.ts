import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../../engine';

describe('durability after kill -9', () => {
  it('loses no acknowledged process instance when the engine process is killed with SIGKILL', async function () {
    this.timeout(60_000);
    const dir = mkdtempSync(join(tmpdir(), 'crash-'));
    try {
      // given: a child engine acknowledging creations as fast as it can
      const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'crash-child.ts'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
      const acknowledged: string[] = [];
      let buffer = '';
      await new Promise<void>((resolve, reject) => {
        child.on('error', reject);
        child.stdout.on('data', (chunk: Buffer) => {
          buffer += chunk.toString();
          const lines = buffer.split('\n');
          buffer = lines.pop()!;
          acknowledged.push(...lines.filter(Boolean));
          // when: it is killed mid-run
          if (acknowledged.length >= 400 && !child.killed) {
            child.kill('SIGKILL');
            resolve();
          }
        });
        child.on('exit', () => resolve());
      });
      await new Promise((resolve) => child.once('exit', resolve).once('close', resolve));
      // then: every acknowledged instance is there, with its job, after reopening the data directory
      const engine = await createEngine({ dataDir: dir });
      try {
        const known = new Set(engine.state.elementInstances.keys());
        const missing = acknowledged.filter((key) => !known.has(key));
        expect(acknowledged.length).to.be.at.least(400);
        expect(missing).to.deep.equal([]);
        expect(engine.state.activatableJobs.get('work')?.size ?? 0).to.be.at.least(acknowledged.length);
      } finally {
        await engine.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
