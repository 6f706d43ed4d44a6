import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordLog } from '../../../engine/log';
import type { EngineRecord } from '../../../engine/protocol';

function record(position: number): EngineRecord {
  return { position, key: String(position), recordType: 'EVENT', valueType: 'JOB', intent: 'CREATED', value: { n: position }, timestamp: 1, sourceRecordPosition: -1 };
}

describe('the record log writer thread', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'log-writer-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes every batch handed over without waiting durable, in order', async () => {
    const log = new RecordLog(dir);
    const commits = Array.from({ length: 200 }, (_, i) => log.commit([record(2 * i + 1), record(2 * i + 2)]));
    await Promise.all(commits);
    expect(log.position).to.equal(400);
    await log.close();
    const reopened = new RecordLog(dir);
    expect([...reopened.scan()].map((r) => r.position)).to.deep.equal(Array.from({ length: 400 }, (_, i) => i + 1));
    await reopened.close();
  });

  it('rejects a batch SQLite refuses and every batch after it, and keeps what was committed before', async () => {
    const log = new RecordLog(dir);
    await log.commit([record(1)]);
    // a second batch starting at position 1 breaks the primary key
    const refused = log.commit([record(1)]);
    const later = log.commit([record(2)]);
    const [first, second] = await Promise.allSettled([refused, later]);
    expect(first.status).to.equal('rejected');
    expect((first as PromiseRejectedResult).reason.message).to.match(/^Expected to commit the record batch, but SQLite failed: .*UNIQUE/);
    expect(second.status).to.equal('rejected');
    await log.commit([record(3)]).then(
      () => expect.fail('a log that failed must not accept more batches'),
      (error: Error) => expect(error.message).to.match(/UNIQUE/),
    );
    await log.close();
    const reopened = new RecordLog(dir);
    expect([...reopened.scan()].map((r) => r.position)).to.deep.equal([1]);
    await reopened.close();
  });
});
