import { expect } from 'chai';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { STRAIGHT_BPMN, stopEngine } from '../../../scripts/bench/isolation-engine';
import { prlimitScratchFolder } from './prlimit-scratch-folder';

/** `onego engine` with its stderr (the service log) written straight to `stderrFile`, as under `2>>engine.log`. */
async function engineLoggingTo(dataDir: string, stderrFile: string): Promise<{ child: ChildProcess; rest: string; management: string }> {
  const stderr = openSync(stderrFile, 'a');
  const child = spawn(process.execPath, ['scripts/onego.mjs', 'engine', '--data', dataDir, '--grpc-port', '0', '--rest-port', '0', '--management-port', '0'], {
    env: { ...process.env, ONEGO_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', stderr],
  });
  closeSync(stderr);
  for await (const line of createInterface({ input: child.stdout! })) {
    if (!line.startsWith('{')) continue;
    const ready = JSON.parse(line) as { rest: string; management: string };
    return { child, rest: ready.rest, management: ready.management };
  }
  throw new Error('the engine exited before it was ready');
}

/**
 * Issue 13: the service log is written synchronously to stderr; when stderr is a file on a full disk, a failed
 * write used to be thrown from the logging call (the record log's own "failed" line ended the engine). The test
 * lowers the engine process's file size limit below the size its stderr file already has (`prlimit --fsize`),
 * so every service log line fails with EFBIG as on a full disk, then makes the record log fail too.
 */
describe('an engine whose service log cannot be written (issue 13)', function () {
  this.timeout(180_000);
  const json = { 'content-type': 'application/json' };
  const scratch = prlimitScratchFolder('unwritable-service-log');

  it('keeps running, answers reads and counts the failed writes in health and metrics when stderr and then the record log are on a full disk', async () => {
    const dir = scratch();
    // given an engine whose stderr file is already 128 KB
    const stderrFile = join(dir, 'engine.log');
    writeFileSync(stderrFile, `${'x'.repeat(1023)}\n`.repeat(128));
    const engine = await engineLoggingTo(join(dir, 'data'), stderrFile);
    let exited: number | null | undefined;
    engine.child.once('exit', (code) => (exited = code));
    try {
      const form = new FormData();
      form.append('resources', new Blob([STRAIGHT_BPMN]), 'bench-isolation.bpmn');
      expect((await fetch(`${engine.rest}/v2/deployments`, { method: 'POST', body: form })).status).to.equal(200);

      // when no file of the engine may grow past 64 KB (a full disk: the stderr file cannot take a line), and
      // clients send commands until the record log cannot grow either (the engine logs that as fatal)
      execFileSync('prlimit', ['--pid', String(engine.child.pid), '--fsize=65536:']);
      let refused: Response | undefined;
      for (let attempt = 0; attempt < 400 && !refused; attempt++) {
        const response = await fetch(`${engine.rest}/v2/process-instances`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ processDefinitionId: 'bench-isolation', variables: { filler: randomText(64 * 1024) } }),
        });
        await response.arrayBuffer();
        if (response.status !== 200) refused = response;
      }
      expect(refused?.status, 'the record log never failed').to.equal(503);
      await new Promise((resolve) => setTimeout(resolve, 300));

      // then the engine is still running and answering, and health and metrics name the failed log writes
      expect(exited, 'the engine ended on its own log line').to.equal(undefined);
      expect((await fetch(`${engine.rest}/v2/topology`)).status).to.equal(200);
      const health = (await (await fetch(`${engine.management}/actuator/health`)).json()) as {
        components: { engine: { status: string }; serviceLog: { status: string; details: { writeFailures: number; lastFailure: string } } };
      };
      expect(health.components.engine.status).to.equal('DOWN');
      expect(health.components.serviceLog.status).to.equal('UP');
      expect(health.components.serviceLog.details.writeFailures).to.be.at.least(1);
      expect(health.components.serviceLog.details.lastFailure).to.match(/EFBIG|too large/i);
      const metrics = await (await fetch(`${engine.management}/actuator/prometheus`)).text();
      const counted = /^onego_service_log_write_failures_total (\d+)/m.exec(metrics);
      expect(Number(counted?.[1])).to.be.at.least(1);
    } finally {
      if (engine.child.exitCode === null) execFileSync('prlimit', ['--pid', String(engine.child.pid), '--fsize=unlimited:']);
      await stopEngine(engine.child);
    }
  });
});

/** Text that deflate cannot shrink much: random letters and digits. */
function randomText(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let text = '';
  for (let index = 0; index < length; index++) text += alphabet[Math.floor(Math.random() * alphabet.length)];
  return text;
}
