import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../../../engine/engine';
import { lazyJson } from '../../../engine/lazy-variable-values';
import { startEngineServer, type EngineServer } from '../../../engine/server';
import { bpmn } from '../../support';

const { process: bpmnProcess, start, end, userTask, chain } = bpmn;

/** start → user task "review" → end: the instance waits, so its variables stay in state. */
const REVIEW_PROCESS = bpmnProcess('reviews-form', start('start'), userTask('review'), end('end'), chain('start', 'review', 'end'));

/** A form of about `bytes` bytes: big enough to arrive off the engine thread and be held as text. */
function form(bytes: number): { rows: { row: number; text: string }[] } {
  return { rows: Array.from({ length: Math.ceil(bytes / 100) }, (_, row) => ({ row, text: `申请材料-${row}-${'x'.repeat(60)}` })) };
}

describe('snapshots keep big variables held as text as text', function () {
  this.timeout(120_000);
  let dataDir: string;
  let server: EngineServer;

  const engine = () => server.engine as Engine;
  /** The stored variable `name` of the process instance `key`, read without parsing it. */
  const stored = (key: string, name: string) => engine().state.variables.get(key)?.get(name);

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'onego-big-variables-in-snapshots-'));
    server = await startEngineServer({ grpcPort: 0, restPort: 0, dataDir, clock: 'system' });
    await server.engine.deployResources([{ name: 'reviews-form.bpmn', content: Buffer.from(REVIEW_PROCESS) }]);
  });
  afterEach(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('writes a big variable into a snapshot without parsing it, and restores it as text that reads as the form sent', async () => {
    // given an instance waiting with a 500 KB form sent over REST (held as text, not parsed)
    const sent = form(500_000);
    const created = await fetch(`${server.restUrl}/v2/process-instances`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ processDefinitionId: 'reviews-form', variables: { form: sent, caseNumber: 'SD-7' } }),
    });
    expect(created.status, await created.clone().text()).to.equal(200);
    const key = ((await created.json()) as { processInstanceKey: string }).processInstanceKey;
    expect(lazyJson(stored(key, 'form')!, 'value'), 'held as text before the snapshot').to.not.equal(undefined);

    // when a snapshot is taken
    const taken = await engine().takeSnapshot();
    expect(taken, 'a snapshot was written').to.not.equal(undefined);

    // then the live variable is still text (the snapshot did not parse it)
    expect(lazyJson(stored(key, 'form')!, 'value'), 'held as text after the snapshot').to.not.equal(undefined);

    // and after a restart from that snapshot, the variable comes back as text, and reads as the form sent
    await server.close();
    server = await startEngineServer({ grpcPort: 0, restPort: 0, dataDir, clock: 'system' });
    expect(engine().snapshotStatus()?.position).to.equal(taken!.position);
    const restored = stored(key, 'form')!;
    expect(lazyJson(restored, 'value'), 'held as text after the restore').to.not.equal(undefined);
    expect(restored.value).to.deep.equal(sent);
    expect(stored(key, 'caseNumber')!.value).to.equal('SD-7');
  });
});
