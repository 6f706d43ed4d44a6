import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnEngine, type EngineProcess } from '../scripts/commands/engine-process';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Runs Jest on this folder's `*.cpt.ts` suites with the given environment; resolves with its exit and output. */
function runJest(env: Record<string, string>): Promise<{ status: number | string; output: string }> {
  // jest's "exports" hides bin/, so find the package and take its documented binary from there.
  const jest = join(dirname(createRequire(import.meta.url).resolve('jest/package.json')), 'bin', 'jest.js');
  const child = spawn(process.execPath, [jest, '--config', join(here, 'jest.config.cjs'), '--ci', '--colors=false'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ status: code ?? signal ?? -1, output })));
}

describe('Camunda Process Test (@camunda8/process-test, Jest) in REMOTE mode against onego engine, without Docker', function () {
  this.timeout(240_000);
  let dataDir: string;
  let engine: EngineProcess;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'onego-cpt-'));
    engine = spawnEngine(['--grpc-port', '0', '--rest-port', '0', '--management-port', '0', '--clock', 'controlled', '--data', dataDir]);
  });
  after(async () => {
    engine?.child.kill('SIGTERM');
    await engine?.exited;
    await rm(dataDir, { recursive: true, force: true });
  });

  it("runs the package's suites green: job-worker mocks, variables, candidate groups and a timer moved by the clock actuator", async () => {
    // given
    const ready = await engine.ready;
    expect(ready.management, 'the engine serves its management port').to.be.a('string');
    // when
    const result = await runJest({
      CAMUNDA_RUNTIME_MODE: 'REMOTE',
      ZEEBE_REST_ADDRESS: ready.rest,
      ZEEBE_GRPC_ADDRESS: `grpc://${ready.grpc}`,
      CAMUNDA_MONITORING_API_ADDRESS: ready.management!,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
    });
    // then
    expect(result.status, result.output).to.equal(0);
    expect(result.output).to.match(/Tests:\s+2 passed, 2 total/);
  });
});
