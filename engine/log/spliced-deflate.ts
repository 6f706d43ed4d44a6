import { constants, deflateRawSync } from 'node:zlib';

/**
 * A log batch's deflate stream made of parts compressed apart (issue 13). A valid 4 MB variables document makes
 * a batch of about 12 MB — its command, its creation event and its variable record each carry the value, as in
 * Zeebe — and deflating those 12 MB on the log's writer thread (25–35 ms) held every later commit's
 * acknowledgement. Now the big values come with their bytes already deflated (an isolation thread does it while
 * it parses the body, engine/isolation/json-body-split.ts), once for the two copies that carry the text as it
 * is, and the writer deflates only the small JSON between them and splices the parts together.
 *
 * Splicing needs no new format: each part but the last is ended by a sync flush (an empty stored block, which
 * leaves the stream at a byte boundary with no final block), so the parts one after another are one valid raw
 * deflate stream, and `inflateRawSync` of a spliced batch gives exactly the JSON a batch deflated whole gives.
 * Logs written before and after read the same way. The price is a few bytes per part and no back-references
 * across parts (the small JSON between big values gains nothing from them).
 */

/** Compression level of the log (fast: records are repetitive JSON and shrink ~25x even so). */
export const LOG_DEFLATE_LEVEL = 1;

/**
 * A big piece of a batch's JSON that the encoder leaves out of its buffer (it lives in shared memory an
 * isolation thread filled and nobody writes again): the batch's JSON is the encoder's bytes with each piece
 * inserted at `at`, in order.
 */
export interface SplicedPiece {
  /** Where in the encoder's bytes the piece goes (offsets of the bytes without the pieces). */
  at: number;
  utf8: Uint8Array;
  /** `utf8` as made by {@link deflatePiece}, when that was done before (else the writer deflates it). */
  deflated?: Uint8Array;
}

/**
 * `bytes` as raw deflate ended by a sync flush instead of a final block: a part that can stand anywhere but last
 * in a spliced stream.
 */
export function deflatePiece(bytes: Uint8Array): Buffer {
  return deflateRawSync(bytes, { level: LOG_DEFLATE_LEVEL, finishFlush: constants.Z_SYNC_FLUSH });
}

/**
 * The deflated batch whose JSON is `json` with `pieces` inserted: the same stream as deflating the joined JSON
 * whole would inflate to. Pieces already deflated are copied as they are; a piece that occurs twice without
 * being deflated before (the same bytes) is deflated once.
 */
export function deflateBatch(json: Uint8Array, pieces: readonly SplicedPiece[] = []): Buffer {
  if (pieces.length === 0) return deflateRawSync(json, { level: LOG_DEFLATE_LEVEL });
  const parts: Uint8Array[] = [];
  const madeHere = new Map<Uint8Array, Uint8Array>();
  let from = 0;
  for (const piece of pieces) {
    parts.push(deflatePiece(json.subarray(from, piece.at)));
    let deflated = piece.deflated ?? madeHere.get(piece.utf8);
    if (deflated === undefined) madeHere.set(piece.utf8, (deflated = deflatePiece(piece.utf8)));
    parts.push(deflated);
    from = piece.at;
  }
  parts.push(deflateRawSync(json.subarray(from), { level: LOG_DEFLATE_LEVEL }));
  return Buffer.concat(parts);
}

/** The whole JSON of a batch: `json` with `pieces` inserted (a fresh, unshared buffer). */
export function joinBatch(json: Uint8Array, pieces: readonly SplicedPiece[] = []): Uint8Array {
  let length = json.byteLength;
  for (const piece of pieces) length += piece.utf8.byteLength;
  const joined = new Uint8Array(length);
  let from = 0;
  let offset = 0;
  for (const piece of pieces) {
    joined.set(json.subarray(from, piece.at), offset);
    offset += piece.at - from;
    joined.set(piece.utf8, offset);
    offset += piece.utf8.byteLength;
    from = piece.at;
  }
  joined.set(json.subarray(from), offset);
  return joined;
}
