import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createEngine } from '../../../engine';

describe('onego start as a process', function () {
  // Starting the whole product (engine, deployment, 40 job types) takes 20-70 s on a busy 2-core machine.
  this.timeout(180_000);
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'onego-start-process-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stops in well under 2 s after Ctrl+C with jobs in flight, saying what it does, loses no job, releases its data folder and exits 0', async () => {
    // given a running product with its demo cases' jobs being worked
    const child = spawn(process.execPath, ['scripts/onego.mjs', 'start', '--grpc-port', '0', '--rest-port', '0', '--data', dataDir, '--auth', 'none'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        lines.push(line);
        if (line.startsWith('{"grpc"')) resolve();
      });
      void exited.then((code) => reject(new Error(`onego start exited with ${code} before it was ready:\n${lines.join('\n')}`)));
    });
    expect(existsSync(join(dataDir, 'engine.lock'))).to.equal(true);
    // when
    const signalled = Date.now();
    child.kill('SIGINT');
    const code = await exited;
    const wallMs = Date.now() - signalled;
    // then
    expect(code).to.equal(0);
    // stdout is a pipe, so the service log writes JSON lines (engine/logging/service-log.ts)
    const stopLines = lines
      .filter((line) => line.startsWith('{"level"'))
      .map((line) => (JSON.parse(line) as { msg: string }).msg)
      .filter((message) => message.startsWith('onego start: '));
    expect(stopLines[0]).to.contain('收到 SIGINT，正在停止');
    expect(stopLines.map((line) => line.split(' / ')[0].replace('onego start: ', ''))).to.include.members(['关闭任务处理程序', '关闭引擎并写完日志']);
    const reported = Number(/stopped \((\d+) ms\)/.exec(stopLines[stopLines.length - 1])?.[1]);
    expect(reported, `stop took ${reported} ms by its own count, ${wallMs} ms wall`).to.be.below(2000);
    expect(existsSync(join(dataDir, 'engine.lock'))).to.equal(false);
    // and nothing is lost: every job a worker took before the stop is completed in the log or still in the
    // engine's live state (activated: it times out and is worked again), and the stop raised no incident
    const engine = await createEngine({ dataDir, clock: 'controlled' });
    try {
      const records = engine.readRecords(0).filter((record) => record.recordType === 'EVENT');
      const activated = new Set(records.filter((r) => r.valueType === 'JOB_BATCH' && r.intent === 'ACTIVATED').flatMap((r) => (r.value.jobKeys as string[]) ?? []));
      const ended = new Set(records.filter((r) => r.valueType === 'JOB' && ['COMPLETED', 'ERROR_THROWN', 'CANCELED'].includes(r.intent)).map((r) => r.key));
      const lost = [...activated].filter((jobKey) => !ended.has(jobKey) && !engine.state.jobs.has(jobKey));
      expect(activated.size, 'the demo cases had jobs worked before the stop').to.be.greaterThan(0);
      expect(lost, 'jobs neither completed nor still live').to.deep.equal([]);
      expect(records.filter((r) => r.valueType === 'INCIDENT' && r.intent === 'CREATED').map((r) => r.value.errorMessage)).to.deep.equal([]);
    } finally {
      await engine.close();
    }
  });

  it('prints its options and defaults for --help', () => {
    const result = spawnSync(process.execPath, ['scripts/onego.mjs', 'start', '--help'], { encoding: 'utf8' });
    expect(result.status).to.equal(0);
    for (const option of ['--grpc-port', '--rest-port', '--data', '--auth', '--no-demo']) expect(result.stdout).to.contain(option);
  });
});
