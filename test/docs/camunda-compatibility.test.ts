import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Router } from 'express';
import { createRestApp } from '../../engine/gateway/rest/app';
import { startEngineServer, type EngineServer } from '../../engine/server';
import { gatewayRpcs, grpcServes, readCompatibilityPage, restServes } from './compatibility-probe';

const root = path.resolve(import.meta.dirname, '../..');

type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };

/** Every `METHOD /path` the REST app routes under `/v2`, with `{param}` for `:param`. */
function routedOperations(): string[] {
  const app = createRestApp({ engine: { clock: { controlled: true } } as never, brokerEndpoint: () => ({ host: '127.0.0.1', port: 26500 }) });
  const found: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) for (const method of Object.keys(layer.route.methods)) found.push(`${method.toUpperCase()} ${layer.route.path.replace(/:(\w+)/g, '{$1}')}`);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: Router & { stack: Layer[] } }).router.stack);
  return found;
}

describe('the Camunda compatibility page (docs/camunda-compatibility.md) says what the engine serves', () => {
  let server: EngineServer;
  let dataDir: string;
  let markdown: string;
  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'onego-compat-'));
    server = await startEngineServer({ grpcPort: 0, restPort: 0, dataDir, clock: 'controlled' });
    markdown = await readFile(path.join(root, 'docs', 'camunda-compatibility.md'), 'utf8');
  });
  after(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('marks each REST operation served exactly when the gateway has a route for it', async () => {
    const { rest } = readCompatibilityPage(markdown);
    expect(rest.length).to.be.greaterThan(150);
    const wrong: string[] = [];
    for (const row of rest) {
      const served = await restServes(server.restUrl, row.method, row.path);
      if (served !== row.served) wrong.push(`${row.method} ${row.path}: page says ${row.served ? 'served' : 'not served'}, engine ${served ? 'serves it' : 'does not'}`);
    }
    expect(wrong).to.deep.equal([]);
  });

  it('lists every route the REST gateway serves, in the table or among the extensions', () => {
    const listed = new Set(readCompatibilityPage(markdown).rest.map((row) => `${row.method} ${row.path}`));
    const extensions = new Set([...markdown.matchAll(/^\| `((?:GET|POST|PUT|PATCH|DELETE) \/[^`]+)` \| (?!served|not served)/gm)].map((match) => match[1]));
    const missing = routedOperations().filter((operation) => !listed.has(operation) && !extensions.has(operation));
    expect(missing).to.deep.equal([]);
  });

  it('lists every RPC of the Zeebe gateway proto, served exactly when the gRPC gateway implements it', async () => {
    const { grpc } = readCompatibilityPage(markdown);
    expect(grpc.map((row) => row.rpc)).to.deep.equal(gatewayRpcs());
    const wrong: string[] = [];
    for (const row of grpc) if ((await grpcServes(server.grpcAddress, row.rpc)) !== row.served) wrong.push(row.rpc);
    expect(wrong).to.deep.equal([]);
  });
});
