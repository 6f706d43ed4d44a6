import { readdir, readFile } from 'node:fs/promises';

/**
 * CPU time of each thread of another process (Linux `/proc/PID/task/TID/stat`), to say where an engine's CPU
 * goes: its main thread (the thread id equal to the process id) against the rest (log writer, exporter,
 * V8's garbage-collection helpers shared by every isolate, libuv's pool). Thread names do not help, Node
 * names every thread `node`. Empty when the process is gone or this is not Linux.
 */
export async function threadCpuSecondsOf(pid: number): Promise<Map<number, number>> {
  const threads = new Map<number, number>();
  const tids = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  for (const tid of tids) {
    const stat = await readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.length > 13) threads.set(Number(tid), (Number(fields[11]) + Number(fields[12])) / 100);
  }
  return threads;
}

/**
 * The main thread's CPU seconds and the other threads' together, between two readings of
 * {@link threadCpuSecondsOf}, and the busiest other thread's alone: with history on, the exporter thread
 * (the log writer and V8's helpers spend a fraction of it), so what the exporter costs per instance is read
 * directly instead of from the difference of two noisy runs.
 */
export function mainThreadShare(pid: number, before: Map<number, number>, after: Map<number, number>): { main: number; others: number; busiestOther: number } {
  let main = 0;
  let others = 0;
  let busiestOther = 0;
  for (const [tid, seconds] of after) {
    const spent = seconds - (before.get(tid) ?? 0);
    if (tid === pid) main += spent;
    else {
      others += spent;
      busiestOther = Math.max(busiestOther, spent);
    }
  }
  return { main, others, busiestOther };
}
