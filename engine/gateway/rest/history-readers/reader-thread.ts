/**
 * A history reader thread: its own read-only connection to `history.sqlite` answers searches, gets and
 * statistics (by name, see `read-registry.ts`), so a long query holds this thread and never the engine's.
 */
import Database from 'better-sqlite3';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { sqlGet, sqlSearch } from '../../../history/sql-search';
import { HttpProblem } from '../problem';
import { READ_FUNCTIONS, SEARCH_SPECS, type ReadReply, type ReadRequest } from './read-registry';

const { historyFile, nice } = workerData as { historyFile: string; nice: number };

/**
 * Lower this thread's scheduling priority (Linux: `setpriority` takes a thread id, read here from
 * `/proc/thread-self`), so that on a busy machine the engine thread — health, topology, commands — gets the
 * CPU before a long search does (issue 13: a second client's topology p99 was 236 ms with 50 searches at
 * load 15). Elsewhere, or without the right, the thread keeps its priority.
 */
function lowerPriority(): void {
  if (process.platform !== 'linux' || nice === 0) return;
  try {
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), nice);
  } catch {
    // not permitted or not Linux: searches simply compete as equals
  }
}
lowerPriority();
const db = new Database(historyFile, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 10000');
// Readers share the OS page cache with the exporter; a modest cache of their own keeps hot index pages.
db.pragma('cache_size = -8192');

function run(request: ReadRequest): unknown {
  switch (request.op) {
    case 'search':
      return sqlSearch(db, SEARCH_SPECS[request.name], request.body, request.extra);
    case 'get':
      return sqlGet(db, SEARCH_SPECS[request.name], request.key);
    case 'call':
      return READ_FUNCTIONS[request.name](db, ...request.args);
  }
}

parentPort!.on('message', (request: ReadRequest | 'close') => {
  if (request === 'close') {
    db.close();
    process.exit(0);
  }
  let reply: ReadReply;
  try {
    reply = { id: request.id, ok: true, value: run(request) };
  } catch (error) {
    const problem = error instanceof HttpProblem ? { status: error.status, title: error.title, detail: error.message } : undefined;
    reply = { id: request.id, ok: false, problem, message: (error as Error).message ?? String(error) };
  }
  parentPort!.postMessage(reply);
});
