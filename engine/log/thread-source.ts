import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const sources = new Map<string, string>();

/** A bundle as cached on disk: the files it was built from (with their mtime and size) and the script. */
interface CachedBundle {
  inputs: [path: string, mtimeMs: number, size: number][];
  source: string;
}

// Bumped when the way bundles are built changes, so bundles cached by an older build are not reused.
const BUNDLE_RECIPE = 2;

/** Where bundles are cached between starts: one file per thread module, Node version and engine checkout. */
function cacheFile(modulePath: string): string {
  const id = createHash('sha256').update(`${modulePath}\0${process.version}\0${BUNDLE_RECIPE}`).digest('hex').slice(0, 24);
  return join(tmpdir(), 'onego-thread-bundles', `${id}.json`);
}

/** The cached bundle of `modulePath` if none of its files changed since it was built. */
function readCached(file: string): string | undefined {
  try {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as CachedBundle;
    for (const [path, mtimeMs, size] of cached.inputs) {
      const stat = statSync(path);
      if (stat.mtimeMs !== mtimeMs || stat.size !== size) return undefined;
    }
    return typeof cached.source === 'string' ? cached.source : undefined;
  } catch {
    return undefined;
  }
}

function build(modulePath: string): CachedBundle {
  // esbuild is loaded only on a cache miss, and stopped after: its synchronous API keeps a thread and a process alive.
  const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  const result = esbuild.buildSync({
    entryPoints: [modulePath],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    // A CommonJS bundle has no import.meta; modules that resolve packages with createRequire(import.meta.url)
    // (the service log's pino-pretty) get the entry module's URL, which resolves from the same node_modules.
    // The key is spelled in two parts: the CLI bundle (scripts/cli-bundle.mjs) writes each module's own URL over
    // every literal occurrence of the expression in its source, which would turn the key into a string.
    define: { [`import.meta${'.url'}`]: JSON.stringify(pathToFileURL(modulePath).href) },
    write: false,
    metafile: true,
  });
  void esbuild.stop();
  const inputs = Object.keys(result.metafile.inputs).map((input): CachedBundle['inputs'][number] => {
    const path = resolve(input);
    const stat = statSync(path);
    return [path, stat.mtimeMs, stat.size];
  });
  const bundled = result.outputFiles[0].text;
  return { inputs, source: `(function (require) {\n${bundled}\n})(require('node:module').createRequire(${JSON.stringify(modulePath)}));` };
}

/**
 * A thread module's code as one CommonJS script for `new Worker(source, { eval: true })`. A worker does not
 * inherit the TypeScript loader the engine thread runs under (and on Node 20 a loader cannot be registered
 * inside a worker), so the module is bundled with esbuild — ~0.1 s, against ~0.2 s per thread for starting
 * tsx in each one — and the bundle is cached in the system's temporary folder until one of its source files
 * changes, so a restart neither bundles again nor keeps esbuild's helper thread and process alive (~0.2 s of
 * start-up and ~15 MB of memory). Packages stay external and resolve from the module's own folder. The log's
 * writer thread, the history exporter thread and the snapshot writer thread all start this way.
 */
export function bundledThreadSource(modulePath: string): string {
  let source = sources.get(modulePath);
  if (source !== undefined) return source;
  const file = cacheFile(modulePath);
  source = readCached(file);
  if (source === undefined) {
    const bundle = build(modulePath);
    source = bundle.source;
    try {
      mkdirSync(join(file, '..'), { recursive: true });
      // Written aside and renamed: two engines starting at once never read half a file.
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(bundle));
      renameSync(temp, file);
    } catch {
      // A read-only temporary folder costs a bundle per start, nothing more.
    }
  }
  sources.set(modulePath, source);
  return source;
}
