/**
 * The history exporter's thread. It reads committed batches from the record log over its own read-only
 * connection, in order, and writes history rows plus the exported position in one transaction per run of
 * batches. The engine thread only posts "committed up to P"; it never waits for this thread. Where history
 * starts (its stored position) and where the log ends are read at start, so a crash or restart just resumes.
 */
import Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { inflateRawSync } from 'node:zlib';
import type { EngineRecord } from '../api';
import { readArchivedBatches } from '../log/log-archive';
import { LOG_CACHE_KB } from '../log/log-schema';
import { durableBytes, durableJson, type DurableBatch } from '../log/log-writer-messages';
import type { ExporterReply, ExporterRequest } from './exporter-messages';
import { HISTORY_SCHEMA_VERSION, openHistoryDatabase } from './history-schema';
import { HistoryWriter } from './history-writer';
import { RecordSelection } from './record-selection';
import { currentThreadId } from './thread-priority';

const port = parentPort!;
const { logFile, historyFile, batches } = workerData as { logFile: string; historyFile: string; batches?: MessagePort };
/** Log rows (batches) read per history transaction: big enough to amortise the commit, small enough to stay responsive. */
const BATCHES_PER_TRANSACTION = 64;
const PROGRESS_EVERY_MS = 1000;
/** Records behind from which a catch-up reports its progress. */
const LONG_CATCH_UP = 100_000;
/** Most bytes of handed-over batches kept while behind; beyond it they are dropped and the log is read instead. */
const MAX_HANDED_OVER_BYTES = 64 * 1024 * 1024;
/**
 * A busy engine commits every few milliseconds; a history transaction per commit costs twice the CPU per case
 * of one per two thousand records (each commit rewrites the same index pages into the WAL). So while records
 * keep coming (the last transaction is less than {@link GATHER_MS} old) the thread gathers them until this many
 * are waiting, or until the oldest has waited {@link GATHER_MS}, unless a reader waits for them (a `flush`) or
 * history is catching up anyway. The first records after a quiet spell are written at once. Measured with
 * `scripts/bench-history/exporter-cost.ts` on a 20,000 + 10,000-case log: 0.29 ms CPU per case at 2,000
 * records a transaction, 0.25–0.26 ms at 6,000. The wait stays at 100 ms: with 150 ms the exporter lag p99 of
 * `bench:scale` (20,000 + 50,000, load average 7–10 from other sessions) reached 1.0 s, at the 1 s target.
 */
const GATHER_RECORDS = 5000;
const GATHER_MS = 100;

function reply(message: ExporterReply): void {
  port.postMessage(message);
}

/**
 * Opens history; a file written by an older schema is dropped and rebuilt from the log. The version is read
 * before the schema is applied, so an old file's tables do not get the new indexes built only to be dropped.
 */
function openHistory(): Database.Database {
  if (existsSync(historyFile)) {
    const old = new Database(historyFile, { fileMustExist: true });
    let stored: { version: number } | undefined;
    try {
      old.pragma('busy_timeout = 10000');
      const hasTable = old.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'exporter_position'").get();
      stored = hasTable ? (old.prepare('SELECT schema_version AS version FROM exporter_position WHERE id = 1').get() as { version: number } | undefined) : undefined;
    } finally {
      old.close();
    }
    if (stored && stored.version !== HISTORY_SCHEMA_VERSION) for (const suffix of ['', '-wal', '-shm']) rmSync(historyFile + suffix, { force: true });
  }
  return openHistoryDatabase(historyFile);
}

const log = new Database(logFile, { readonly: true, fileMustExist: true });
log.pragma('busy_timeout = 10000');
// The log is read in order, each page once (and mostly not at all: batches come over from the writer thread).
log.pragma(`cache_size = -${LOG_CACHE_KB}`);
const history = openHistory();
const writer = new HistoryWriter(history);
const selection = new RecordSelection();
// From the batch holding position P + 1 on, found through the primary key (never a scan of the whole log).
const selectBatches = log.prepare(
  `SELECT last_position AS last, records FROM batches
    WHERE first_position >= (SELECT COALESCE(MAX(first_position), 0) FROM batches WHERE first_position <= ? + 1)
    ORDER BY first_position LIMIT ?`,
);
const selectLiveFirst = log.prepare('SELECT MIN(first_position) AS first FROM batches');
/** Positions below the live file's first batch were moved to `archive/` by retention: a rebuild reads them there. */
const archived = (position: number) => position < ((selectLiveFirst.get() as { first: number | null }).first ?? Number.MAX_SAFE_INTEGER);
/**
 * Where the log ends: the last batch's last position, found through the primary key. The log's batches are
 * contiguous (RecordLog checks it on open), so the batch that starts last also ends last; `MAX(last_position)`
 * read every batch row instead (last_position has no index), 100–200 ms at 1,000,000 cases on the thread that
 * starts beside the engine's restore.
 */
