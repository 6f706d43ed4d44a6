import { BatchEncoder } from './engine/log/batch-encoder';
import { checkVariables } from './engine/variable-document';
import * as vj from './engine/variable-json';
const body = JSON.stringify({ processDefinitionId: 'x', variables: { rows: Array.from({ length: 40_000 }, (_, index) => ({ row: index, text: 'x'.repeat(80) })) } });
const hasNew = 'preEncodedVariables' in vj;
const enc = new BatchEncoder(undefined, hasNew ? (vj as any).preEncodedVariables : undefined);
const times: Record<string, number[]> = { parse: [], check: [], text: [], encode: [] };
for (let i = 0; i < 12; i++) {
  let t = performance.now();
  const parsed = JSON.parse(body); times.parse.push(performance.now() - t); t = performance.now();
  const variables = checkVariables(parsed.variables); times.check.push(performance.now() - t); t = performance.now();
  const text = hasNew ? (vj as any).variableText(variables.rows) : JSON.stringify(variables.rows); times.text.push(performance.now() - t); t = performance.now();
  const records = [
    { position: 1, valueType: 'PROCESS_INSTANCE_CREATION', intent: 'CREATE', value: { bpmnProcessId: 'x', variables } },
    { position: 2, valueType: 'VARIABLE', intent: 'CREATED', value: { name: 'rows', value: text } },
    { position: 3, valueType: 'PROCESS_INSTANCE_CREATION', intent: 'CREATED', value: { bpmnProcessId: 'x', variables } },
  ];
  enc.encode(records); times.encode.push(performance.now() - t);
}
const cpu = process.cpuUsage();
for (const [k, v] of Object.entries(times)) { const s = v.slice(2).sort((a, b) => a - b); console.log(k.padEnd(8), 'median', s[Math.floor(s.length / 2)].toFixed(1), 'min', s[0].toFixed(1), 'max', s[s.length - 1].toFixed(1)); }
