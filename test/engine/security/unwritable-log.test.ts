import { expect } from 'chai';
import { startEngine, stopEngine } from '../../../scripts/bench/isolation-engine';
import { deployAndAcknowledge, fillTheDisk, liftLimitAndStop, sendUntilRefused } from '../../support/full-disk-engine';
import { prlimitScratchFolder } from './prlimit-scratch-folder';

/**
 * Issue 13: the record log becomes unwritable mid-run. The engine runs in its own process; the test lowers that
 * process's soft file size limit (`prlimit --fsize=N:`), so every write that would grow a file past it fails with EFBIG,
 * as appends fail on a full disk. Zeebe refuses commands with RESOURCE_EXHAUSTED when its disk is full; the
 * engine must do the same, keep what it acknowledged, keep answering reads, and take commands again once the
 * disk is writable and it is restarted.
 */
describe('an engine whose record log becomes unwritable mid-run (issue 13)', function () {
  this.timeout(180_000);

  const json = { 'content-type': 'application/json' };
  const scratch = prlimitScratchFolder('unwritable-log');

  it('refuses new commands with RESOURCE_EXHAUSTED naming the log, stays up for reads with health DOWN, and after a restart has every acknowledged instance and takes commands again', async () => {
    const dir = scratch();
    // given an engine that acknowledged 20 instances
    let engine = await startEngine(dir, [], {});
    let acknowledged: string[] = [];
    try {
      const client = await deployAndAcknowledge(() => engine, 20);
      const { create } = client;
      acknowledged = client.acknowledged;

      // when no file of the engine may grow past 64 KB any more (a full disk), and clients go on sending
      fillTheDisk(engine);
      const refused = await sendUntilRefused(client);

      // then commands are refused clearly, as Zeebe refuses them on a full disk
      expect(refused, 'no command was refused although the log could not grow').to.not.equal(undefined);
      expect(refused!.status).to.equal(503);
      const problem = (await refused!.json()) as { title: string; detail: string };
      expect(problem.title).to.equal('RESOURCE_EXHAUSTED');
      expect(problem.detail).to.match(/记录日志无法写入.*Expected to write the command to the record log, but the log cannot be written/);
      const next = await create();
      expect(next.status).to.equal(503);
      expect(((await next.json()) as { detail: string }).detail).to.contain('every command acknowledged before is kept');
      // and the engine stays up for reads, health naming the log
      const health = await fetch(`${engine.management}/actuator/health`);
      expect(health.status).to.equal(503);
      const report = (await health.json()) as { status: string; components: { engine: { status: string; details: { detail: string } } } };
      expect(report.status).to.equal('DOWN');
      expect(report.components.engine.details.detail).to.match(/the record log cannot be written/);
      expect((await fetch(`${engine.rest}/v2/topology`)).status).to.equal(200);
      // A history read answers, or, when history itself could not be written on the full disk (the exporter stopped)
      // or its reader cannot open the file, refuses clearly in both languages rather than hanging or dropping the
      // connection.
      const search = await fetch(`${engine.rest}/v2/process-definitions/search`, { method: 'POST', headers: json, body: '{}' });
      expect([200, 503]).to.include(search.status);
      if (search.status === 503) expect(((await search.json()) as { title: string; detail: string }).detail).to.match(/Expected the history (exporter to keep history current|reader to answer).*(历史导出已停止|历史查询线程)/);
    } finally {
      // the disk is writable again: the engine stops cleanly and starts on the same folder
      await liftLimitAndStop(engine);
    }

    engine = await startEngine(dir, [], {});
    try {
      // every acknowledged instance is in the log (it completed, so history has it)
      const found = new Set<string>();
      for (let attempt = 0; attempt < 100 && found.size < acknowledged.length; attempt++) {
        const search = await fetch(`${engine.rest}/v2/process-instances/search`, { method: 'POST', headers: json, body: JSON.stringify({ filter: { processDefinitionId: 'bench-isolation' }, page: { limit: 1000 } }) });
        for (const item of ((await search.json()) as { items: { processInstanceKey: string }[] }).items) found.add(item.processInstanceKey);
        if (found.size < acknowledged.length) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(acknowledged.filter((key) => !found.has(key))).to.deep.equal([]);
      expect((await fetch(`${engine.rest}/v2/process-instances`, { method: 'POST', headers: json, body: JSON.stringify({ processDefinitionId: 'bench-isolation' }) })).status).to.equal(200);
      expect(((await (await fetch(`${engine.management}/actuator/health`)).json()) as { status: string }).status).to.equal('UP');
    } finally {
      await stopEngine(engine.child);
    }
  });
});
