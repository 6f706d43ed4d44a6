import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordLog } from '../../../engine/log';
import type { EngineRecord } from '../../../engine/protocol';

function record(position: number, valueType = 'JOB', intent = 'CREATED'): EngineRecord {
  return { position, key: String(2 ** 51 + position), recordType: 'EVENT', valueType, intent, value: { n: position, 名: '值' }, timestamp: 1, sourceRecordPosition: -1 };
}

describe('the record log', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'record-log-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads records back in order from any position, across batches', async () => {
    const log = new RecordLog(dir);
    await log.commit([record(1), record(2), record(3)]);
    await log.commit([record(4)]);
    await log.commit([record(5), record(6)]);
    expect(log.position).to.equal(6);
    expect(log.read(1).map((r) => r.position)).to.deep.equal([1, 2, 3, 4, 5, 6]);
    expect(log.read(3, 2).map((r) => r.position)).to.deep.equal([3, 4]);
    expect(log.read(5)[0].value).to.deep.equal({ n: 5, 名: '值' });
    expect(log.read(7)).to.deep.equal([]);
    await log.close();
  });

  it('keeps committed batches and the last position after it is reopened', async () => {
    const first = new RecordLog(dir);
    await first.commit([record(1), record(2, 'PROCESS', 'CREATED')]);
    await first.close();
    const again = new RecordLog(dir);
    expect(again.position).to.equal(2);
    expect([...again.scan(1)].map((r) => r.position)).to.deep.equal([1, 2]);
    expect(again.readEvents('PROCESS', 'CREATED').map((r) => r.position)).to.deep.equal([2]);
    await again.close();
  });

  it('scans from any position across pages of batches, each batch read once', async () => {
    // given five batches, one of them large
    const log = new RecordLog(dir);
    await log.commit([record(1), record(2)]);
    await log.commit(Array.from({ length: 5000 }, (_, i) => record(3 + i)));
    await log.commit([record(5003)]);
    await log.commit([record(5004), record(5005)]);
    await log.commit([record(5006)]);
    // when scanned two batch rows at a time, from the middle of the large batch
    const positions = [...log.scan(4000, 2)].map((r) => r.position);
    // then every record from there on comes once, in order
    expect(positions).to.deep.equal(Array.from({ length: 5006 - 4000 + 1 }, (_, i) => 4000 + i));
    expect([...log.scan(1, 2)]).to.have.length(5006);
    expect([...log.scan(5007)]).to.deep.equal([]);
    await log.close();
  });
});
