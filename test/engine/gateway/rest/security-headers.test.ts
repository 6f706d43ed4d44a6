import { expect } from 'chai';
import { startEngineServer, type EngineServer } from '../../../../engine/server';
import { createAppsRouter } from '../../../../apps';

describe('the REST port\'s security headers', () => {
  let server: EngineServer;
  before(async () => {
    server = await startEngineServer({ grpcPort: 0, restPort: 0, appRoutes: [createAppsRouter()] });
  });
  after(async () => {
    await server?.close();
  });

  for (const path of ['/v2/topology', '/tasklist', '/v2/no-such-resource']) {
    it(`sends a script-only-from-self policy, no framing, nosniff and a same-origin referrer on ${path}`, async () => {
      const response = await fetch(`${server.restUrl}${path}`);
      expect(response.headers.get('content-security-policy')).to.contain("script-src 'self'").and.contain("frame-ancestors 'none'");
      expect(response.headers.get('content-security-policy')).to.not.match(/script-src[^;]*unsafe-inline/);
      expect(response.headers.get('x-frame-options')).to.equal('DENY');
      expect(response.headers.get('x-content-type-options')).to.equal('nosniff');
      expect(response.headers.get('referrer-policy')).to.equal('same-origin');
    });
  }
});
