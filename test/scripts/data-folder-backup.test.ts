import { expect } from 'chai';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { createEngine } from '../../engine';
import { startEngineServer } from '../../engine/server';
import { RecordLog } from '../../engine/log';
import { backupDataFolder, restoreDataFolder } from '../../scripts/data-folder-backup';
import { serviceTaskProcess } from '../engine/gateway/support/bpmn';
import { spawnEngine, type EngineProcess } from './commands/engine-process';

describe('backup and restore of a data folder', function () {
  this.timeout(120_000);
  let folders: string[] = [];
  let engine: EngineProcess | undefined;
  const folder = async (name: string) => {
    const dir = await mkdtemp(join(tmpdir(), `onego-${name}-`));
    folders.push(dir);
    return dir;
  };

  afterEach(async () => {
    if (engine && engine.child.exitCode === null) {
      engine.child.kill('SIGKILL');
      await engine.exited;
    }
    engine = undefined;
    await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
    folders = [];
  });

  it('copies a folder while the engine takes load; the restored folder opens with every instance acknowledged before the backup and a log that is a prefix of the original', async () => {
    // given an engine under load through the SDK
    const dataDir = await folder('backup-source');
    engine = spawnEngine(['--grpc-port', '0', '--rest-port', '0', '--data', dataDir]);
    const { grpc } = await engine.ready;
    const zeebe = new Camunda8({ ZEEBE_GRPC_ADDRESS: `grpc://${grpc}`, CAMUNDA_AUTH_STRATEGY: 'NONE', CAMUNDA_LOG_LEVEL: 'none', zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE' } } as never).getZeebeGrpcApiClient();
    await zeebe.deployResource({ process: Buffer.from(serviceTaskProcess('kept', 'kept-work')), name: 'kept.bpmn' });
    const acknowledged: string[] = [];
    let loading = true;
    const load = (async () => {
      while (loading) acknowledged.push((await zeebe.createProcessInstance({ bpmnProcessId: 'kept', variables: { n: acknowledged.length } })).processInstanceKey);
    })();
    while (acknowledged.length < 50) await new Promise((resolve) => setTimeout(resolve, 20));
    const beforeBackup = [...acknowledged];
    // when a backup is taken in the middle of it
    const target = join(await folder('backup-target'), 'copy');
    const manifest = await backupDataFolder(dataDir, target);
    loading = false;
    await load;
    await zeebe.close();
    // then the copy holds a manifest and no lock or SQLite side files
    expect(manifest.logPosition).to.be.greaterThan(0);
    expect(await readdir(target)).to.not.include.members(['engine.lock', 'records.sqlite-wal']);
    // and a restore opens: every instance acknowledged before the backup started is there
    const restoredDir = await folder('backup-restored');
    restoreDataFolder(target, restoredDir);
    const restored = await createEngine({ dataDir: restoredDir });
    try {
      const instances = restored.snapshot().elementInstances as Record<string, unknown>;
      for (const key of beforeBackup) expect(instances, `instance ${key}`).to.have.property(key);
    } finally {
      await restored.close();
    }
    // and its history, brought up to the restored log, holds every instance that log created, and its audit chain holds
    const served = await startEngineServer({ grpcPort: 0, restPort: 0, dataDir: restoredDir });
    try {
      const search = await fetch(`${served.restUrl}/v2/process-instances/search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ filter: { processDefinitionId: 'kept' }, page: { limit: 1 } }),
      });
      const created = served.engine.readRecords(1).filter((r) => r.valueType === 'PROCESS_INSTANCE_CREATION' && r.intent === 'CREATED').length;
      expect(((await search.json()) as { page: { totalItems: number } }).page.totalItems).to.equal(created);
      expect(created).to.be.at.least(beforeBackup.length);
    } finally {
      await served.close();
    }
    // and its log is exactly the original's first records
    engine.child.kill('SIGTERM');
    await engine.exited;
    const original = new RecordLog(dataDir);
    const copy = new RecordLog(restoredDir);
    try {
      const copied = copy.read(1);
      expect(copied).to.have.length(manifest.logPosition);
      expect(original.read(1, manifest.logPosition)).to.deep.equal(copied);
      expect(original.position).to.be.at.least(copy.position);
    } finally {
      await original.close();
      await copy.close();
    }
  });

  it('refuses a restore over a folder a running engine holds, over an existing log without --replace, and from a changed backup', async () => {
    // given a backup of a small folder
    const dataDir = await folder('restore-source');
    const small = await createEngine({ dataDir });
    await small.deployResources([{ name: 'kept.bpmn', content: Buffer.from(serviceTaskProcess('kept', 'kept-work')) }]);
    await small.close();
    const target = join(await folder('restore-backup'), 'copy');
    await backupDataFolder(dataDir, target);
    // then a folder held by a running engine is refused
    const held = await folder('restore-held');
    engine = spawnEngine(['--grpc-port', '0', '--rest-port', '0', '--data', held]);
    await engine.ready;
    expect(() => restoreDataFolder(target, held)).to.throw(/正被另一个引擎进程/);
    // and a folder with a log needs --replace
    expect(() => restoreDataFolder(target, dataDir)).to.throw(/--replace/);
    expect(restoreDataFolder(target, dataDir, { replace: true }).logPosition).to.be.greaterThan(0);
    // and a backup whose file was changed is refused
    await writeFile(join(target, 'records.sqlite'), 'tampered');
    const fresh = await folder('restore-fresh');
    expect(() => restoreDataFolder(target, fresh)).to.throw(/missing or changed/);
  });
});
