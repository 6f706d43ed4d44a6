import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnEngine } from './engine-process';

/** Starts `onego engine` with its stderr piped (not a terminal), stops it with SIGINT and returns stderr. */
async function engineStopLog(env: NodeJS.ProcessEnv): Promise<string> {
  const data = mkdtempSync(join(tmpdir(), 'onego-service-log-'));
  try {
    const engine = spawnEngine(['--grpc-port', '0', '--rest-port', '0', '--management-port', '0', '--data', data], env);
    await engine.ready;
    engine.child.kill('SIGINT');
    expect(await engine.exited).to.equal(0);
    return engine.stderr();
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}

describe('onego engine: its service log', () => {
  it('writes each stop step as a JSON line with level, time, name and message when stderr is a pipe', async () => {
    const env = { ...process.env };
    delete env.ONEGO_LOG_FORMAT;
    delete env.ONEGO_LOG_LEVEL;
    const lines = (await engineStopLog(env)).trim().split('\n');
    const events = lines.map((line) => JSON.parse(line) as { level: string; time: string; name: string; msg: string });
    expect(events.map((event) => event.level)).to.deep.equal(['info', 'info', 'info']);
    expect(events.every((event) => event.name === 'engine' && !Number.isNaN(Date.parse(event.time)))).to.equal(true);
    expect(events[0]!.msg).to.contain('SIGINT received, stopping');
    expect(events[2]!.msg).to.match(/已停止 \/ stopped \(\d+ ms\)/);
  });

  it('leaves the info lines out at ONEGO_LOG_LEVEL=warn and writes readable lines for ONEGO_LOG_FORMAT=text', async () => {
    expect(await engineStopLog({ ...process.env, ONEGO_LOG_LEVEL: 'warn' })).to.equal('');
    const text = (await engineStopLog({ ...process.env, ONEGO_LOG_LEVEL: 'info', ONEGO_LOG_FORMAT: 'text' })).trim().split('\n');
    expect(text).to.have.length(3);
    expect(text[0]).to.match(/^\[\d\d:\d\d:\d\d\] INFO \(engine\): onego engine: 收到 SIGINT/);
  });
});
