// Requests that await a process instance's result (CreateProcessInstanceWithResult): each rides on its CREATE
// command, is registered once the instance exists, and is settled when the instance ends, times out or the
// engine closes.
import { EngineRejection, type Key, type ProcessInstanceCreated, type ProcessInstanceResult } from './api';
import type { ProcessInstanceResultValue } from './processing/processing-context';

/** One request waiting for an instance's result. */
interface ResultWaiter {
  resolve(result: ProcessInstanceResult): void;
  reject(error: Error): void;
  fetchVariables?: string[];
  settled: boolean;
}

/** The hidden property that carries a waiter on its command value (never written to the log). */
const WAITER = Symbol('resultWaiter');

/** The waiting requests by process instance key. */
export class ProcessResultWaiters {
  private readonly waiters = new Map<Key, ResultWaiter>();

  /**
   * Submit a CREATE_WITH_AWAITING_RESULT command built by `buildValue` and resolve with the instance's
   * result, or reject when the command is rejected, the instance is terminated, or `requestTimeoutMs` passes
   * (the instance keeps running then).
   */
  awaitResult(
    buildValue: () => Record<string, unknown>,
    fetchVariables: string[] | undefined,
    requestTimeoutMs: number,
    submit: (value: Record<string, unknown>) => Promise<ProcessInstanceCreated>,
  ): Promise<ProcessInstanceResult> {
    return new Promise<ProcessInstanceResult>((resolve, reject) => {
      let value: Record<string, unknown>;
      try {
        value = buildValue();
      } catch (error) {
        reject(error);
        return;
      }
      const waiter: ResultWaiter = { resolve, reject, fetchVariables, settled: false };
      Object.defineProperty(value, WAITER, { value: waiter, enumerable: false });
      // A request deadline, not element logic: it is wall-clock time on purpose.
      const timer = setTimeout(() => {
        if (waiter.settled) return;
        waiter.settled = true;
        for (const [key, w] of this.waiters) if (w === waiter) this.waiters.delete(key);
        reject(new EngineRejection('PROCESSING_ERROR', `Expected the process instance to complete within ${requestTimeoutMs} ms, but it did not (DEADLINE_EXCEEDED); it keeps running`));
      }, Math.max(1, requestTimeoutMs));
      timer.unref();
      const wrappedResolve = waiter.resolve;
      waiter.resolve = (result) => {
        clearTimeout(timer);
        wrappedResolve(result);
      };
      submit(value).catch((error) => {
        clearTimeout(timer);
        if (!waiter.settled) {
          waiter.settled = true;
          reject(error);
        }
      });
    });
  }

  /** The instance was created by a command carrying a waiter: remember the waiter under its key. */
  register(processInstanceKey: Key, commandValue: unknown): void {
    const waiter = (commandValue as { [WAITER]?: ResultWaiter })[WAITER];
    if (waiter) this.waiters.set(processInstanceKey, waiter);
  }

  /** What the waiter of an instance wants back, if one waits for it. */
  awaiting(processInstanceKey: Key): { fetchVariables?: string[] } | undefined {
    const waiter = this.waiters.get(processInstanceKey);
    return waiter ? { fetchVariables: waiter.fetchVariables } : undefined;
  }

  /**
   * The instance ended (`result` undefined: terminated): forget its waiter and return the settling to run
   * after the batch commits, if one waits.
   */
  take(processInstanceKey: Key, result: ProcessInstanceResultValue | undefined): (() => void) | undefined {
    const waiter = this.waiters.get(processInstanceKey);
    if (!waiter) return undefined;
    this.waiters.delete(processInstanceKey);
    return () => settle(waiter, processInstanceKey, result);
  }

  /**
   * Live state was rebuilt after a failed log write (issue 13): waiters of instances that were never written
   * (`exists` says no) are rejected and forgotten; their callers were told of the failure already.
   */
  rejectUnwritten(exists: (processInstanceKey: Key) => boolean): void {
    for (const [key, waiter] of this.waiters) {
      if (exists(key)) continue;
      this.waiters.delete(key);
      if (!waiter.settled) {
        waiter.settled = true;
        waiter.reject(new EngineRejection('RESOURCE_EXHAUSTED', `Expected to await process instance '${key}', but its creation was never written to the record log`));
      }
    }
  }

  /** The engine is closing: every waiter still open is rejected. */
  rejectAll(): void {
    for (const [key, waiter] of this.waiters) {
      if (!waiter.settled) {
        waiter.settled = true;
        waiter.reject(new EngineRejection('RESOURCE_EXHAUSTED', `Expected to await process instance '${key}', but the engine is closing`));
      }
    }
    this.waiters.clear();
  }
}

/** Answer a waiter with the ended instance's result, or reject it if the instance was terminated. */
function settle(waiter: ResultWaiter, processInstanceKey: Key, result: ProcessInstanceResultValue | undefined): void {
  if (waiter.settled) return;
  waiter.settled = true;
  if (!result) {
    waiter.reject(new EngineRejection('INVALID_STATE', `Expected process instance '${processInstanceKey}' to complete, but it was terminated`));
    return;
  }
  waiter.resolve({
    processDefinitionKey: result.processDefinitionKey,
    bpmnProcessId: result.bpmnProcessId,
    version: result.version,
    processInstanceKey,
    tenantId: result.tenantId,
    variables: result.variables,
  });
}
