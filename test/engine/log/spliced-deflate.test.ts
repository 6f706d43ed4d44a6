import { expect } from 'chai';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { deflateBatch, deflatePiece, joinBatch, type SplicedPiece } from '../../../engine/log/spliced-deflate';

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

/** `whole` cut into the bytes around `cuts` and the pieces at them: what the encoder hands the writer. */
function cut(whole: string, cuts: { from: number; to: number; deflate: boolean }[]): { json: Uint8Array; pieces: SplicedPiece[] } {
  const bytes = Buffer.from(whole, 'utf8');
  const around: Buffer[] = [];
  const pieces: SplicedPiece[] = [];
  let from = 0;
  let at = 0;
  for (const piece of cuts) {
    around.push(bytes.subarray(from, piece.from));
    at += piece.from - from;
    const bytesOfPiece = new Uint8Array(bytes.subarray(piece.from, piece.to));
    pieces.push({ at, utf8: bytesOfPiece, deflated: piece.deflate ? deflatePiece(bytesOfPiece) : undefined });
    from = piece.to;
  }
  around.push(bytes.subarray(from));
  return { json: new Uint8Array(Buffer.concat(around)), pieces };
}

describe('a log batch deflated in spliced parts', () => {
  const big = JSON.stringify({ rows: Array.from({ length: 3000 }, (_, row) => ({ row, text: `材料${row}-${'x'.repeat(40)}` })) });
  const whole = `[{"position":1,"value":{"variables":{"form":${big}}}},{"position":2,"value":{"variables":{"form":${big}}}},{"position":3,"value":{"value":${JSON.stringify(big)}}}]`;

  it('inflates to exactly the JSON a batch deflated whole inflates to, so logs written before read the same way', () => {
    // given the batch with its three big values left out, two of them deflated before and one not
    const first = whole.indexOf(big);
    const second = whole.indexOf(big, first + big.length);
    const escaped = whole.indexOf(JSON.stringify(big));
    const at = (index: number) => Buffer.byteLength(whole.slice(0, index), 'utf8');
    const { json, pieces } = cut(whole, [
      { from: at(first), to: at(first + big.length), deflate: true },
      { from: at(second), to: at(second + big.length), deflate: false },
      { from: at(escaped), to: at(escaped + JSON.stringify(big).length), deflate: true },
    ]);
    // when
    const stored = deflateBatch(json, pieces);
    // then
    expect(inflateRawSync(stored).equals(Buffer.from(whole, 'utf8'))).to.equal(true);
    expect(inflateRawSync(deflateRawSync(Buffer.from(whole, 'utf8'))).equals(inflateRawSync(stored))).to.equal(true);
    expect(Buffer.from(joinBatch(json, pieces)).equals(Buffer.from(whole, 'utf8'))).to.equal(true);
  });

  it('copies a piece deflated before into the stored bytes as it is, instead of deflating it again', () => {
    // given
    const { json, pieces } = cut(whole, [{ from: Buffer.byteLength(whole.slice(0, whole.indexOf(big))), to: Buffer.byteLength(whole.slice(0, whole.indexOf(big) + big.length)), deflate: true }]);
    // when
    const stored = deflateBatch(json, pieces);
    // then
    expect(stored.indexOf(Buffer.from(pieces[0].deflated!))).to.be.greaterThan(0);
    expect(inflateRawSync(stored).toString('utf8')).to.equal(whole);
  });

  it('splices pieces at the very start and end, next to each other, and around empty JSON', () => {
    // given
    const a = utf8('["first",');
    const b = utf8('"二"');
    const c = utf8(']');
    const pieces: SplicedPiece[] = [
      { at: 0, utf8: a, deflated: deflatePiece(a) },
      { at: 0, utf8: b },
      { at: 0, utf8: c, deflated: deflatePiece(c) },
    ];
    // when
    const stored = deflateBatch(new Uint8Array(0), pieces);
    // then
    expect(inflateRawSync(stored).toString('utf8')).to.equal('["first","二"]');
    expect(Buffer.from(joinBatch(new Uint8Array(0), pieces)).toString('utf8')).to.equal('["first","二"]');
  });

  it('deflates a batch without pieces whole, as before', () => {
    // given
    const json = utf8('[{"position":1}]');
    // when
    const stored = deflateBatch(json);
    // then
    expect(stored.equals(deflateRawSync(json, { level: 1 }))).to.equal(true);
  });

  it('makes the stored batch of a big document about as small as deflating it whole', () => {
    // given
    const escaped = whole.indexOf(JSON.stringify(big));
    const at = (index: number) => Buffer.byteLength(whole.slice(0, index), 'utf8');
    const { json, pieces } = cut(whole, [{ from: at(escaped), to: at(escaped + JSON.stringify(big).length), deflate: true }]);
    // when
    const spliced = deflateBatch(json, pieces).length;
    const once = deflateRawSync(Buffer.from(whole, 'utf8'), { level: 1 }).length;
    // then: within a tenth (the parts share no back-references, and each ends with a 5-byte flush)
    expect(spliced).to.be.below(once * 1.1);
  });
});
