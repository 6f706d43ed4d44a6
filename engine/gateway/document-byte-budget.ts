import { EngineRejection } from '../api';

/**
 * Bytes of request documents (REST JSON bodies, gRPC `variables` documents) one caller may send per second
 * (`ONEGO_DOCUMENT_BYTES_PER_CALLER_PER_SECOND`, default 8 MiB; 0 turns the budget off). A valid document near
 * the 4 MB limit still costs the engine thread tens of milliseconds (parsing it, writing its JSON once, escaping
 * it into the log, collecting it again), so four clients of one clerk sending such documents back to back held
 * the engine thread most of the time and everybody else waited (issue 13). Each caller may send two such
 * documents a second, and one at any time after a pause: forms sent by people never come near it, and a
 * caller past it gets 429 / RESOURCE_EXHAUSTED before its document is even parsed. Each gateway (REST, gRPC)
 * keeps its own buckets; callers are the signed-in users (`--auth none` has none to tell apart).
 */
export const DOCUMENT_BYTES_PER_CALLER_PER_SECOND = 8 * 1024 * 1024;

/** The setting as the environment gives it now (read when a gateway starts), else the default. */
export function documentBytesPerCallerPerSecond(): number {
  return readBytesSetting('ONEGO_DOCUMENT_BYTES_PER_CALLER_PER_SECOND', DOCUMENT_BYTES_PER_CALLER_PER_SECOND);
}

/** Callers remembered at most; the idle ones (full buckets) are forgotten first. */
const MAX_CALLERS = 10_000;

function readBytesSetting(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`Expected ${name} to be a whole number of bytes (0 = off), but it is '${text}'`);
  return value;
}

/** The refusal's wording, in English and Chinese, naming the setting. */
export function documentBudgetMessage(bytesPerSecond: number): string {
  return (
    `Expected at most ${bytesPerSecond} bytes of request documents per second from one caller (ONEGO_DOCUMENT_BYTES_PER_CALLER_PER_SECOND), but this caller sent more; retry in a moment. / ` +
    `同一调用方每秒提交的请求数据超过 ${bytesPerSecond} 字节（ONEGO_DOCUMENT_BYTES_PER_CALLER_PER_SECOND），请稍后重试。`
  );
}

/**
 * A token bucket per caller: it holds up to one second's bytes and refills continuously. A document larger than
 * a whole second's budget is still let through when the bucket is full (the size limits bound it), and leaves
 * the bucket in debt, so the next ones wait.
 */
export class DocumentByteBudget {
  private readonly buckets = new Map<string, { bytes: number; at: number }>();

  constructor(
    readonly bytesPerSecond = documentBytesPerCallerPerSecond(),
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes `bytes` from `caller`'s bucket; false (nothing taken) when the bucket does not hold them yet. */
  take(caller: string, bytes: number): boolean {
    if (this.bytesPerSecond === 0 || bytes === 0) return true;
    const now = this.now();
    const bucket = this.buckets.get(caller);
    const available = bucket ? Math.min(this.bytesPerSecond, bucket.bytes + ((now - bucket.at) * this.bytesPerSecond) / 1000) : this.bytesPerSecond;
    if (available < bytes && available < this.bytesPerSecond) {
      if (bucket) {
        bucket.bytes = available;
        bucket.at = now;
      }
      return false;
    }
    if (!bucket && this.buckets.size >= MAX_CALLERS) this.forgetIdle(now);
    this.buckets.set(caller, { bytes: available - bytes, at: now });
    return true;
  }

  /** Like {@link take}, but refuses with RESOURCE_EXHAUSTED naming the setting. */
  takeOrRefuse(caller: string, bytes: number): void {
    if (!this.take(caller, bytes)) throw new EngineRejection('RESOURCE_EXHAUSTED', documentBudgetMessage(this.bytesPerSecond));
  }

  private forgetIdle(now: number): void {
    for (const [caller, bucket] of this.buckets) {
      if (bucket.bytes + ((now - bucket.at) * this.bytesPerSecond) / 1000 >= this.bytesPerSecond) this.buckets.delete(caller);
    }
    if (this.buckets.size >= MAX_CALLERS) this.buckets.clear();
  }
}
