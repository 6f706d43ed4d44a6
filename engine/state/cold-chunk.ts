import { deserialize } from 'node:v8';
import { gunzipSync } from 'node:zlib';
import { StringPool } from './string-pool';

/**
 * Entries of one map restored from a snapshot and not decoded yet: a chunk as the snapshot holds it (its
 * `[key, value][]`, V8-serialized and gzipped, and its keys alone, the same way). A restart puts only the keys
 * into the map and leaves the values here, so it costs the keys, not the ~100 MB of objects 50,000 waiting cases
 * decode into (and the garbage collection that decoding caused); the first access to an entry decodes the
 * chunk ({@link decodeColdChunk}) and takes that entry out of it. After each snapshot, the entries nobody
 * touched go back into the chunks just written (CaptureMap.recool).
 */
export interface ColdChunk {
  /**
   * `[key, value][]`, V8-serialized and gzipped, exactly as the snapshot file holds it. Right after a restore a
   * view into the file's buffer; replaced by a copy of its own the first time a snapshot carries it
   * ({@link ownChunkBytes}).
   */
  entries: Uint8Array;
  /** The chunk's keys (`unknown[]`), V8-serialized and gzipped, as the file holds them (a view, like `entries`). */
  keys: Uint8Array;
  /** How many entries it holds. */
  readonly size: number;
  /** The chunk's numbers for its field's summarizer (see SUMMARIES in state-capture), as the file holds them. */
  summary?: Uint8Array;
  /**
   * The chunk's keys, decoded (the same strings the map holds), when the engine has them at hand: a capture
   * carrying the chunk over then need not decode {@link keys} again.
   */
  readonly keyList?: readonly unknown[];
  /**
   * Entries of the chunk still cold and unchanged in the map. While it equals {@link size}, the bytes above are
   * still exactly what the map holds, so a new snapshot can carry them over without decoding them; below it, a
   * snapshot carries them with the list of entries to skip.
   */
  cold: number;
}

/** The decoded `[key, value][]` of a cold chunk, with the strings of each value shared (as live processing shares them). */
export function decodeColdChunk(chunk: ColdChunk): [unknown, unknown][] {
  const entries = deserialize(gunzipSync(chunk.entries)) as unknown;
  if (!Array.isArray(entries) || entries.length !== chunk.size) {
    throw new Error(`Expected a snapshot chunk of ${chunk.size} entries, but it decodes to ${Array.isArray(entries) ? entries.length : typeof entries}`);
  }
  // One pool per chunk: it lives only while the chunk is decoded, so it cannot grow with the state.
  const strings = new StringPool();
  for (let i = 0; i < entries.length; i++) entries[i] = strings.pool(entries[i] as [unknown, unknown]);
  return entries as [unknown, unknown][];
}

/** The keys of a cold chunk, in its order. */
export function coldChunkKeys(chunk: Pick<ColdChunk, 'keys'>): unknown[] {
  const keys = deserialize(gunzipSync(chunk.keys)) as unknown;
  if (!Array.isArray(keys)) throw new Error('Expected the keys of a snapshot chunk to be a list');
  return keys;
}

/**
 * Give the chunk's bytes buffers of their own, once. Node's deserializer hands out byte arrays as views into the
 * whole snapshot payload, and a chunk crosses to the snapshot writer thread by structured clone, which copies a
 * view's entire buffer: every chunk the first snapshot after a restart carried over copied the whole file
 * (measured: 4.6 s of the engine thread at 50,000 waiting cases, against ~0.1 s for the same snapshot before the
 * restart). Done here rather than at the restore, which would pay for every chunk whether carried or not.
 */
export function ownChunkBytes(chunk: ColdChunk): void {
  chunk.entries = ownBytes(chunk.entries);
  chunk.keys = ownBytes(chunk.keys);
  if (chunk.summary) chunk.summary = ownBytes(chunk.summary);
}

function ownBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}
