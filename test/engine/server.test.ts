import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngineServer, type EngineServer } from '../../engine/server';

describe('startEngineServer', () => {
  let dataDir: string;
  const servers: EngineServer[] = [];
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'onego-server-'));
  });
  afterEach(async () => {
    await Promise.allSettled(servers.splice(0).map((s) => s.close()));
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves gRPC and REST on free ports when asked for port 0', async () => {
    // when
    const server = await startEngineServer({ grpcPort: 0, restPort: 0, dataDir });
    servers.push(server);
    // then
    expect(server.grpcAddress).to.match(/^127\.0\.0\.1:\d+$/);
    expect(server.grpcAddress).not.to.equal('127.0.0.1:0');
    const response = await fetch(`${server.restUrl}/v2/topology`);
    expect(response.status).to.equal(200);
    expect(((await response.json()) as { brokers: { port: number }[] }).brokers[0].port).to.equal(Number(server.grpcAddress.split(':')[1]));
  });

  it('stops listening once closed, and closing twice is harmless', async () => {
    // given
    const server = await startEngineServer({ grpcPort: 0, restPort: 0, dataDir });
    // when
    await server.close();
    await server.close();
    // then
    const refused = await fetch(`${server.restUrl}/v2/topology`).then(() => false, () => true);
    expect(refused).to.equal(true);
  });

  it('refuses to start when the gRPC port is taken, and leaves nothing running', async () => {
    // given
    const first = await startEngineServer({ grpcPort: 0, restPort: 0, dataDir });
    servers.push(first);
    const takenPort = Number(first.grpcAddress.split(':')[1]);
    const otherData = await mkdtemp(join(tmpdir(), 'onego-server-'));
    try {
      // when
      const error = await startEngineServer({ grpcPort: takenPort, restPort: 0, dataDir: otherData }).then(
        () => undefined,
        (e: Error) => e,
      );
      // then
      expect(error?.message).to.match(/EADDRINUSE|No address added|in use/i);
    } finally {
      await rm(otherData, { recursive: true, force: true });
    }
  });
});
