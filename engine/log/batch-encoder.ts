/**
 * Encodes a batch of records as the UTF-8 bytes of their JSON array, the same bytes as
 * `Buffer.from(JSON.stringify(records))`, but cheaper: stringifying a whole large batch yields a string V8
 * must flatten before it can be encoded, and that flattening plus a fresh buffer per batch cost more than
 * stringify and deflate together. Each record's JSON is short and flat, and is written straight into one
 * buffer that is reused from batch to batch. That buffer lives in shared memory, so another thread can read a
 * batch in place: handing it over costs neither a copy nor a fresh allocation per batch.
 */
export class BatchEncoder {
  private buffer: Buffer;

  constructor(initialBytes = 64 * 1024) {
    this.buffer = sharedBuffer(initialBytes);
  }

  /**
   * The JSON array of `items` as UTF-8. The bytes live in a shared buffer the next call overwrites: whoever reads
   * them (here or on another thread) must be done before encoding again.
   */
  encode(items: readonly unknown[]): Buffer {
    let offset = 0;
    this.ensure(offset, 2);
    this.buffer[offset++] = 0x5b; // [
    for (let i = 0; i < items.length; i++) {
      // An item JSON cannot express (undefined, a function) is `null` inside an array, as JSON.stringify writes it.
      const json = JSON.stringify(items[i]) ?? 'null';
      // Three bytes per UTF-16 unit is the most UTF-8 needs, plus the separator and the closing bracket.
      this.ensure(offset, json.length * 3 + 2);
      if (i > 0) this.buffer[offset++] = 0x2c; // ,
      offset += this.buffer.write(json, offset, 'utf8');
    }
    this.buffer[offset++] = 0x5d; // ]
    return this.buffer.subarray(0, offset);
  }

  private ensure(offset: number, more: number): void {
    if (offset + more <= this.buffer.length) return;
    const grown = sharedBuffer(Math.max(this.buffer.length * 2, offset + more));
    this.buffer.copy(grown, 0, 0, offset);
    this.buffer = grown;
  }
}

/** A buffer over fresh shared memory, which `postMessage` shares with a worker instead of copying. */
function sharedBuffer(bytes: number): Buffer {
  return Buffer.from(new SharedArrayBuffer(bytes));
}
