import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { startEngine, stopEngine, STRAIGHT_BPMN } from '../../../scripts/bench/isolation-engine';
import { prlimitScratchFolder } from './prlimit-scratch-folder';

interface Health {
  status: string;
  components: { history?: { status: string; details: { failure?: { message: string; position: number } } } };
}

/**
 * Issue 13: after a failed write of `history.sqlite` (a full disk) the history exporter used to stay stopped until
 * the engine restarted, and searches answered 503 until then. The engine process's file size limit is lowered
 * (`prlimit --fsize`) just above the record log's files, so the log keeps taking batches (a 2 MB variable of one
 * repeated letter deflates to a few KB there) while history, which stores the value as it is, cannot write its
 * transaction (EFBIG, as on a full disk). Then the limit is lifted: the same process, never restarted, must export
 * again from its durable position, with every acknowledged instance in history exactly once.
 */
describe('a history exporter whose write fails and whose disk becomes writable again (issue 13)', function () {
  this.timeout(180_000);

  const json = { 'content-type': 'application/json' };
  const scratch = prlimitScratchFolder('history-resumes');

  it('reports the failure in health and searches, then exports again by itself without a restart, every acknowledged instance once', async () => {
    const dir = scratch();
    // given an engine probing a failed history every 200 ms, with no snapshot written during the test
    const engine = await startEngine(dir, ['--snapshot-every-records', '0', '--snapshot-every-seconds', '0'], { ONEGO_HISTORY_WRITE_RETRY_MS: '200' });
    const pid = engine.child.pid!;
    const create = (variables: Record<string, unknown>) =>
      fetch(`${engine.rest}/v2/process-instances`, { method: 'POST', headers: json, body: JSON.stringify({ processDefinitionId: 'bench-isolation', variables }) });
    const health = async () => (await (await fetch(`${engine.management}/actuator/health`)).json()) as Health;
    const acknowledged: string[] = [];
    const acknowledge = async (response: Response) => {
      expect(response.status).to.equal(200);
      acknowledged.push(((await response.json()) as { processInstanceKey: string }).processInstanceKey);
    };
    try {
      const form = new FormData();
      form.append('resources', new Blob([STRAIGHT_BPMN]), 'bench-isolation.bpmn');
      expect((await fetch(`${engine.rest}/v2/deployments`, { method: 'POST', body: form })).status).to.equal(200);
      for (let index = 0; index < 10; index++) await acknowledge(await create({ n: index }));
      expect(await instanceKeys(engine.rest)).to.have.length(10);

      // when no file of the engine may grow past the record log's size plus 512 KB, and an instance carries a
      // 2 MB variable that the log deflates but history must store as it is
      const logBytes = Math.max(...['records.sqlite', 'records.sqlite-wal'].map((name) => fileSize(join(dir, name))));
      execFileSync('prlimit', ['--pid', String(pid), `--fsize=${logBytes + 512 * 1024}:`]);
      await acknowledge(await create({ n: 10, big: 'a'.repeat(2 * 1024 * 1024) }));

      // then health names the failed history write and says it resumes by itself, and searches answer 503 with it
      let failed: Health | undefined;
      for (let attempt = 0; attempt < 100 && !failed; attempt++) {
        const report = await health();
        if (report.components.history?.details.failure) failed = report;
        else await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(failed, 'health never reported the failed history write').to.not.equal(undefined);
      expect(failed!.status).to.equal('DOWN');
      expect(failed!.components.history!.status).to.equal('DOWN');
      expect(failed!.components.history!.details.failure!.message).to.match(/历史库写入失败.*自动继续导出.*history could not be written.*resumes by itself/);
      const status = (await (await fetch(`${engine.rest}/v2/onego/status`)).json()) as { exporter: { failure?: { message: string; position: number; retryMs: number } } };
      expect(status.exporter.failure?.message).to.equal(failed!.components.history!.details.failure!.message);
      expect(status.exporter.failure?.retryMs).to.equal(200);
      const refused = await searchInstances(engine.rest);
      expect(refused.status).to.equal(503);
      expect(((await refused.json()) as { detail: string }).detail).to.match(/历史导出已停止.*resumes by itself/);

      // and commands go on meanwhile (the log is writable), and it stays stopped while history stays unwritable
      for (let index = 11; index < 16; index++) await acknowledge(await create({ n: index }));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect((await health()).components.history!.details.failure, 'history resumed while it could not be written').to.not.equal(undefined);

      // when the disk takes writes again
      execFileSync('prlimit', ['--pid', String(pid), '--fsize=unlimited:']);

      // then the same process exports again: health UP, searches answer, more instances are exported too
      let resumed = false;
      for (let attempt = 0; attempt < 200 && !resumed; attempt++) {
        const report = await health();
        resumed = report.status === 'UP' && report.components.history?.details.failure === undefined && (await instanceKeys(engine.rest).catch(() => [])).length === 16;
        if (!resumed) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(resumed, 'history did not resume without a restart').to.equal(true);
      for (let index = 16; index < 20; index++) await acknowledge(await create({ n: index }));
      expect(engine.child.exitCode).to.equal(null);
      expect(engine.child.pid).to.equal(pid);
      expect(((await (await fetch(`${engine.rest}/v2/onego/status`)).json()) as { exporter: { failure?: unknown } }).exporter.failure).to.equal(undefined);

      // and history holds every acknowledged instance once, and each one's variable `n` once (no row written twice)
      let keys: string[] = [];
      for (let attempt = 0; attempt < 50 && keys.length < acknowledged.length; attempt++) {
        keys = await instanceKeys(engine.rest);
        if (keys.length < acknowledged.length) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(keys).to.deep.equal([...acknowledged].sort());
      const variables = await fetch(`${engine.rest}/v2/variables/search`, { method: 'POST', headers: json, body: JSON.stringify({ filter: { name: 'n' }, page: { limit: 100 } }) });
      const items = ((await variables.json()) as { items: { processInstanceKey: string; value: string }[] }).items;
      expect(items.map((item) => item.processInstanceKey).sort()).to.deep.equal([...acknowledged].sort());
      expect(items.map((item) => Number(item.value)).sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 20 }, (_, index) => index));
    } finally {
      try {
        if (engine.child.exitCode === null) execFileSync('prlimit', ['--pid', String(pid), '--fsize=unlimited:']);
      } finally {
        await stopEngine(engine.child);
      }
    }
  });
});

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function searchInstances(rest: string): Promise<Response> {
  return fetch(`${rest}/v2/process-instances/search`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ filter: { processDefinitionId: 'bench-isolation' }, page: { limit: 1000 } }),
  });
}

/** The keys of every bench-isolation instance in history, sorted; throws when search does not answer 200. */
async function instanceKeys(rest: string): Promise<string[]> {
  const search = await searchInstances(rest);
  const body = (await search.json()) as { items?: { processInstanceKey: string }[]; detail?: string };
  if (!body.items) throw new Error(`history search answered ${search.status}: ${body.detail}`);
  return body.items.map((item) => item.processInstanceKey).sort();
}
