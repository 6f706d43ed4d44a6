import { joinBatch, type SplicedPiece } from './spliced-deflate';

/** One group of records for the writer thread: the JSON bytes of the batch plus its side-table rows. */
export interface WriteRequest {
  kind: 'write';
  /** Increasing per writer; the thread answers with the highest id it has made durable. */
  id: number;
  firstPosition: number;
  lastPosition: number;
  /**
   * UTF-8 JSON array of the records. It may be a view on shared memory that the engine thread reuses after the
   * reply, so the thread must be done reading it before it answers.
   */
  json: Uint8Array;
  /**
   * Big pieces of the JSON left out of `json` (BatchEncoder.encodeSpliced): the batch's JSON is `json` with each
   * inserted at its `at`. Their bytes are shared memory nobody writes again, so they may be read after the reply.
   */
  pieces?: SplicedPiece[];
  /** Where each record's JSON ends in the batch's JSON, pieces included ({@link BatchEncoder.itemEnds}); shared like `json`. */
  itemEnds?: Uint32Array;
  /** Definition events copied to the side table, each as `[position, valueType, intent, recordJson]`. */
  definitions: [number, string, string, string][];
}

/** Ask the thread to finish what it has and close its connection. */
export interface CloseRequest {
  kind: 'close';
}

/**
 * From now on, post a copy of every durable batch's JSON to `port` (the history exporter's thread), so it need
 * not read and inflate what was just written. Best effort: the exporter reads the log for anything it missed.
 */
export interface ExportPortRequest {
  kind: 'export-port';
  port: import('node:worker_threads').MessagePort;
}

/** A durable batch as the exporter thread receives it from the writer thread. */
export interface DurableBatch {
  firstPosition: number;
  lastPosition: number;
  /** The batch's JSON, without its {@link pieces} when it has some: read it with {@link durableJson}. */
  json: Uint8Array;
  /**
   * Big pieces of the JSON left out of `json`, in shared memory (see {@link WriteRequest.pieces}): joined in by
   * the exporter's thread, which runs below the engine's priority, not by the writer thread, whose next commit
   * would wait for a 12 MB copy.
   */
  pieces?: SplicedPiece[];
  /** Where each record's JSON ends in the batch's JSON, when the log knew it: the exporter parses only what it needs. */
  itemEnds?: Uint32Array;
}

/** The whole JSON of a handed-over batch, its pieces joined in. */
export function durableJson(batch: DurableBatch): Buffer {
  const json = batch.pieces && batch.pieces.length > 0 ? joinBatch(batch.json, batch.pieces) : batch.json;
  return Buffer.from(json.buffer, json.byteOffset, json.byteLength);
}

/** Bytes of a handed-over batch's whole JSON. */
export function durableBytes(batch: DurableBatch): number {
  let bytes = batch.json.byteLength;
  for (const piece of batch.pieces ?? []) bytes += piece.utf8.byteLength;
  return bytes;
}

/**
 * Take batches again after a failed one (issue 13): the engine rebuilt its state from what is durable, and the
 * positions it hands in next follow the last durable batch, so writing on leaves no hole.
 */
export interface ResumeRequest {
  kind: 'resume';
}

export type WriterRequest = WriteRequest | CloseRequest | ExportPortRequest | ResumeRequest;

/** What the writer thread answers. */
export type WriterReply =
  | { kind: 'durable'; throughId: number }
  | { kind: 'failed'; throughId: number; message: string }
  | { kind: 'closed' };
