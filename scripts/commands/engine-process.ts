/**
 * How the engine's Node process is started (package.json's `engine` and `start` scripts, the benchmarks'
 * engine child). Measured with `npm run bench:scale -- --finished 20000 --waiting 10000` on the 2-core
 * machine, RSS at the end: 568 MB with Node's defaults, 516 MB with the smaller young generation, 345 MB
 * adding the slower heap growth, 368 MB with the defaults' heap growth and two malloc arenas.
 */

/**
 * V8 flags. A 4 MB semi-space (default 16 MB) scavenges more often with little garbage each time; growing the
 * old generation by 30 % after a full collection (the default lets it reach up to 4x the live heap on a
 * machine with more than 16 GB) keeps the heap near what is live: both cost a few percent of CPU. No
 * `--max-old-space-size`: a county with many more waiting cases needs more heap, not a crash.
 */
export const ENGINE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4', '--heap-growing-percent=30'];

/**
 * Environment. glibc gives each thread that allocates its own malloc arena and rarely returns their free
 * memory; the engine has a dozen threads (log writer, exporter, snapshot writer, libuv, V8), and two arenas
 * held RSS growth over 18,000 finished cases to +17 MB instead of +136 MB. A value already set wins.
 */
export const ENGINE_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };
