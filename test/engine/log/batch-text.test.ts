import { expect } from 'chai';
import { batchJsonText } from '../../../engine/log/batch-text';

/** What a batch parsed the plain way holds: the reference the escaped text must match. */
const plainly = (bytes: Buffer) => JSON.parse(bytes.toString('utf8')) as unknown;

describe('the JSON text of a log batch', () => {
  it('is the batch itself, one byte per character, when the batch is ASCII', () => {
    const bytes = Buffer.from(JSON.stringify([{ position: 1, value: { name: 'ascii only', n: 3 } }]), 'utf8');
    expect(batchJsonText(bytes)).to.equal(bytes.toString('utf8'));
  });

  it('parses to the same records as the UTF-8 text, with Chinese values and keys, emoji and escapes', () => {
    const records = [
      { position: 1, value: { variables: { applicantName: '周娟69104', 地址: '北京市朝阳区', note: 'tab\there "quoted" \\ back' } } },
      { position: 2, value: { emoji: '😀 办好了 ✓', empty: '', nested: [{ 名称: ['材料', 'x'] }] } },
    ];
    const bytes = Buffer.from(JSON.stringify(records), 'utf8');
    expect(JSON.parse(batchJsonText(bytes))).to.deep.equal(records);
    expect(batchJsonText(bytes)).to.match(/^[\x00-\x7f]*$/);
  });

  it('keeps characters whole where a long batch is cut into pieces, whatever their width', () => {
    // given values of 1-, 2-, 3- and 4-byte characters long enough to cross every piece boundary at every offset
    const records = Array.from({ length: 40 }, (_, row) => ({ position: row, value: { text: `${'a'.repeat(row)}${'é中😀'.repeat(300 + row)}` } }));
    const bytes = Buffer.from(JSON.stringify(records), 'utf8');
    // then every record reads back exactly
    expect(JSON.parse(batchJsonText(bytes))).to.deep.equal(records);
  });

  it('reads invalid UTF-8 inside a string as U+FFFD, as the plain UTF-8 decoding does', () => {
    const before = Buffer.from('[{"text":"ab', 'utf8');
    const after = Buffer.from('cd中"}]', 'utf8');
    for (const invalid of [[0xff], [0xe4, 0xb8], [0x80, 0x80, 0x80, 0x80, 0x80], [0xf0, 0x9f, 0x98]]) {
      const bytes = Buffer.concat([before, Buffer.from(invalid), after]);
      expect(JSON.parse(batchJsonText(bytes)), `bytes ${invalid.join(',')}`).to.deep.equal(plainly(bytes));
    }
  });

  it('parses a real mix of many records the same as the UTF-8 text does', () => {
    const records = Array.from({ length: 2000 }, (_, row) => ({
      position: row + 1,
      key: String(2251799813685248 + row),
      value: row % 7 === 0 ? { variables: { applicantName: `申请人${row}`, caseNo: `F-${row}` } } : { elementId: `task_${row}`, retries: 3 },
    }));
    const bytes = Buffer.from(JSON.stringify(records), 'utf8');
    expect(JSON.parse(batchJsonText(bytes))).to.deep.equal(plainly(bytes));
  });
});
