// Restart after kill -9 alone, on a copy of a data folder bench:scale loaded (`--data DIR`), so a change to the
// start path is compared without loading again: each run copies the folder afresh (a restart appends a probe
// record), starts `onego engine` on the copy, times it until its ready line and until Topology answers through
// the SDK, reads the engine thread's CPU then, and the phase timings the engine logs at debug level. Not a test.
//   node --import tsx scripts/bench-scale/restart-only.ts DIR [runs] [--cold]
// --cold empties the OS page cache after copying (Linux, as root): the restart reads the folder from disk, as
// after a reboot, or after the kernel reclaimed pages nobody read for a while (this machine's DAMON reclaim
// does that within minutes, so the first restart after a long load found most of the log on disk).
// ONEGO_BENCH_ENGINE_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles each restart.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngineChild } from '../bench/engine-child';
import { cpuSecondsOf } from '../bench/process-stats';
import { benchZeebeClient } from '../bench/sdk-client';
import { threadCpuSecondsOf } from './thread-cpu';

const cold = process.argv.includes('--cold');
const [source, runsArg] = process.argv.slice(2).filter((arg) => arg !== '--cold');
if (!source) throw new Error('usage: restart-only.ts DATA_DIR [runs] [--cold] / 用法：restart-only.ts 数据目录 [次数] [--cold]');
const runs = Number(runsArg ?? 3);

for (let run = 0; run < runs; run++) {
  const copy = mkdtempSync(join(tmpdir(), 'onego-restart-'));
  cpSync(source, copy, { recursive: true });
  if (cold) {
    execFileSync('sync');
    // Throws (EACCES) unless root: a "cold" run that silently ran warm would mislead.
    writeFileSync('/proc/sys/vm/drop_caches', '3');
  }
  process.env.ONEGO_LOG_LEVEL = 'debug';
  const t0 = performance.now();
  const engine = startEngineChild(['--grpc-port', '0', '--rest-port', '0', '--data', copy, '--auth', 'none'], { quiet: true });
  let restored = '(no phase line)';
  let restoredAt = NaN;
  engine.child.stderr!.on('data', (chunk: Buffer | string) => {
    const line = /"time":"([^"]+)"[^\n]*state restored: ([^"\n]*)/.exec(String(chunk));
    if (line) [restoredAt, restored] = [Date.parse(line[1]), line[2]];
  });
  try {
    const ready = await engine.ready;
    const readySeconds = (performance.now() - t0) / 1000;
    // From the end of the restore to the ready line: the gateways and the history exporter starting.
    const afterRestoreSeconds = (Date.now() - restoredAt) / 1000;
    const client = benchZeebeClient(ready.grpc, { retry: false });
    await client.topology();
    const seconds = (performance.now() - t0) / 1000;
    const cpu = await cpuSecondsOf(engine.pid);
    const main = (await threadCpuSecondsOf(engine.pid)).get(engine.pid) ?? NaN;
    await client.close();
    console.log(`restart ${run + 1}${cold ? ' (cold page cache)' : ''}: gateway ${seconds.toFixed(2)} s (ready line ${readySeconds.toFixed(2)} s, ${afterRestoreSeconds.toFixed(2)} s of it after the restore), process CPU ${cpu.toFixed(2)} s, engine thread CPU ${main.toFixed(2)} s; ${restored}`);
  } finally {
    // A profile is written at exit, which kill -9 prevents: stop a profiled engine with SIGTERM.
    if ((process.env.ONEGO_BENCH_ENGINE_NODE_ARGS ?? '').includes('--cpu-prof')) await engine.stop();
    else await engine.kill9();
    rmSync(copy, { recursive: true, force: true });
  }
}
