import { expect } from 'chai';
import { startEngineServer, type EngineServer } from '../../../engine/server';
import { bpmn } from '../../support';

const { process, start, end, catchEvent, timerDuration, chain } = bpmn;
const HOUR = 3_600_000;

/** One call to the clock actuator: status and parsed JSON body. */
async function clockCall(server: EngineServer, method: string, path = '', body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.managementUrl}/actuator/clock${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function instanceState(server: EngineServer, processInstanceKey: string): Promise<string | undefined> {
  const response = await fetch(`${server.restUrl}/v2/process-instances/${processInstanceKey}`);
  return response.ok ? ((await response.json()) as { state: string }).state : undefined;
}

describe("Zeebe's clock actuator on the management port (Camunda Process Test's REMOTE mode moves time with it)", () => {
  describe('on an engine with a controlled clock', () => {
    let server: EngineServer;
    before(async () => {
      server = await startEngineServer({ grpcPort: 0, restPort: 0, managementPort: 0, clock: 'controlled' });
    });
    after(async () => {
      await server?.close();
    });

    it('reads the engine clock as epochMilli and ISO instant', async () => {
      const { status, body } = await clockCall(server, 'GET');

      expect(status).to.equal(200);
      expect(body).to.deep.equal({ epochMilli: server.engine.clock.now(), instant: new Date(server.engine.clock.now()).toISOString() });
    });

    it('pins the clock to epochMilli and answers the new reading', async () => {
      const { status, body } = await clockCall(server, 'POST', '/pin', { epochMilli: Date.UTC(2027, 0, 4, 1, 0) });

      expect(status).to.equal(200);
      expect(body).to.deep.equal({ epochMilli: Date.UTC(2027, 0, 4, 1, 0), instant: '2027-01-04T01:00:00.000Z' });
      expect(server.engine.clock.now()).to.equal(Date.UTC(2027, 0, 4, 1, 0));
    });

    it('adds offsetMilli so a timer that came due fires, and subtracts a negative offset', async () => {
      // given an instance waiting one hour on a timer
      await server.engine.deployResources([{ name: 'wait.bpmn', content: Buffer.from(process('wait-an-hour', start('s'), catchEvent('w', timerDuration('PT1H')), end('e'), chain('s', 'w', 'e'))) }]);
      const { processInstanceKey } = await server.engine.createProcessInstance({ bpmnProcessId: 'wait-an-hour' });
      const before = server.engine.clock.now();
      // when an hour and a minute are added
      const added = await clockCall(server, 'POST', '/add', { offsetMilli: HOUR + 60_000 });
      // then
      expect(added.status).to.equal(200);
      expect((added.body as { epochMilli: number }).epochMilli).to.equal(before + HOUR + 60_000);
      let state = await instanceState(server, processInstanceKey);
      for (let attempt = 0; state !== 'COMPLETED' && attempt < 50; attempt++) {
        await new Promise((done) => setTimeout(done, 100));
        state = await instanceState(server, processInstanceKey);
      }
      expect(state).to.equal('COMPLETED');
      const back = await clockCall(server, 'POST', '/add', { offsetMilli: -60_000 });
      expect((back.body as { epochMilli: number }).epochMilli).to.equal(before + HOUR);
    });

    it('answers 400 with Zeebe-style messages for an unknown operation, a missing field and a non-integer', async () => {
      const unknown = await clockCall(server, 'POST', '/rewind', { offsetMilli: 1 });
      const missing = await clockCall(server, 'POST', '/pin', {});
      const fractional = await clockCall(server, 'POST', '/add', { offsetMilli: 1.5 });

      expect(unknown.status).to.equal(400);
      expect(unknown.body).to.match(/no operation named `rewind`/);
      expect(missing.status).to.equal(400);
      expect(missing.body).to.match(/none given/);
      expect(fractional.status).to.equal(400);
    });

    it('resets to wall time on DELETE', async () => {
      await clockCall(server, 'POST', '/pin', { epochMilli: Date.UTC(2030, 0, 1) });

      const { status, body } = await clockCall(server, 'DELETE');

      expect(status).to.equal(200);
      expect(Math.abs((body as { epochMilli: number }).epochMilli - Date.now())).to.be.below(5_000);
    });
  });

  describe('on an engine on system time', () => {
    let server: EngineServer;
    before(async () => {
      server = await startEngineServer({ grpcPort: 0, restPort: 0, managementPort: 0 });
    });
    after(async () => {
      await server?.close();
    });

    it('still reads the clock but refuses to pin, add or reset with 403, leaving time alone', async () => {
      const pinned = await clockCall(server, 'POST', '/pin', { epochMilli: Date.UTC(2030, 0, 1) });
      const added = await clockCall(server, 'POST', '/add', { offsetMilli: HOUR });
      const reset = await clockCall(server, 'DELETE');
      const read = await clockCall(server, 'GET');

      expect([pinned.status, added.status, reset.status]).to.deep.equal([403, 403, 403]);
      expect(pinned.body).to.match(/immutable/);
      expect(read.status).to.equal(200);
      expect(Math.abs((read.body as { epochMilli: number }).epochMilli - Date.now())).to.be.below(5_000);
    });
  });
});
