/**
 * Writes the service-process models (enterprise opening, talent card and staffing, medical-insurance
 * transfer) from their TypeScript descriptions into `bpmn/`: `npx tsx scripts/services-bpmn/generate.ts`.
 * A test checks the committed files equal what this writes, so the two never drift apart.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serviceModels } from './index';

const bpmnFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bpmn');

for (const [processId, build] of Object.entries(serviceModels)) {
  const file = path.join(bpmnFolder, `${processId}.bpmn`);
  writeFileSync(file, build().toXml());
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
