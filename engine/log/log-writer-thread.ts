/**
 * The log's writer thread. It owns the only write connection: it deflates each batch, inserts it and waits
 * for the fsync, so the engine thread never blocks on the disk. Requests that queued up while a transaction
 * was syncing are drained and written together — one fsync for all of them (group commit) — and only then
 * is the highest id among them reported durable.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { openLogDatabase } from './log-schema';
import { deflateBatch } from './spliced-deflate';
import type { MessagePort } from 'node:worker_threads';
import type { DurableBatch, WriteRequest, WriterReply, WriterRequest } from './log-writer-messages';

const port = parentPort!;
const db = openLogDatabase((workerData as { file: string }).file);
const insertBatch = db.prepare('INSERT INTO batches (first_position, last_position, records) VALUES (?, ?, ?)');
const insertDefinition = db.prepare('INSERT INTO definitions (position, value_type, intent, record) VALUES (?, ?, ?, ?)');
const writeAll = db.transaction((requests: WriteRequest[]) => {
  for (const request of requests) {
    // Records are repetitive JSON: fast deflate shrinks a batch ~25x, which makes insert and fsync cheap. Big
    // values come deflated already and are spliced in (spliced-deflate.ts).
    insertBatch.run(request.firstPosition, request.lastPosition, deflateBatch(request.json, request.pieces));
    for (const row of request.definitions) insertDefinition.run(...row);
  }
});
let failed: string | undefined;
let exportPort: MessagePort | undefined;

function reply(message: WriterReply): void {
  port.postMessage(message);
}

function handle(first: WriterRequest): void {
  const writes: WriteRequest[] = [];
  let close = false;
  for (let request: WriterRequest | undefined = first; request; ) {
    if (request.kind === 'close') close = true;
    else if (request.kind === 'export-port') exportPort = request.port;
    else if (request.kind === 'resume') failed = undefined;
    else writes.push(request);
    const next = receiveMessageOnPort(port) as { message: WriterRequest } | undefined;
    request = next?.message;
  }
  if (writes.length > 0) {
    const throughId = writes[writes.length - 1].id;
    let durable: DurableBatch[] = [];
    if (failed === undefined) {
      try {
        writeAll(writes);
        // Copied before the reply: the engine thread reuses the shared buffer once it hears "durable". Big pieces
        // are memory nobody writes again: they go along uncopied, and the exporter joins them in.
        if (exportPort) {
          durable = writes.map((write) => ({
            firstPosition: write.firstPosition,
            lastPosition: write.lastPosition,
            json: new Uint8Array(write.json),
            pieces: write.pieces && write.pieces.length > 0 ? write.pieces.map(({ at, utf8 }) => ({ at, utf8 })) : undefined,
            itemEnds: write.itemEnds && new Uint32Array(write.itemEnds),
          }));
        }
      } catch (error) {
        // Nothing after a failed batch may be written: positions would have a hole.
        failed = error instanceof Error ? error.message : String(error);
      }
    }
    reply(failed === undefined ? { kind: 'durable', throughId } : { kind: 'failed', throughId, message: failed });
    for (const batch of durable) {
      exportPort!.postMessage(batch, batch.itemEnds ? [batch.json.buffer as ArrayBuffer, batch.itemEnds.buffer as ArrayBuffer] : [batch.json.buffer as ArrayBuffer]);
    }
  }
  if (close) {
    exportPort?.close();
    db.close();
    reply({ kind: 'closed' });
    port.close();
  }
}

port.on('message', handle);
