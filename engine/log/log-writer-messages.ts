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
  /** Definition events copied to the side table, each as `[position, valueType, intent, recordJson]`. */
  definitions: [number, string, string, string][];
}

/** Ask the thread to finish what it has and close its connection. */
export interface CloseRequest {
  kind: 'close';
}

export type WriterRequest = WriteRequest | CloseRequest;

/** What the writer thread answers. */
export type WriterReply =
  | { kind: 'durable'; throughId: number }
  | { kind: 'failed'; throughId: number; message: string }
  | { kind: 'closed' };
