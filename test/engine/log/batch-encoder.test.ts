import { expect } from 'chai';
import { BatchEncoder } from '../../../engine/log/batch-encoder';
import { checkVariables } from '../../../engine/variable-document';
import { preEncodedVariables, rememberRecordText, variableText } from '../../../engine/variable-json';
import { joinedVariables } from '../../../engine/gateway/off-thread-json';
import { splitJson } from '../../../engine/isolation/json-body-split';
import { jsonText } from '../../../engine/lazy-variable-values';
import { joinBatch } from '../../../engine/log/spliced-deflate';

describe('BatchEncoder', () => {
  it('writes the same bytes as JSON.stringify of the whole array', () => {
    // given
    const records = [
      { position: 1, key: '2251799813685249', value: { name: '张三', note: 'line\nbreak "quoted" \\ 😀', list: [1, null, true] } },
      { position: 2, key: '-1', value: {} },
    ];
    // when
    const bytes = new BatchEncoder().encode(records);
    // then
    expect(bytes.equals(Buffer.from(JSON.stringify(records)))).to.equal(true);
  });

  it('writes an empty array for no records', () => {
    // when
    const bytes = new BatchEncoder().encode([]);
    // then
    expect(bytes.toString('utf8')).to.equal('[]');
  });

  it('grows past its initial buffer and keeps what it already wrote', () => {
    // given a buffer of 8 bytes and records far larger, several of them non-ASCII
    const encoder = new BatchEncoder(8);
    const records = Array.from({ length: 200 }, (_, i) => ({ position: i, text: '办好'.repeat(i % 7), pad: 'x'.repeat(i) }));
    // when
    const bytes = encoder.encode(records);
    // then
    expect(JSON.parse(bytes.toString('utf8'))).to.deep.equal(records);
    expect(bytes.equals(Buffer.from(JSON.stringify(records)))).to.equal(true);
  });

  it('encodes a later batch correctly after an earlier, larger one', () => {
    // given
    const encoder = new BatchEncoder(16);
    encoder.encode([{ big: 'y'.repeat(10_000) }]);
    // when
    const bytes = encoder.encode([{ small: 1 }]);
    // then
    expect(bytes.toString('utf8')).to.equal('[{"small":1}]');
  });

  it('gives a buffer grown for a burst back once batches have been small for a while, and still encodes them right', () => {
    // given a buffer grown to several MB by one large batch
    const encoder = new BatchEncoder();
    encoder.encode([{ burst: 'b'.repeat(4 * 1024 * 1024) }]);
    const grown = encoder.capacity;
    expect(grown).to.be.at.least(4 * 1024 * 1024);
    // when small batches follow
    const small = [{ position: 1, text: '一次办好' }];
    for (let i = 0; i < 300; i++) expect(encoder.encode(small).toString('utf8')).to.equal(JSON.stringify(small));
    // then the buffer is small again, and a large batch still fits after it
    expect(encoder.capacity).to.equal(64 * 1024);
    const again = [{ burst: 'c'.repeat(2 * 1024 * 1024) }];
    expect(encoder.encode(again).equals(Buffer.from(JSON.stringify(again)))).to.equal(true);
  });

  it('keeps its buffer while large and small batches alternate', () => {
    // given
    const encoder = new BatchEncoder();
    const large = [{ burst: 'l'.repeat(2 * 1024 * 1024) }];
    encoder.encode(large);
    const grown = encoder.capacity;
    // when: fewer small batches in a row than it waits for, then a large one, again and again
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 100; i++) encoder.encode([{ small: i }]);
      encoder.encode(large);
    }
    // then
    expect(encoder.capacity).to.equal(grown);
  });

  it('writes into shared memory, also after growing, so the writer thread reads a batch without a copy', () => {
    // given a buffer too small for the batch
    const encoder = new BatchEncoder(8);
    // when
    const bytes = encoder.encode([{ text: 'z'.repeat(100) }]);
    // then
    expect(bytes.buffer).to.be.instanceOf(SharedArrayBuffer);
    expect(JSON.parse(bytes.toString('utf8'))).to.deep.equal([{ text: 'z'.repeat(100) }]);
  });
});

