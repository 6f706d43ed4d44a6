/**
 * The engine thread's CPU per valid 4 MB variables document (issue 13), measured in process: the document is
 * parsed as a gateway would, then an instance is created with it and committed; 20 documents after 4 of warm-up.
 * CPU time comes from /proc/thread-self/stat (Linux, 10 ms steps), so waiting for a core on a shared machine
 * does not count. Not a test; the numbers go to the README.
 *
 *   npx tsx scripts/bench-big-documents.ts
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngineServer } from '../engine/server';
const cpu = () => { const f = readFileSync('/proc/thread-self/stat', 'latin1'); const x = f.slice(f.lastIndexOf(')') + 2).split(' '); return (Number(x[11]) + Number(x[12])) * 10; };
const dataDir = mkdtempSync(join(tmpdir(), 'onego-bench-big-documents-'));
const server = await startEngineServer({ grpcPort: 0, restPort: 0, dataDir, clock: 'system' });
const bpmn = `<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="x"><bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/><bpmn:serviceTask id="t"><bpmn:extensionElements><zeebe:taskDefinition type="w"/></bpmn:extensionElements></bpmn:serviceTask><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/></bpmn:process></bpmn:definitions>`;
await server.engine.deployResources([{ name: 'p.bpmn', content: Buffer.from(bpmn) }]);
const body = JSON.stringify({ processDefinitionId: 'p', variables: { rows: Array.from({ length: 40_000 }, (_, index) => ({ row: index, text: 'x'.repeat(80) })) } });
const per: number[] = [];
for (let i = 0; i < 24; i++) {
  const c = cpu();
  const parsed = JSON.parse(body);
  await server.engine.createProcessInstance({ bpmnProcessId: 'p', variables: parsed.variables });
  if (i >= 4) per.push(cpu() - c);
}
per.sort((a, b) => a - b);
console.log(`engine-thread CPU per 4 MB document (20 docs, 10 ms steps): median ${per[10]} ms, min ${per[0]}, max ${per[19]}; load ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`);
await server.close();
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
