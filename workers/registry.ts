/**
 * Finds every job worker: each file in `workers/jobs/` is named after its job type and default-exports
 * one `defineWorker(...)`. Discovery by folder means adding a worker never touches a shared list.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import type { JobWorkerDefinition } from './define-worker';

const jobsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'jobs');

/** Loads all worker definitions, checking that each file name matches the job type it declares. */
export async function loadJobWorkers(folder = jobsFolder): Promise<JobWorkerDefinition[]> {
  const files = (await readdir(folder)).filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts')).sort();
  const definitions: JobWorkerDefinition[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(path.join(folder, file)).href)) as { default?: JobWorkerDefinition };
    const definition = module.default;
    if (!definition || typeof definition.handle !== 'function') {
      throw new Error(`Expected ${file} to default-export a worker definition, but it exports none`);
    }
    if (`${definition.type}.ts` !== file) {
      throw new Error(`Expected ${file} to define job type '${file.slice(0, -3)}', but it defines '${definition.type}'`);
    }
    definitions.push(definition);
  }
  return definitions;
}
