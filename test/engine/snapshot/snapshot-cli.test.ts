import { expect } from 'chai';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../../engine';
import { serviceTaskProcess } from '../gateway/support/bpmn';
import { spawnEngine } from '../../scripts/commands/engine-process';

describe('onego engine with snapshots', function () {
  this.timeout(120_000);
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'onego-snapshot-cli-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('says on one stderr line that a corrupt snapshot is skipped and still starts; with --replay-all it reads no snapshot', async () => {
    // given: two snapshots, the newest corrupted
    const engine = await createEngine({ dataDir });
    await engine.deployResources([{ name: 'p.bpmn', content: Buffer.from(serviceTaskProcess('p', 'work')) }]);
    for (let i = 0; i < 2; i++) {
      await engine.createProcessInstance({ bpmnProcessId: 'p' });
      await engine.takeSnapshot();
    }
    await engine.close();
    const [, newest] = (await readdir(join(dataDir, 'snapshots'))).sort();
    const bytes = await readFile(join(dataDir, 'snapshots', newest));
    bytes[bytes.length - 40] ^= 0x01;
    await writeFile(join(dataDir, 'snapshots', newest), bytes);
    // when
    const first = spawnEngine(['--grpc-port', '0', '--rest-port', '0', '--data', dataDir]);
    // (answering a request: up and serving, its signal handlers set)
    expect((await fetch(`${(await first.ready).rest}/v2/topology`)).status).to.equal(200);
    first.child.kill('SIGTERM');
    expect(await first.exited).to.equal(0);
    const second = spawnEngine(['--grpc-port', '0', '--rest-port', '0', '--data', dataDir, '--replay-all']);
    expect((await fetch(`${(await second.ready).rest}/v2/topology`)).status).to.equal(200);
    second.child.kill('SIGTERM');
    expect(await second.exited).to.equal(0);
    // then
    // stderr is a pipe here, so the service log writes JSON lines (engine/logging/service-log.ts)
    const lines = first.stderr().split('\n').filter((line) => line.includes('快照')).map((line) => JSON.parse(line) as { level: string; msg: string });
    expect(lines.map((line) => line.level)).to.deep.equal(['warn']);
    expect(lines.map((line) => line.msg)).to.deep.equal([
      `[engine] 快照 ${newest} 不可用（校验和不符：文件损坏或被截断），改用上一个快照 / snapshot ${newest} is unusable (checksum mismatch: corrupt or truncated); using the previous one`,
    ]);
    expect(second.stderr()).to.not.include('快照');
  });
});
