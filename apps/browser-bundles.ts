/**
 * The browser code of the apps, bundled by esbuild from `apps/public/` the first time it is asked for and
 * then kept in memory: one JavaScript and one CSS file per app, fonts inlined. Nothing is written to disk.
 */
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

/** The apps that have a bundle, by entry file. */
export const APP_ENTRIES = {
  tasklist: 'tasklist/main.tsx',
  audit: 'audit/main.tsx',
  admin: 'admin/main.tsx',
} as const;

/** One built file. */
export interface BundleFile {
  contentType: string;
  body: Uint8Array;
}

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));
const OUT_DIR = '/onego-apps';

function buildOptions(): BuildOptions {
  return {
    absWorkingDir: PUBLIC_DIR,
    entryPoints: Object.fromEntries(Object.entries(APP_ENTRIES).map(([name, entry]) => [name, `./${entry}`])),
    tsconfig: `${PUBLIC_DIR}tsconfig.json`,
    bundle: true,
    write: false,
    outdir: OUT_DIR,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
    loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.eot': 'dataurl', '.svg': 'dataurl' },
  };
}

const CONTENT_TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/** Builds once (on first use) and serves the files by name, e.g. `tasklist.js`, `audit.css`. */
export class BrowserBundles {
  private files?: Promise<Map<string, BundleFile>>;

  /** The file, or undefined if there is no such file; rejects if the browser code does not build. */
  async file(name: string): Promise<BundleFile | undefined> {
    this.files ??= this.build();
    return (await this.files).get(name);
  }

  private async build(): Promise<Map<string, BundleFile>> {
    try {
      const result = await build(buildOptions());
      const files = new Map<string, BundleFile>();
      for (const output of result.outputFiles ?? []) {
        const name = output.path.slice(OUT_DIR.length + 1);
        const extension = name.slice(name.lastIndexOf('.') + 1);
        files.set(name, { contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream', body: output.contents });
      }
      return files;
    } catch (error) {
      // Let the next request try again (e.g. after fixing the source in development).
      this.files = undefined;
      throw error;
    }
  }
}
