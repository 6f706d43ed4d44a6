import { expect } from 'chai';
import { startEngine, stopEngine } from '../../../scripts/bench/isolation-engine';
import { deployAndAcknowledge, fillTheDisk, liftLimitAndStop, sendUntilRefused } from '../../support/full-disk-engine';
import { prlimitScratchFolder } from './prlimit-scratch-folder';

/**
 * Issue 13: "one failing batch write rejects that command and never closes the engine". The engine process's
 * file size limit is lowered (`prlimit --fsize`) until a batch write fails with EFBIG, as on a full disk, then
 * lifted again: the same process, never restarted, must notice the log is writable, rebuild live state from the
 * newest snapshot and the durable log (so the refused batch's effects are gone), and take commands again, with
 * every acknowledged instance kept once and the refused one nowhere.
 */
describe('an engine whose record log fails a write and becomes writable again (issue 13)', function () {
  this.timeout(180_000);

  const scratch = prlimitScratchFolder('log-resumes');

  it('refuses commands while the log cannot grow, then resumes by itself without a restart, keeping every acknowledged instance once and none of the refused', async () => {
    const dir = scratch();
    // given an engine (retrying the log every 200 ms, a snapshot every 100 records, so state is rebuilt from one)
    // that acknowledged 20 instances
    let engine = await startEngine(dir, ['--snapshot-every-records', '100'], { ONEGO_LOG_WRITE_RETRY_MS: '200', ONEGO_HISTORY_WRITE_RETRY_MS: '200' });
    const pid = engine.child.pid!;
    let acknowledged: string[] = [];
    try {
      const client = await deployAndAcknowledge(() => engine, 20);
      const { create, acknowledge } = client;
      acknowledged = client.acknowledged;

      // when no file of the engine may grow past 64 KB (a full disk) and clients go on sending until one is refused
      const liftLimit = fillTheDisk(engine);
      const refused = await sendUntilRefused(client);
      expect(refused, 'no command was refused although the log could not grow').to.not.equal(undefined);
      expect(refused!.status).to.equal(503);
      expect(((await refused!.json()) as { detail: string }).detail).to.match(/磁盘恢复可写后引擎自动恢复.*resumes by itself/);
      // and it stays refusing while the disk stays full, however long the retries go on
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect((await create()).status).to.equal(503);
      expect(((await (await fetch(`${engine.management}/actuator/health`)).json()) as { status: string }).status).to.equal('DOWN');

      // and then the disk is writable again
      liftLimit();

      // then the same process takes commands again by itself, health UP
      let resumed: Response | undefined;
      for (let attempt = 0; attempt < 100 && !resumed; attempt++) {
        const response = await create();
        if (response.status === 200) resumed = response;
        else await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(resumed, 'the engine did not take commands again without a restart').to.not.equal(undefined);
      await acknowledge(resumed!);
      expect(engine.child.exitCode).to.equal(null);
      expect(engine.child.pid).to.equal(pid);
      // Health turns UP once history, which may also have failed a write on the full disk, has resumed too.
      let health = '';
      for (let attempt = 0; attempt < 100 && health !== 'UP'; attempt++) {
        health = ((await (await fetch(`${engine.management}/actuator/health`)).json()) as { status: string }).status;
        if (health !== 'UP') await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(health).to.equal('UP');
      for (let index = 0; index < 5; index++) {
        const response = await create({ after: index });
        expect(response.status).to.equal(200);
        await acknowledge(response);
      }
    } finally {
      await liftLimitAndStop(engine);
    }

    // and the log holds exactly the acknowledged instances: none lost, none twice, the refused one nowhere. Read
    // through history after a restart, which also checks the log has no gap (it refuses one).
    engine = await startEngine(dir, [], {});
    try {
      expect(await instanceKeys(engine.rest, acknowledged.length)).to.deep.equal([...acknowledged].sort());
    } finally {
      await stopEngine(engine.child);
    }
  });
});

/** The keys of every bench-isolation instance in history, sorted, once at least `expected` are exported. */
async function instanceKeys(rest: string, expected: number): Promise<string[]> {
  let keys: string[] = [];
  for (let attempt = 0; attempt < 100; attempt++) {
    const search = await fetch(`${rest}/v2/process-instances/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ filter: { processDefinitionId: 'bench-isolation' }, page: { limit: 1000 } }),
    });
    const body = (await search.json()) as { items?: { processInstanceKey: string }[]; detail?: string };
    if (!body.items) throw new Error(`history search answered ${search.status}: ${body.detail}`);
    keys = body.items.map((item) => item.processInstanceKey).sort();
    if (keys.length >= expected) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return keys;
}