describe('BatchEncoder item ends', () => {
  it('says where each item of the last batch ends, so one record can be read without the others', () => {
    // given records with multi-byte text, and a buffer that has to grow
    const encoder = new BatchEncoder(8);
    const records = Array.from({ length: 1500 }, (_, i) => ({ position: i + 1, text: i % 3 === 0 ? '一次办好'.repeat(i % 5) : 'ascii', list: [i] }));
    // when
    const bytes = encoder.encode(records);
    const ends = encoder.itemEnds();
    // then every item's bytes are that item's JSON
    expect(ends.length).to.equal(records.length);
    let start = 1;
    records.forEach((record, index) => {
      expect(JSON.parse(bytes.toString('utf8', start, ends[index]))).to.deep.equal(record);
      start = ends[index] + 1;
    });
    expect(start).to.equal(bytes.length);
    expect(ends.buffer).to.be.instanceOf(SharedArrayBuffer);
  });

  it('has no ends after an empty batch', () => {
    const encoder = new BatchEncoder();
    encoder.encode([{ a: 1 }]);
    encoder.encode([]);
    expect(encoder.itemEnds().length).to.equal(0);
  });

  it('writes a big variables document from its values\' kept texts, the same bytes as JSON.stringify', () => {
    // given a command carrying a big form (checked, so marked plain JSON) whose text was made once before
    const form = JSON.parse(JSON.stringify({ rows: Array.from({ length: 2000 }, (_, i) => ({ i, name: `材料${i}`, ok: i % 2 === 0, note: null })) }));
    const variables = checkVariables({ form, small: 'x', gone: undefined });
    const made = variableText(form);
    const records = [
      { position: 1, valueType: 'PROCESS_INSTANCE_CREATION', value: { bpmnProcessId: 'p', variables, fetchVariables: [] } },
      { position: 2, valueType: 'VARIABLE', value: { name: 'form', value: made } },
    ];
    // when
    const bytes = new BatchEncoder(64, preEncodedVariables).encode(records);
    // then
    expect(variableText(form)).to.equal(made);
    expect(bytes.equals(Buffer.from(JSON.stringify(records)))).to.equal(true);
  });
});

describe('BatchEncoder leaving big values out for the writer thread to splice in', () => {
  it('lists a big value held as bytes instead of copying it, and the bytes with it put back are JSON.stringify\'s', () => {
    // given a command and a variable record whose big value an isolation thread split off as bytes
    const outcome = splitJson({ json: JSON.stringify({ form: { rows: Array.from({ length: 5000 }, (_, i) => ({ i, name: `材料${i}` })) }, small: 1 }), shape: 'document', maxDepth: 100 });
    if (outcome.kind !== 'parsed') throw new Error(`Expected the document to parse, but got ${outcome.kind}`);
    const variables = joinedVariables(outcome.body as Record<string, unknown>, outcome.order, outcome.big, 0);
    const formJson = outcome.big[0][1];
    const variableValue = { name: 'form', value: JSON.stringify(JSON.parse(jsonText(formJson))) };
    rememberRecordText(variableValue, formJson);
    const records = [
      { position: 1, valueType: 'PROCESS_INSTANCE_CREATION', value: { bpmnProcessId: 'p', variables } },
      { position: 2, valueType: 'VARIABLE', value: variableValue },
    ];
    const encoder = new BatchEncoder(64, preEncodedVariables);
    // when
    const { json, pieces } = encoder.encodeSpliced(records);
    const ends = Array.from(encoder.itemEnds());
    const joined = Buffer.from(joinBatch(json, pieces));
    // then the text and its escaped form are left out, with what the isolation thread deflated
    expect(pieces.map((piece) => piece.utf8)).to.deep.equal([formJson.utf8, formJson.escapedUtf8]);
    expect(pieces.map((piece) => piece.deflated)).to.deep.equal([formJson.deflated, formJson.escapedDeflated]);
    expect(json.length).to.be.below(200);
    expect(joined.equals(Buffer.from(JSON.stringify(records)))).to.equal(true);
    // and the item ends count the pieces in
    expect(JSON.parse(joined.toString('utf8', 1, ends[0]))).to.deep.equal(JSON.parse(JSON.stringify(records[0])));
    expect(JSON.parse(joined.toString('utf8', ends[0] + 1, ends[1]))).to.deep.equal(records[1]);
    expect(ends[1] + 1).to.equal(joined.length);
  });

  it('copies nothing out when no value is held as bytes', () => {
    // when
    const { json, pieces } = new BatchEncoder(64, preEncodedVariables).encodeSpliced([{ position: 1, value: { variables: { a: 1 } } }]);
    // then
    expect(pieces).to.deep.equal([]);
    expect(json.toString('utf8')).to.equal('[{"position":1,"value":{"variables":{"a":1}}}]');
  });
});
