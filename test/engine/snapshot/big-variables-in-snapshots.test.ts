import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../../../engine/engine';
import { lazyJson } from '../../../engine/lazy-variable-values';
import { startEngineServer, type EngineServer } from '../../../engine/server';
import { bpmn } from '../../support';

const { process: bpmnProcess, start, end, userTask, catchEvent, message, messageRef, chain } = bpmn;

/** start → user task "review" → end: the instance waits, so its variables stay in state. */
const REVIEW_PROCESS = bpmnProcess('reviews-form', start('start'), userTask('review'), end('end'), chain('start', 'review', 'end'));

/** start → message catch (`form-arrived`, correlation key `=caseNumber`) → user task "review" → end. */
const WAITING_PROCESS = bpmnProcess(
  'waits-for-form',
  message('msg', 'form-arrived', '=caseNumber'),
  start('start'),
  catchEvent('wait', messageRef('msg')),
  userTask('review'),
  end('end'),
  chain('start', 'wait', 'review', 'end'),
);

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
    await server.engine.deployResources([
      { name: 'reviews-form.bpmn', content: Buffer.from(REVIEW_PROCESS) },
      { name: 'waits-for-form.bpmn', content: Buffer.from(WAITING_PROCESS) },
    ]);
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

  it('writes a buffered message\'s big variable into a snapshot as text, and correlates it after a restart as sent', async () => {
    // given a message buffered for an hour with a 300 KB form (held as text), nobody waiting for it yet
    const sent = form(300_000);
    const published = await fetch(`${server.restUrl}/v2/messages/publication`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'form-arrived', correlationKey: 'SD-8', timeToLive: 3_600_000, variables: { form: sent } }),
    });
    expect(published.status, await published.clone().text()).to.equal(200);
    const messageKey = ((await published.json()) as { messageKey: string }).messageKey;
    const buffered = () => engine().state.messages.get(messageKey)!.value.variables;
    expect(lazyJson(buffered(), 'form'), 'held as text before the snapshot').to.not.equal(undefined);

    // when a snapshot is taken
    const taken = await engine().takeSnapshot();

    // then the buffered message's form is still text
    expect(lazyJson(buffered(), 'form'), 'held as text after the snapshot').to.not.equal(undefined);

    // and after a restart from the snapshot it is text still, and an instance waiting for it gets the form as sent
    await server.close();
    server = await startEngineServer({ grpcPort: 0, restPort: 0, dataDir, clock: 'system' });
    expect(engine().snapshotStatus()?.position).to.equal(taken!.position);
    expect(lazyJson(buffered(), 'form'), 'held as text after the restore').to.not.equal(undefined);
    const created = await fetch(`${server.restUrl}/v2/process-instances`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ processDefinitionId: 'waits-for-form', variables: { caseNumber: 'SD-8' } }),
    });
    expect(created.status, await created.clone().text()).to.equal(200);
    const key = ((await created.json()) as { processInstanceKey: string }).processInstanceKey;
    let correlated: unknown;
    for (let attempt = 0; attempt < 100 && correlated === undefined; attempt++) {
      correlated = stored(key, 'form')?.value;
      if (correlated === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(correlated).to.deep.equal(sent);
  });
});
