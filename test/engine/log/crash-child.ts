/**
 * Child process for the crash test: opens an engine on the data directory given as argument, deploys a
 * one-task process, then creates instances forever, printing each key only after its creation was
 * acknowledged (committed). The parent kills it with SIGKILL at some point.
 */
import { createEngine } from '../../../engine';
import { bpmn } from '../../support';

const dataDir = process.argv[2];
const engine = await createEngine({ dataDir });
const xml = bpmn.process('crash', bpmn.start('s'), bpmn.serviceTask('t', 'work'), bpmn.end('e'), bpmn.chain('s', 't', 'e'));
await engine.deployResources([{ name: 'crash.bpmn', content: Buffer.from(xml) }]);
for (let i = 0; ; i++) {
  const batch = await Promise.all(Array.from({ length: 20 }, (_, j) => engine.createProcessInstance({ bpmnProcessId: 'crash', variables: { i, j } })));
  process.stdout.write(batch.map((c) => c.processInstanceKey).join('\n') + '\n');
}
