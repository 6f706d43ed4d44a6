/**
 * An isolation thread: work a caller can make long — parsing and validating a deployment, evaluating a FEEL
 * expression sent in a request — runs here, so it holds this thread and never the engine's (issue 13).
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { evaluateProperty } from '../feel';
import { checkDeployment } from './deployment-check';
import { splitJson } from './json-body-split';
import type { WorkReply, WorkRequest } from './work-messages';

const { nice } = workerData as { nice: number };

/**
 * Run below the engine thread's priority (Linux takes a thread id for `setpriority`, read from
 * `/proc/thread-self`), so on a busy machine health, topology and commands get the CPU first.
 */
function lowerPriority(): void {
  if (process.platform !== 'linux' || nice === 0) return;
  try {
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), nice);
  } catch {
    // not permitted: the work competes as an equal, still off the engine thread
  }
}
lowerPriority();

async function run(request: WorkRequest): Promise<unknown> {
  switch (request.op) {
    case 'evaluate-expression':
      // Off the engine thread, the FEEL time budget is ONEGO_FEEL_MAX_MILLIS (see evaluation-budget.ts).
      return evaluateProperty(request.expression, {}, { now: request.now });
    case 'check-deployment':
      return checkDeployment(request.resources);
    case 'split-json':
      return splitJson(request);
  }
}

parentPort!.on('message', (request: WorkRequest | 'close') => {
  if (request === 'close') {
    parentPort!.close();
    return;
  }
  run(request).then(
    (value) => parentPort!.postMessage({ id: request.id, ok: true, value } satisfies WorkReply),
    (error: unknown) => parentPort!.postMessage({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies WorkReply),
  );
});
