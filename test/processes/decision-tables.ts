/**
 * Changing a decision table the way a city does: take the shipped DMN, add a row above the province-wide
 * default and deploy it as a new version; business rule tasks call the latest version.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceBed } from './service-bed';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The DMN text of `file` (relative to the project) with `rows` inserted before the rule with id `beforeRule`. */
export async function tableWithRows(file: string, rows: string, beforeRule = 'Rule_ProvinceWide'): Promise<string> {
  const text = await readFile(path.join(root, file), 'utf8');
  const anchor = `<rule id="${beforeRule}">`;
  if (!text.includes(anchor)) throw new Error(`Expected ${file} to have a rule '${beforeRule}', but it has none`);
  return text.replace(anchor, `${rows}\n      ${anchor}`);
}

/** Deploys a changed table on the bed's engine, as a designer deploys from Camunda Modeler. */
export async function deployTable(bed: ServiceBed, file: string, text: string): Promise<void> {
  await bed.server.engine.deployResources([{ name: path.basename(file), content: Buffer.from(text, 'utf8') }]);
}
