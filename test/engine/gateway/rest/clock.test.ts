import { expect } from 'chai';
import { Camunda8 } from '@camunda8/sdk';
import { startGatewayTestBed, type GatewayTestBed } from '../support/test-bed';

describe('the REST gateway: PUT /v2/clock and POST /v2/clock/reset', () => {
  let bed: GatewayTestBed;
  before(async () => {
    bed = await startGatewayTestBed({ clock: 'controlled' });
  });
  after(async () => {
    await bed?.close();
  });

  function restClient() {
    return new Camunda8({
      ZEEBE_REST_ADDRESS: bed.server.restUrl,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_LOG_LEVEL: 'none',
    } as never).getCamundaRestClient();
  }

  it('pins the engine clock at the given instant for the SDK REST client', async () => {
    // given 2025-10-01T00:00:00+08:00, the start of National Day
    const nationalDay = Date.UTC(2025, 8, 30, 16, 0, 0);
    // when
    await restClient().pinInternalClock(nationalDay);
    // then
    expect(bed.server.engine.clock.now()).to.equal(nationalDay);
  });

  it('returns to system time on reset', async () => {
    // given
    await restClient().pinInternalClock(0);
    const before = Date.now();
    // when
    await restClient().resetClock();
    // then
    const now = bed.server.engine.clock.now();
    expect(now).to.be.at.least(before);
  });

  it('answers 204 with no body', async () => {
    const response = await fetch(`${bed.server.restUrl}/v2/clock`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ timestamp: 1_700_000_000_000 }),
    });
    expect(response.status).to.equal(204);
    expect(await response.text()).to.equal('');
  });

  for (const [description, body, detail] of [
    ['no timestamp', {}, /No timestamp provided/],
    ['a negative timestamp', { timestamp: -1 }, /must be not negative/],
    ['a timestamp that is not a number', { timestamp: 'tomorrow' }, /^Expected 'timestamp' to be an integer/],
  ] as const) {
    it(`refuses ${description} with a problem+json 400 and leaves the clock alone`, async () => {
      // given
      await restClient().pinInternalClock(1_000_000);
      // when
      const response = await fetch(`${bed.server.restUrl}/v2/clock`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      // then
      expect(response.status).to.equal(400);
      expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
      const problem = (await response.json()) as { detail: string };
      expect(problem).to.include({ status: 400, title: 'INVALID_ARGUMENT', instance: '/v2/clock' });
      expect(problem.detail).to.match(detail);
      expect(bed.server.engine.clock.now()).to.equal(1_000_000);
    });
  }

  it('refuses a body that is not JSON with a problem+json 400', async () => {
    const response = await fetch(`${bed.server.restUrl}/v2/clock`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"timestamp": ',
    });
    expect(response.status).to.equal(400);
    expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
  });
});

describe('the REST gateway on a system clock', () => {
  it('has no clock routes: PUT /v2/clock and POST /v2/clock/reset answer 404 and time keeps running', async () => {
    // given a production engine (system clock)
    const bed = await startGatewayTestBed({ clock: 'system' });
    try {
      // when someone tries to freeze time
      const pin = await fetch(`${bed.server.restUrl}/v2/clock`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ timestamp: 0 }),
      });
      const reset = await fetch(`${bed.server.restUrl}/v2/clock/reset`, { method: 'POST' });
      // then
      expect(pin.status).to.equal(404);
      expect(reset.status).to.equal(404);
      expect(Math.abs(bed.server.engine.clock.now() - Date.now())).to.be.below(5_000);
    } finally {
      await bed.close();
    }
  });
});
