/**
 * Builds the Camunda Modeler plugin bundle (`dist/client.js`): bpmnlint compiles `plugin:onego/recommended`
 * into a `{ config, resolver }` module that imports each rule, and esbuild bundles it with the rules and
 * `conventions.json` into one browser script that calls `registerClientPlugin(…, 'lintRules.bpmn')` and
 * `'lintRules.cloud-bpmn'` (Modeler's extension points for lint rules). Run: `npm run build:modeler-plugin`.
 */
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { lintFolder } from './conventions';
import { createNodeResolver, pluginPackage } from './node-resolver';

/** The plugin folder Modeler loads (descriptor `index.js` and the bundle in `dist/`). */
export const modelerPluginFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'modeler-plugin');

/** Where the bundle goes by default; `index.js` points Modeler at it. */
export const defaultBundleFile = path.join(modelerPluginFolder, 'dist', 'client.js');

/** The Modeler extension points the bundle registers its rules for. */
export const lintRulePluginTypes = ['lintRules.bpmn', 'lintRules.cloud-bpmn'] as const;

const require = createRequire(import.meta.url);
const compileConfig = require('bpmnlint/lib/support/compile-config') as (config: object, resolver: unknown) => Promise<string>;

/** The entry module: the compiled lint configuration plus the registration calls. */
async function entrySource(): Promise<string> {
  const compiled = await compileConfig({ extends: [`plugin:onego/recommended`] }, createNodeResolver());
  const registrations = lintRulePluginTypes.map((type) => `registerClientPlugin({ config, resolver }, '${type}');`).join('\n');
  return `import { registerClientPlugin } from 'camunda-modeler-plugin-helpers';\n${compiled}\n${registrations}\n`;
}

/** Bundles the plugin script into `outfile`; answers the file written. */
export async function buildModelerPlugin(outfile = defaultBundleFile): Promise<string> {
  await build({
    stdin: { contents: await entrySource(), resolveDir: modelerPluginFolder, sourcefile: 'onego-modeler-plugin.js', loader: 'js' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    outfile,
    // The compiled configuration imports rules by package name; the package is this checkout's lint/ folder.
    alias: { [pluginPackage]: lintFolder },
    logLevel: 'warning',
    legalComments: 'none',
  });
  return outfile;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = await buildModelerPlugin(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
  console.log(`Camunda Modeler plugin bundle written: ${path.relative(process.cwd(), file)}`);
}
