#!/usr/bin/env node
// The `onego` command. Its TypeScript runs from a bundle that rebuilds itself when a source changes (see
// cli-bundle.mjs), so there is still no build step to forget; without the bundle it runs through tsx.
// `start`, `workers` and `lint --refresh-conventions` load workers/jobs/*.ts by folder at run time, so they always
// run through tsx.
import { bundledCli } from './cli-bundle.mjs';

const needsTypeScriptAtRunTime = new Set(['start', 'workers']);
const [command, ...rest] = process.argv.slice(2);
const loadsWorkers = needsTypeScriptAtRunTime.has(command) || (command === 'lint' && rest.includes('--refresh-conventions'));
const bundle = loadsWorkers ? undefined : await bundledCli();
if (bundle) {
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./cli.ts');
}
