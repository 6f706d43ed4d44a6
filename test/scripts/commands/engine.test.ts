import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceTaskProcess } from '../../engine/gateway/support/bpmn';
import { sdkFor, spawnEngine, type EngineProcess, type SdkZeebeClient } from './engine-process';


describe('onego engine', function () {
  // Each case starts a fresh Node process (TypeScript compiled on the fly); a loaded CI machine needs room.
  this.timeout(120_000);
  let dataDir: string;
  const running: EngineProcess[] = [];
  const clients: SdkZeebeClient[] = [];

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'onego-cli-'));
  });
  afterEach(async () => {
    await Promise.allSettled(clients.splice(0).map((c) => c.close()));
    for (const engine of running.splice(0)) {
      if (engine.child.exitCode === null && engine.child.signalCode === null) engine.child.kill('SIGKILL');
      await engine.exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  function start(args: string[]): EngineProcess {
    const engine = spawnEngine(args);
    running.push(engine);
    return engine;
  }

  it('prints exactly one JSON line with where it listens, and exits 0 on SIGTERM', async () => {
    // given
    const engine = start(['--grpc-port', '0', '--rest-port', '0', '--data', dataDir]);
    // when
    const ready = await engine.ready;
    // then
    expect(ready.grpc).to.match(/^127\.0\.0\.1:\d+$/);
    expect(ready.rest).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.data).to.equal(dataDir);
    const topology = (await (await fetch(`${ready.rest}/v2/topology`)).json()) as { brokers: { port: number }[] };
    expect(topology.brokers[0].port).to.equal(Number(ready.grpc.split(':')[1]));
    engine.child.kill('SIGTERM');
    expect(await engine.exited).to.equal(0);
    expect(engine.stdoutLines()).to.have.length(1);
  });

  it('runs a controlled clock that PUT /v2/clock pins, and exits 0 on SIGINT', async () => {
    // given
    const engine = start(['--grpc-port', '0', '--rest-port', '0', '--data', dataDir, '--clock', 'controlled']);
    const { rest } = await engine.ready;
    // when
    const pinned = await fetch(`${rest}/v2/clock`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ timestamp: Date.UTC(2026, 1, 17) }),
    });
    // then
    expect(pinned.status).to.equal(204);
    engine.child.kill('SIGINT');
    expect(await engine.exited).to.equal(0);
  });

  for (const [description, args, message] of [
    ['an unknown flag', ['--gprc-port', '1'], /Unknown option '--gprc-port'/],
    ['a port that is not a number', ['--grpc-port', 'x'], /Expected --grpc-port to be a port number/],
    ['an unknown clock', ['--clock', 'lunar'], /Expected --clock to be 'system' or 'controlled', but was 'lunar'/],
    ['a snapshot interval that is not a count', ['--snapshot-every-records', 'often'], /须为非负整数 \/ Expected --snapshot-every-records to be a whole number ≥ 0 \(0 turns it off\), but was 'often'/],
    ['a fractional snapshot period', ['--snapshot-every-seconds', '1.5'], /Expected --snapshot-every-seconds to be a whole number ≥ 0/],
  ] as const) {
    it(`exits 2 (usage) with a clear message on ${description}`, () => {
      const result = spawnSync(process.execPath, ['scripts/onego.mjs', 'engine', ...args], { encoding: 'utf8' });
      expect(result.status).to.equal(2);
      expect(result.stderr).to.match(message);
      expect(result.stderr).to.contain('usage: onego engine');
      expect(result.stdout).to.equal('');
    });
  }

  it('prints its options and defaults for --help and exits 0', () => {
    const result = spawnSync(process.execPath, ['scripts/onego.mjs', 'engine', '--help'], { encoding: 'utf8' });
    expect(result.status).to.equal(0);
    expect(result.stdout).to.contain('usage: onego engine');
    for (const option of ['--grpc-port', '--rest-port', '--data', '--clock', '--auth', '--identity']) expect(result.stdout).to.contain(option);
  });

  it('exits 3 naming the port and the process holding it when the port is taken', async () => {
    // given a port someone else holds
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      // when
      const engine = start(['--grpc-port', String(port), '--rest-port', '0', '--data', dataDir]);
      // then
      expect(await engine.exited).to.equal(3);
      expect(engine.stderr()).to.contain(`端口 ${port} 已被占用`);
      expect(engine.stderr()).to.contain(`port ${port} is already in use (held by pid ${process.pid}`);
      expect(engine.stderr().trim().split('\n')).to.have.length(1);
      expect(engine.stdoutLines()).to.deep.equal([]);
    } finally {
      blocker.close();
    }
  });

  it('refuses, with exit 5 and the holder\'s pid, a second engine on a data folder another engine holds', async () => {
    // given a running engine on the folder
    const first = start(['--grpc-port', '0', '--rest-port', '0', '--data', dataDir]);
    await first.ready;
    // when a second one starts on it
    const second = start(['--grpc-port', '0', '--rest-port', '0', '--data', dataDir]);
    // then it refuses in one line, and the first still answers
    expect(await second.exited).to.equal(5);
    expect(second.stderr()).to.contain(`pid ${first.child.pid}`);
    expect(second.stderr()).to.contain('正被另一个引擎进程');
    const { rest } = await first.ready;
    expect((await fetch(`${rest}/v2/topology`)).status).to.equal(200);
  });

  it('takes over the lock a killed engine left behind', async () => {
    // given an engine killed with SIGKILL (its lock file stays)
    const first = start(['--grpc-port', '0', '--rest-port', '0', '--data', dataDir]);
    await first.ready;
    first.child.kill('SIGKILL');
    await first.exited;
    // when another starts on the folder, then it runs
    const second = start(['--grpc-port', '0', '--rest-port', '0', '--data', dataDir]);
    const { rest } = await second.ready;
    expect((await fetch(`${rest}/v2/topology`)).status).to.equal(200);
  });

  it('exits 4 in one line when the data folder is a file', async () => {
    const file = join(dataDir, 'not-a-folder');
    await writeFile(file, 'x');
    const engine = start(['--grpc-port', '0', '--rest-port', '0', '--data', file]);
    expect(await engine.exited).to.equal(4);
    expect(engine.stderr()).to.contain('不是一个目录');
    expect(engine.stderr()).to.contain('is not a folder');
    expect(engine.stderr().trim().split('\n')).to.have.length(1);
  });

  it('exits 6 in one line when the record log is not a database', async () => {
    await writeFile(join(dataDir, 'records.sqlite'), 'this is not a database, it is a text file standing where the log should be');
    const engine = start(['--grpc-port', '0', '--rest-port', '0', '--data', dataDir]);
    expect(await engine.exited).to.equal(6);
    expect(engine.stderr()).to.contain('数据库已损坏');
    expect(engine.stderr()).to.contain('is corrupt');
    expect(engine.stderr().trim().split('\n')).to.have.length(1);
  });

  it('exits 7 in one line when the identity file is missing', async () => {
    const engine = start(['--grpc-port', '0', '--rest-port', '0', '--data', dataDir, '--auth', 'basic', '--identity', join(dataDir, 'missing.json')]);
    expect(await engine.exited).to.equal(7);
    expect(engine.stderr()).to.contain('身份文件有误');
    expect(engine.stderr()).to.contain('missing.json');
  });

  it('loses no acknowledged command when killed with SIGKILL in the middle of a load', async () => {
    // given an engine under load: instances being created and jobs being completed, every answer noted
    const first = start(['--grpc-port', '0', '--rest-port', '0', '--data', dataDir]);
    const { grpc } = await first.ready;
    const load = sdkFor(grpc);
    clients.push(load);
    await load.deployResource({ process: Buffer.from(serviceTaskProcess('durable', 'durable-work')), name: 'durable.bpmn' });

    const createdAcknowledged = new Set<string>();
    const completedAcknowledged = new Set<string>();
    const completionSent = new Set<string>();
    let killed = false;

    const creating = async () => {
      while (!killed) {
        const created = await load.createProcessInstance({ bpmnProcessId: 'durable', variables: { n: createdAcknowledged.size } }).catch(() => undefined);
        // any answer that arrives is an acknowledgement, even one that races the kill
        if (!created) return;
        createdAcknowledged.add(created.processInstanceKey);
      }
    };
    const completing = async () => {
      while (!killed) {
        const jobs = await load
          .activateJobs({ type: 'durable-work', worker: 'load', maxJobsToActivate: 5, timeout: 600_000, requestTimeout: -1 })
          .catch(() => undefined);
        if (!jobs) return;
        await Promise.all(
          jobs.map(async (job) => {
            completionSent.add(job.processInstanceKey);
            const done = await load.completeJob({ jobKey: job.key, variables: { done: true } }).then(() => true, () => false);
            if (done) completedAcknowledged.add(job.processInstanceKey);
          }),
        );
      }
    };
    const workers = [...Array.from({ length: 8 }, creating), ...Array.from({ length: 2 }, completing)];

    // when the engine is killed once enough has been acknowledged, with requests still in flight
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (createdAcknowledged.size >= 150 && completedAcknowledged.size >= 20) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    first.child.kill('SIGKILL');
    killed = true;
    expect(await first.exited).to.equal('SIGKILL');
    await Promise.all(workers);

    // then after a restart on the same data, every acknowledged effect is there
    const second = start(['--grpc-port', '0', '--rest-port', '0', '--data', dataDir]);
    const restarted = await second.ready;
    const check = sdkFor(restarted.grpc);
    clients.push(check);
    const lost: string[] = [];
    for (const processInstanceKey of createdAcknowledged) {
      const cancelled = await check.cancelProcessInstance(processInstanceKey).then(() => true, (e: { code: number }) => e.code);
      if (completedAcknowledged.has(processInstanceKey)) {
        // completed before the kill: the instance is over, so there is nothing to cancel
        if (cancelled !== 5) lost.push(`${processInstanceKey}: completion lost (cancel answered ${cancelled})`);
      } else if (!completionSent.has(processInstanceKey) && cancelled !== true) {
        lost.push(`${processInstanceKey}: instance lost (cancel answered ${cancelled})`);
      }
    }
    expect(lost).to.deep.equal([]);
    // and the acknowledged deployment is there too
    const again = await check.createProcessInstance({ bpmnProcessId: 'durable', variables: {} });
    expect(again.processInstanceKey).to.match(/^\d+$/);
  });
});
