/**
 * Opens the demo cases once per data folder. A marker file next to the record log says they were opened,
 * so restarting `npm start` on the same data never doubles them.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EngineApi } from '../../engine/api';
import { demoCases, type DemoCase } from './demo-cases';
import { lateDemoCase } from './late-demo-case';

const MARKER = 'demo-cases-opened';

/**
 * Opens every demo case — the fixed ones and, by default, the late one computed at the engine's now — unless the
 * marker in `dataDir` says it was done; returns lines to print.
 */
export async function seedDemoCases(engine: EngineApi, dataDir: string, cases?: DemoCase[]): Promise<string[]> {
  const marker = path.join(dataDir, MARKER);
  if (existsSync(marker)) return ['demo: cases already opened on this data folder'];
  const lines: string[] = [];
  for (const demo of cases ?? [...demoCases, await lateDemoCase(engine, engine.clock.now())]) {
    const created = await engine.createProcessInstance({ bpmnProcessId: demo.bpmnProcessId, variables: demo.variables, startInstructions: demo.startInstructions }, { actor: 'demo' });
    lines.push(`demo: ${demo.bpmnProcessId} ${String(demo.variables.caseId)} → instance ${created.processInstanceKey} (${demo.shows})`);
  }
  await writeFile(marker, `${new Date().toISOString()}\n`);
  return lines;
}
