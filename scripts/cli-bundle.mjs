/**
 * The `onego` command's code as plain JavaScript, bundled once and kept until a source file changes.
 *
 * Transpiling TypeScript through tsx at every start cost the engine ~1.3 s of CPU before it could answer
 * (2.6 s to its ready line against 1.3 s from a bundle, on an empty data folder), and after `kill -9` that is
 * most of a restart. So the command is bundled with esbuild (which tsx already runs on) into
 * `.onego/build/cli/` beside the checkout: one module per command, split so a command loads only its own code,
 * with packages left to Node. The bundle is reused while every file it was built from keeps its mtime and
 * size (as the worker-thread bundles in engine/log/thread-source.ts are), and rebuilt — about 1.5 s, once —
 * when one changes. Plain JavaScript because it runs before any TypeScript loader.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const buildRoot = join(root, '.onego', 'build', 'cli');
const manifestFile = join(buildRoot, 'manifest.json');
/** Builds kept besides the newest: a process started from an older one may still load its lazy chunks. */
const BUILDS_KEPT = 3;

/**
 * @typedef {object} Manifest
 * @property {string} key     Node and esbuild versions: either changing means a new build.
 * @property {string} dir     The build's folder under `.onego/build/cli/`.
 * @property {[string, number, number][]} inputs  Every file bundled, with its mtime and size.
 */

function esbuildVersion() {
  return createRequire(import.meta.url)('esbuild/package.json').version;
}

/** The manifest's build if none of its inputs changed; undefined otherwise. @returns {string | undefined} */
function currentBuild(key) {
  try {
    /** @type {Manifest} */
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    if (manifest.key !== key) return undefined;
    for (const [path, mtimeMs, size] of manifest.inputs) {
      const stat = statSync(path);
      if (stat.mtimeMs !== mtimeMs || stat.size !== size) return undefined;
    }
    return join(buildRoot, manifest.dir);
  } catch {
    return undefined;
  }
}

/**
 * esbuild gives every bundled module the bundle's `import.meta.url`; ours resolve files next to themselves
 * (thread modules, the demo identity, the apps' public folder), so each gets its own URL written in.
 * Packages stay external (Node loads them as before), except JSON files inside them, which Node would
 * refuse to import without an import attribute.
 */
const keepModuleUrls = {
  name: 'onego-module-urls',
  /** @param {import('esbuild').PluginBuild} build */
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => (args.path.endsWith('.json') ? undefined : { path: args.path, external: true }));
    build.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
    });
  },
};

/** Bundle `scripts/cli.ts` into a new folder and make it current; returns the folder. */
async function build(key) {
  const esbuild = await import('esbuild');
  const dir = `${Date.now().toString(36)}-${process.pid}`;
  const outdir = join(buildRoot, dir);
  const result = await esbuild.build({
    entryPoints: { cli: join(root, 'scripts', 'cli.ts') },
    absWorkingDir: root,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir,
    metafile: true,
    plugins: [keepModuleUrls],
    logLevel: 'silent',
  });
  await esbuild.stop();
  const inputs = [...Object.keys(result.metafile.inputs).map((input) => resolve(root, input)), join(root, 'tsconfig.json')].map((path) => {
    const stat = statSync(path);
    return [path, stat.mtimeMs, stat.size];
  });
  // Written aside and renamed: two processes starting at once each read a whole manifest.
  const temp = `${manifestFile}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify({ key, dir, inputs }));
  renameSync(temp, manifestFile);
  const builds = readdirSync(buildRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => statSync(join(buildRoot, b)).mtimeMs - statSync(join(buildRoot, a)).mtimeMs);
  for (const old of builds.slice(BUILDS_KEPT)) rmSync(join(buildRoot, old), { recursive: true, force: true });
  return outdir;
}

/**
 * The URL of the bundled `cli.js`, built first if it is missing or stale; undefined if it cannot be built
 * here (a read-only checkout, esbuild missing): the caller then runs the TypeScript through tsx as before.
 * `ONEGO_NO_BUNDLE=1` skips the bundle (to compare, or to debug with tsx's stack traces).
 * @returns {Promise<string | undefined>}
 */
export async function bundledCli() {
  if (process.env.ONEGO_NO_BUNDLE === '1') return undefined;
  try {
    const key = `${process.version} esbuild ${esbuildVersion()} ${createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url))).digest('hex').slice(0, 12)}`;
    const dir = currentBuild(key) ?? (mkdirSync(buildRoot, { recursive: true }), await build(key));
    return pathToFileURL(join(dir, 'cli.js')).href;
  } catch (error) {
    if (process.env.ONEGO_DEBUG_BUNDLE === '1') console.error(error);
    return undefined;
  }
}
