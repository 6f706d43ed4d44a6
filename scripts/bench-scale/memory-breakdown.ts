import { kill } from 'node:process';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where an engine process's resident memory is, read from outside: `/proc/PID/smaps` split into file-backed
 * pages (the Node binary and libraries, SQLite's memory-mapped databases) and anonymous ones, and Node's
 * diagnostic report (written on SIGUSR2 when the engine runs with `--report-on-signal`) for the JavaScript
 * heap of the engine thread and of every worker thread. What is anonymous but in no JavaScript heap is native:
 * malloc (SQLite's page caches, zlib, gRPC and HTTP buffers, ArrayBuffers), thread stacks, fragmentation.
 */
export interface MemoryBreakdown {
  rssBytes: number;
  /** Resident pages of files mapped by path, grouped: `node`, `*.sqlite` files, `libraries`, `other files`. */
  files: Record<string, number>;
  /** Resident anonymous pages (including `[heap]` and stacks). */
  anonymousBytes: number;
  /** The brk heap (glibc's main malloc arena). */
  brkHeapBytes: number;
  /** One line per thread from the report (absent when no report came). */
  threads?: ThreadHeap[];
}

/** A thread's JavaScript heap as Node's report gives it. */
export interface ThreadHeap {
  /** `main`, or `worker N` with its thread id. */
  label: string;
  /** Memory the heap has committed (resident or not). */
  committedBytes: number;
  usedBytes: number;
  /** Memory V8 itself allocated with malloc for this isolate. */
  mallocedBytes: number;
  /** Memory held outside the heap by objects of this isolate (Buffers, ArrayBuffers) as V8 knows it. */
  externalBytes: number;
}

interface ReportHeap {
  totalCommittedMemory: number;
  usedMemory: number;
  mallocedMemory: number;
  externalMemory: number;
}

interface Report {
  header: { threadId?: number };
  javascriptHeap: ReportHeap;
  workers?: Report[];
}

/** Node flags that let {@link memoryBreakdown} ask the engine for its report. */
export function memoryReportFlags(reportDir: string): string[] {
  return ['--report-on-signal', '--report-signal=SIGUSR2', `--report-directory=${reportDir}`, '--report-compact'];
}

async function readSmaps(pid: number): Promise<Omit<MemoryBreakdown, 'threads'>> {
  const text = await readFile(`/proc/${pid}/smaps`, 'utf8');
  const files: Record<string, number> = {};
  let anonymousBytes = 0;
  let brkHeapBytes = 0;
  let rssBytes = 0;
  let path = '';
  for (const line of text.split('\n')) {
    // A mapping's header: address range, permissions, offset, device, inode, then its path if any.
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \d+\s*(.*)$/.exec(line);
    if (header) {
      path = header[1];
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (!rss) continue;
    const bytes = Number(rss[1]) * 1024;
    rssBytes += bytes;
    if (path === '[heap]') brkHeapBytes += bytes;
    if (!path.startsWith('/')) {
      anonymousBytes += bytes;
      continue;
    }
    const group = /\/node$/.test(path) ? 'node' : /\.sqlite(-shm)?$/.test(path) ? 'sqlite files' : /\.so(\.|$)/.test(path) ? 'libraries' : 'other files';
    files[group] = (files[group] ?? 0) + bytes;
  }
  return { rssBytes, files, anonymousBytes, brkHeapBytes };
}

function heapOf(label: string, heap: ReportHeap): ThreadHeap {
  return {
    label,
    committedBytes: heap.totalCommittedMemory,
    usedBytes: heap.usedMemory,
    mallocedBytes: heap.mallocedMemory,
    externalBytes: heap.externalMemory,
  };
}

/** Ask the engine for a report (SIGUSR2) and wait up to `waitMs` for it; undefined if none came. */
async function takeReport(pid: number, reportDir: string, waitMs: number): Promise<Report | undefined> {
  const before = new Set(await readdir(reportDir).catch(() => [] as string[]));
  kill(pid, 'SIGUSR2');
  const until = performance.now() + waitMs;
  while (performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const fresh = (await readdir(reportDir).catch(() => [] as string[])).filter((name) => !before.has(name) && name.endsWith('.json'));
    if (fresh.length === 0) continue;
    const file = join(reportDir, fresh[0]);
    try {
      const report = JSON.parse(await readFile(file, 'utf8')) as Report;
      await rm(file, { force: true });
      return report;
    } catch {
      // Still being written: try again.
    }
  }
  return undefined;
}

/** The breakdown of `pid`'s memory now; with `reportDir` (engine started with {@link memoryReportFlags}) per thread too. */
export async function memoryBreakdown(pid: number, reportDir?: string): Promise<MemoryBreakdown> {
  const report = reportDir ? await takeReport(pid, reportDir, 10_000) : undefined;
  const smaps = await readSmaps(pid);
  if (!report) return smaps;
  const threads = [heapOf('main', report.javascriptHeap)];
  for (const worker of report.workers ?? []) threads.push(heapOf(`worker ${worker.header.threadId ?? '?'}`, worker.javascriptHeap));
  return { ...smaps, threads };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** The breakdown in a few lines, for the benchmark's log. */
export function formatBreakdown(title: string, m: MemoryBreakdown): string {
  const lines = [`${title}: RSS ${mb(m.rssBytes)} = anonymous ${mb(m.anonymousBytes)} (brk heap ${mb(m.brkHeapBytes)}) + ${Object.entries(m.files).map(([k, v]) => `${k} ${mb(v)}`).join(' + ')}`];
  if (m.threads) {
    const committed = m.threads.reduce((sum, t) => sum + t.committedBytes, 0);
    lines.push(`  JS heaps committed ${mb(committed)}; anonymous outside them (malloc, stacks) ~${mb(m.anonymousBytes - committed)}`);
    for (const t of m.threads) {
      lines.push(`  ${t.label.padEnd(9)} heap committed ${mb(t.committedBytes)} · used ${mb(t.usedBytes)} · V8 malloc ${mb(t.mallocedBytes)} · external ${mb(t.externalBytes)}`);
    }
  }
  return lines.join('\n');
}
