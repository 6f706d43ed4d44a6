/**
 * The engine thread's CPU per valid 4 MB variables document (issue 13), measured in process: the document is
 * parsed as a gateway would, then an instance is created with it and committed; 20 documents after 4 of warm-up.
 * CPU time comes from /proc/thread-self/stat (Linux, 10 ms steps), so waiting for a core on a shared machine
 * does not count. Not a test; the numbers go to the README.
 *
 * `--parse isolation` (the default) parses the body as the REST gateway does from 64 KB on: on an isolation
 * thread, big variables handed back as text (engine/gateway/off-thread-json.ts); `--parse engine-thread` parses
 * it on the engine thread as smaller bodies are (and every body was before), for comparison.
 *
 *   npx tsx scripts/bench-big-documents.ts [--parse isolation|engine-thread]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngineServer } from '../engine/server';
import { joinedBody, splitOffThread } from '../engine/gateway/off-thread-json';
import { MAX_JSON_BODY_DEPTH } from '../engine/gateway/rest/json-depth-guard';
const mode = process.argv.includes('engine-thread') ? 'engine-thread' : 'isolation';
const cpu = () => { const f = readFileSync('/proc/thread-self/stat', 'latin1'); const x = f.slice(f.lastIndexOf(')') + 2).split(' '); return (Number(x[11]) + Number(x[12])) * 10; };
const dataDir = mkdtempSync(join(tmpdir(), 'onego-bench-big-documents-'));
const server = await startEngineServer({ grpcPort: 0, restPort: 0, dataDir, clock: 'system' });
const bpmn = `<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="x"><bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/><bpmn:serviceTask id="t"><bpmn:extensionElements><zeebe:taskDefinition type="w"/></bpmn:extensionElements></bpmn:serviceTask><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/></bpmn:process></bpmn:definitions>`;
await server.engine.deployResources([{ name: 'p.bpmn', content: Buffer.from(bpmn) }]);
const body = Buffer.from(JSON.stringify({ processDefinitionId: 'p', variables: { rows: Array.from({ length: 40_000 }, (_, index) => ({ row: index, text: 'x'.repeat(80) })) } }));
const parse = async (): Promise<{ variables: Record<string, unknown> }> => {
  if (mode === 'engine-thread') return JSON.parse(body.toString('utf8'));
  const outcome = await splitOffThread({ json: body, shape: 'body', maxDepth: MAX_JSON_BODY_DEPTH });
  if (outcome.kind !== 'parsed') throw new Error(outcome.kind);
  return joinedBody(outcome, body.length) as { variables: Record<string, unknown> };
};
const per: number[] = [];
for (let i = 0; i < 24; i++) {
  const c = cpu();
  const parsed = await parse();
  await server.engine.createProcessInstance({ bpmnProcessId: 'p', variables: parsed.variables });
  if (i >= 4) per.push(cpu() - c);
}
per.sort((a, b) => a - b);
const mean = per.reduce((sum, value) => sum + value, 0) / per.length;
console.log(`engine-thread CPU per 4 MB document, parsed on the ${mode} (20 docs, 10 ms steps): mean ${mean.toFixed(1)} ms, median ${per[10]}, min ${per[0]}, max ${per[19]}; load ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`);
await server.close();
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
