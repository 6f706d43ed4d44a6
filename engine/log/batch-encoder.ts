import { randomUUID } from 'node:crypto';
import type { SplicedPiece } from './spliced-deflate';

/**
 * Encodes a batch of records as the UTF-8 bytes of their JSON array, the same bytes as
 * `Buffer.from(JSON.stringify(records))`, but cheaper: stringifying a whole large batch yields a string V8
 * must flatten before it can be encoded, and that flattening plus a fresh buffer per batch cost more than
 * stringify and deflate together. Each record's JSON is short and flat, and is written straight into one
 * buffer that is reused from batch to batch. That buffer lives in shared memory, so another thread can read a
 * batch in place: handing it over costs neither a copy nor a fresh allocation per batch. Where each item
 * ends is noted as well ({@link itemEnds}): the history exporter decodes and parses only the records it needs,
 * one by one, which costs a third of parsing the whole array (most records are ASCII, which V8 decodes into
 * one-byte strings, while one Chinese name makes a whole batch a two-byte string).
 */
export class BatchEncoder {
  private buffer: Buffer;
  private ends: Uint32Array;
  private count = 0;
  /** Batches in a row, up to the last one, that used at most a {@link SHRINK_FRACTION} of a large buffer. */
  private smallInARow = 0;
  private lastBytes = 0;
  private spliced: SplicedPiece[] = [];

  /**
   * @param preEncode gives, for an item that holds JSON text made before (a big variables document), the item
   *   with that part replaced by {@link PRE_ENCODED} and the text; the text is written in its place as it is,
   *   instead of being made again. The bytes are the same either way.
   */
  constructor(
    private readonly initialBytes = 64 * 1024,
    private readonly preEncode?: (item: unknown) => PreEncoded | undefined,
  ) {
    this.buffer = sharedBuffer(initialBytes);
    this.ends = new Uint32Array(new SharedArrayBuffer(1024 * Uint32Array.BYTES_PER_ELEMENT));
  }

  /** Bytes of the buffer batches are written into (it grows for a large batch and shrinks once they are small again). */
  get capacity(): number {
    return this.buffer.length;
  }

  /**
   * The JSON array of `items` as UTF-8. The bytes live in a shared buffer the next call overwrites: whoever reads
   * them (here or on another thread) must be done before encoding again.
   */
  encode(items: readonly unknown[]): Buffer {
    return this.write(items, false);
  }

  /**
   * The same JSON, but each big piece given as bytes (a value an isolation thread holds in shared memory) left
   * out of the buffer and listed in `pieces` instead: the log's writer thread splices those in, already
   * deflated (spliced-deflate.ts), so the engine thread copies none of a 4 MB document's bytes. {@link itemEnds}
   * count the pieces in: they are offsets in the whole JSON. The list of pieces is fresh per call (the writer
   * thread may still read it after the next call).
   */
  encodeSpliced(items: readonly unknown[]): { json: Buffer; pieces: SplicedPiece[] } {
    const json = this.write(items, true);
    return { json, pieces: this.spliced };
  }

  private write(items: readonly unknown[], splice: boolean): Buffer {
    this.shrinkIfIdle();
    this.spliced = [];
    let offset = 0;
    /** Bytes of pieces left out so far: an offset in the whole JSON is `offset + leftOut`. */
    let leftOut = 0;
    this.ensure(offset, 2);
    this.buffer[offset++] = 0x5b; // [
    for (let i = 0; i < items.length; i++) {
      const pre = this.preEncode?.(items[i]);
      // An item JSON cannot express (undefined, a function) is `null` inside an array, as JSON.stringify writes it.
      const json = JSON.stringify(pre ? pre.item : items[i]) ?? 'null';
      const at = pre ? json.indexOf(PRE_ENCODED_JSON) : -1;
      let length = json.length;
      if (at >= 0) for (const piece of pre!.pieces) length += typeof piece === 'string' ? piece.length : splice ? 0 : bytesOf(piece).byteLength;
      // Three bytes per UTF-16 unit is the most UTF-8 needs, plus the separator and the closing bracket. A big
      // item is measured exactly instead (a native pass): reserving three times its size grew the buffer into
      // fresh memory, and the first write into fresh pages costs more than the write itself (page faults).
      if (length >= EXACT_SIZE_FROM) length = exactBytes(json, at >= 0 ? pre! : undefined, splice) / 3;
      this.ensure(offset, Math.ceil(length * 3) + 2);
      if (i > 0) this.buffer[offset++] = 0x2c; // ,
      if (at < 0) {
        offset += this.buffer.write(json, offset, 'utf8');
      } else {
        offset += this.buffer.write(json.slice(0, at), offset, 'utf8');
        // Piece by piece: a concatenated string would be written character by character (V8 flattens it slowly).
        for (const piece of pre!.pieces) {
          if (typeof piece === 'string') offset += this.buffer.write(piece, offset, 'utf8');
          else if (splice) {
            const utf8 = bytesOf(piece);
            this.spliced.push({ at: offset, utf8, deflated: piece instanceof Uint8Array ? undefined : piece.deflated });
            leftOut += utf8.byteLength;
          } else {
            const utf8 = bytesOf(piece);
            this.buffer.set(utf8, offset);
            offset += utf8.byteLength;
          }
        }
        offset += this.buffer.write(json.slice(at + PRE_ENCODED_JSON.length), offset, 'utf8');
      }
      this.noteEnd(i, offset + leftOut);
    }
    this.count = items.length;
    this.buffer[offset++] = 0x5d; // ]
    this.lastBytes = offset;
    const small = this.buffer.length >= SHRINK_ABOVE_BYTES && offset <= this.buffer.length / SHRINK_FRACTION;
    this.smallInARow = small ? this.smallInARow + 1 : 0;
    return this.buffer.subarray(0, offset);
  }