const logEnd = () => (log.prepare('SELECT last_position AS last FROM batches ORDER BY first_position DESC LIMIT 1').get() as { last: number } | undefined)?.last ?? 0;

let target = logEnd();
let rebuilding = writer.position === 0 && target > 0;
let pumping = false;
let closing = false;
let failed = false;
let lastProgress = 0;
/** A reader waits for history to reach this position: export it without gathering. */
let flushThrough = 0;
/** When the oldest record not yet exported arrived, while gathering (undefined when caught up). */
let waitingSince: number | undefined;
let wake: NodeJS.Timeout | undefined;
/** When the last history transaction was written (0: none yet). */
let lastWriteAt = 0;
/**
 * Durable batches the log's writer thread handed over (already JSON, not yet deflated): when the next one is
 * the one history needs, it is used as it is, sparing a read and an inflate of what was just written.
 */
let handedOver: DurableBatch[] = [];
let handedOverBytes = 0;

/** Most bytes of handed-over JSON one transaction takes. */
const MAX_TRANSACTION_BYTES = 4 * 1024 * 1024;
/**
 * A handed-over batch's records, selected, that a streamed transaction stopped before because one of them needs
 * {@link HistoryWriter.prepare} (a process deployed in it): the next transaction starts with them.
 */
let carried: { records: EngineRecord[]; through: number } | undefined;

/** The records history reads of one handed-over batch, those at or below `after` left out. */
function selectHanded(batch: DurableBatch, after: number): EngineRecord[] {
  const json = durableJson(batch);
  return batch.itemEnds ? selection.selectEncoded(json, batch.itemEnds, after) : selection.select(JSON.parse(json.toString('utf8')) as EngineRecord[], after);
}

/** Forgets handed-over batches history already holds. */
function dropExported(): void {
  while (handedOver.length > 0 && handedOver[0].lastPosition <= writer.position) handedOverBytes -= durableBytes(handedOver.shift()!);
}

/**
 * The handed-over batches that continue history, selected one batch at a time while the transaction applies
 * them (`progress.through`: the last batch yielded). Stops at a batch that needs `prepare`, leaving it
 * {@link carried}, and after {@link MAX_TRANSACTION_BYTES}.
 */
function* handedOverChunks(progress: { through: number }): Generator<EngineRecord[]> {
  let bytes = 0;
  for (const batch of handedOver) {
    if (batch.lastPosition <= progress.through) continue;
    if (batch.firstPosition > progress.through + 1 || bytes >= MAX_TRANSACTION_BYTES) return;
    bytes += durableBytes(batch);
    const records = selectHanded(batch, progress.through);
    if (records.some((record) => writer.needsPrepare(record))) {
      carried = { records, through: batch.lastPosition };
      return;
    }
    progress.through = batch.lastPosition;
    yield records;
  }
}

/**
 * Writes the next transaction: handed-over batches streamed through the writer when they continue history,
 * else the records of {@link nextRecords}. False when there was nothing to write.
 */
async function writeNext(): Promise<boolean> {
  dropExported();
  if (carried === undefined && handedOver.length > 0 && handedOver[0].firstPosition <= writer.position + 1) {
    const start = writer.position;
    const progress = { through: start };
    writer.writeChunks(handedOverChunks(progress), () => progress.through);
    dropExported();
    // Stopped at once by a batch that needs `prepare`: that batch is written below.
    if (progress.through > start || (carried as typeof carried) === undefined) return true;
  }
  const next = carried ?? nextRecords();
  carried = undefined;
  if (!next) return false;
  await writer.prepare(next.records);
  writer.write(next.records, next.through);
  return true;
}

