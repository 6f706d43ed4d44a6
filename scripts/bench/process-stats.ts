import { readFile } from 'node:fs/promises';

/**
 * What a benchmark reads about a process on Linux: CPU time from `/proc/PID/stat`, memory from
 * `/proc/PID/status`. Each answers NaN when the process is gone or the file is not there (not Linux).
 */

/** CPU time (user + system) a process has used so far, in seconds (clock ticks of 1/100 s). */
export async function cpuSecondsOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Fields after the parenthesised command name: state is field 3, utime 14 and stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields.length > 13 ? (Number(fields[11]) + Number(fields[12])) / 100 : NaN;
}

/** CPU seconds of this process so far. */
export function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

async function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
  return match ? Number(match[1]) * 1024 : NaN;
}

/** Peak resident set of another process (`VmHWM`), in bytes. */
export function peakRssOf(pid: number): Promise<number> {
  return statusField(pid, 'VmHWM');
}

/** Resident set of another process right now (`VmRSS`), in bytes. */
export function rssOf(pid: number): Promise<number> {
  return statusField(pid, 'VmRSS');
}