  /**
   * A group commit under a burst of load can grow the buffer to many MB, and it is shared memory the log's writer
   * thread sees too: kept, it stayed resident for as long as the engine ran (measured: 8 MB after loading 20,000
   * cases, counted again in the writer thread's heap). Once {@link SMALL_BATCHES_BEFORE_SHRINK} batches in a row
   * fit in a small part of it, the next one gets a buffer four times the last batch instead. Called before
   * encoding, when the previous batch's reader is done with the old buffer.
   */
  private shrinkIfIdle(): void {
    if (this.smallInARow < SMALL_BATCHES_BEFORE_SHRINK) return;
    this.smallInARow = 0;
    this.buffer = sharedBuffer(Math.max(this.initialBytes, this.lastBytes * 4));
  }

  /**
   * Where each item of the last {@link encode} ends (exclusive byte offsets): item i spans from the end of
   * item i - 1 plus one (the comma; 1 for the first item, after the bracket) to `itemEnds()[i]`. A view on
   * shared memory that the next call overwrites, like the bytes.
   */
  itemEnds(): Uint32Array {
    return this.ends.subarray(0, this.count);
  }

  private noteEnd(index: number, offset: number): void {
    if (index >= this.ends.length) {
      const grown = new Uint32Array(new SharedArrayBuffer(this.ends.length * 2 * Uint32Array.BYTES_PER_ELEMENT));
      grown.set(this.ends);
      this.ends = grown;
    }
    this.ends[index] = offset;
  }

  private ensure(offset: number, more: number): void {
    if (offset + more <= this.buffer.length) return;
    const grown = sharedBuffer(Math.max(this.buffer.length * 2, offset + more));
    this.buffer.copy(grown, 0, 0, offset);
    this.buffer = grown;
  }
}

/** A buffer at least this large is given back once batches are small again (see BatchEncoder.shrinkIfIdle). */
const SHRINK_ABOVE_BYTES = 1024 * 1024;
/** A batch using at most this part of a large buffer counts as small. */
const SHRINK_FRACTION = 16;
/**
 * Small batches in a row before the buffer shrinks: a few seconds of light load, so that load which alternates
 * between large and small groups does not allocate a large buffer again and again.
 */
const SMALL_BATCHES_BEFORE_SHRINK = 256;

/**
 * Stands in an item for a part given as JSON text ({@link PreEncoded}). A random tail makes it a string no
 * caller can send: the encoder finds it in the item's JSON and writes the text there.
 */
export const PRE_ENCODED = `\u0000onego-pre-encoded-${randomUUID()}\u0000`;
const PRE_ENCODED_JSON = JSON.stringify(PRE_ENCODED);

/** An item with one part replaced by {@link PRE_ENCODED}, and that part's JSON text in pieces, in order. */
export interface PreEncoded {
  item: unknown;
  /**
   * Text, or UTF-8 bytes (made off the engine thread) copied as they are, possibly with those bytes deflated
   * before ({@link BytesPiece}).
   */
  pieces: readonly (string | Uint8Array | BytesPiece)[];
}

/** UTF-8 bytes in shared memory nobody writes again, and the same bytes as spliced-deflate.ts's deflatePiece made them. */
export interface BytesPiece {
  utf8: Uint8Array;
  deflated?: Uint8Array;
}

function bytesOf(piece: Uint8Array | BytesPiece): Uint8Array {
  return piece instanceof Uint8Array ? piece : piece.utf8;
}

/** Items at least this long (UTF-16 units) have their UTF-8 size measured exactly before they are written. */
const EXACT_SIZE_FROM = 1 << 16;

function exactBytes(json: string, pre: PreEncoded | undefined, splice: boolean): number {
  let bytes = Buffer.byteLength(json, 'utf8');
  if (pre) for (const piece of pre.pieces) bytes += typeof piece === 'string' ? Buffer.byteLength(piece, 'utf8') : splice ? 0 : bytesOf(piece).byteLength;
  return bytes;
}

/** A buffer over fresh shared memory, which `postMessage` shares with a worker instead of copying. */
function sharedBuffer(bytes: number): Buffer {
  return Buffer.from(new SharedArrayBuffer(bytes));
}