/** The next records history needs, from handed-over batches when they continue history, else from the log. */
function nextRecords(): { records: EngineRecord[]; through: number } | undefined {
  dropExported();
  if (handedOver.length > 0 && handedOver[0].firstPosition <= writer.position + 1) {
    const records: EngineRecord[] = [];
    let through = writer.position;
    let bytes = 0;
    while (handedOver.length > 0 && handedOver[0].firstPosition <= through + 1 && bytes < MAX_TRANSACTION_BYTES) {
      const batch = handedOver.shift()!;
      handedOverBytes -= durableBytes(batch);
      bytes += durableBytes(batch);
      for (const record of selectHanded(batch, writer.position)) records.push(record);
      through = batch.lastPosition;
    }
    return { records, through };
  }
  let rows: { last: number; records: Buffer }[];
  if (archived(writer.position + 1)) {
    rows = readArchivedBatches(dirname(logFile), writer.position + 1, BATCHES_PER_TRANSACTION).map((batch) => ({ last: batch.last_position, records: batch.records }));
    if (rows.length === 0) {
      throw new Error(`position ${writer.position + 1} was archived, but no file in archive/ holds it (restore the archive folder) / 归档文件缺失`);
    }
  } else rows = selectBatches.all(writer.position, BATCHES_PER_TRANSACTION) as { last: number; records: Buffer }[];
  if (rows.length === 0) return undefined;
  const records: EngineRecord[] = [];
  for (const row of rows) {
    for (const record of selection.select(JSON.parse(inflateRawSync(row.records).toString('utf8')) as EngineRecord[], writer.position)) records.push(record);
  }
  return { records, through: rows[rows.length - 1].last };
}

/** Whether to leave the waiting records for a bigger transaction a little later (see {@link GATHER_RECORDS}). */
function gathering(): boolean {
  if (closing || rebuilding || writer.position < flushThrough || target - writer.position >= GATHER_RECORDS) return false;
  const now = Date.now();
  if (now - lastWriteAt >= GATHER_MS) return false;
  waitingSince ??= now;
  const left = GATHER_MS - (now - waitingSince);
  if (left <= 0) return false;
  if (!wake) {
    wake = setTimeout(() => {
      wake = undefined;
      void pump();
    }, left);
  }
  return true;
}

/** The log moved to `position`. */
function moveTarget(position: number): void {
  target = Math.max(target, position);
}

async function pump(): Promise<void> {
  if (pumping || failed) return;
  pumping = true;
  let gathered = false;
  try {
    while (!closing && writer.position < target) {
      gathered = gathering();
      if (gathered) break;
      waitingSince = undefined;
      if (!(await writeNext())) break;
      reply({ kind: 'exported', position: writer.position });
      const now = Date.now();
      lastWriteAt = now;
      // Progress is news only for a rebuild or a long catch-up, not for the ordinary lag of a busy engine.
      if (now - lastProgress >= PROGRESS_EVERY_MS && (rebuilding || target - writer.position > LONG_CATCH_UP) && writer.position < target) {
        lastProgress = now;
        reply({ kind: 'progress', position: writer.position, target });
      }
      // Let "committed" messages in between transactions, so the target moves while catching up.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (writer.position >= target) rebuilding = false;
  } catch (error) {
    failed = true;
    reply({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  } finally {
    pumping = false;
  }
  if (closing) void closeDown();
  // Gathering, the timer (or the next batch) pumps again.
  else if (!failed && !gathered && writer.position < target) void pump();
}

/**
 * Stops: what was gathered but not yet written goes in one last transaction (a stopped engine leaves history
 * complete), while a long catch-up simply resumes from the log on the next start.
 */
let closingDown = false;
async function closeDown(): Promise<void> {
  if (closingDown) return;
  closingDown = true;
  try {
    if (!failed && history.open && writer.position < target && target - writer.position < GATHER_RECORDS) {
      let wrote = await writeNext();
      // A stream that stopped before a new deployment leaves that batch for one more transaction.
      if (carried !== undefined) wrote = (await writeNext()) || wrote;
      if (wrote) reply({ kind: 'exported', position: writer.position });
    }
  } catch (error) {
    reply({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
  finish();
}

function finish(): void {
  if (!history.open) return;
  if (wake) clearTimeout(wake);
  batches?.close();
  history.close();
  log.close();
  reply({ kind: 'closed' });
  port.close();
}

port.on('message', (request: ExporterRequest) => {
  if (request.kind === 'committed') {
    moveTarget(request.position);
    void pump();
  } else if (request.kind === 'flush') {
    flushThrough = Math.max(flushThrough, request.position);
    void pump();
  } else {
    closing = true;
    if (!pumping) void closeDown();
  }
});

batches?.on('message', (batch: DurableBatch) => {
  handedOver.push(batch);
  handedOverBytes += durableBytes(batch);
  if (handedOverBytes > MAX_HANDED_OVER_BYTES) {
    handedOver = [];
    handedOverBytes = 0;
  }
  moveTarget(batch.lastPosition);
  void pump();
});

reply({ kind: 'ready', exported: writer.position, logPosition: target, rebuilding, threadId: currentThreadId() });
void pump();
