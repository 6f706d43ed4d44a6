// Compiling a parsed BPMN document into executable processes: every executable process (pools included),
// its containers and sequence flows, and the refusal that lists every problem with element and line.
import type { ExecutableProcess, FlowNode, SequenceFlow } from './executable-process';
import { compileCompensation } from './compensation';
import { finishAdHocSubProcess } from './ad-hoc-subprocess';
import { duplicateConditionalStartProblems } from './conditional-event';
import { checkExpr, checkMappings } from './check-expressions';
import { compileFlowNode } from './compile-flow-node';
import { newFlowNode } from './new-flow-node';
import { readExecutionListeners } from './listeners';
import type { ParsedBpmn } from './parse-bpmn';
import { validateNode } from './validate-node';
import { idLines } from './xml-guard';

/** The executable processes of one BPMN resource, or every problem found (element id and line named). */
export type CompileResult = { ok: true; value: ExecutableProcess[] } | { ok: false; failure: string };

/**
 * Compile every executable process of a parsed BPMN document. Everything the engine would not run is reported
 * here, at deployment, naming element and line, rather than failing later in an instance.
 */
export function compileProcesses(parsed: ParsedBpmn, resourceName: string): CompileResult {
  const problems: string[] = [];
  let lines: ReadonlyMap<string, number> | undefined;
  const report = (id: string, message: string) => {
    lines ??= idLines(parsed.xml);
    const line = lines.get(id);
    problems.push(`- Element: ${id}${line ? ` (line ${line})` : ''}\n    - ERROR: ${message}`);
  };
  const processes: ExecutableProcess[] = [];
  const rootElements: any[] = parsed.definitions?.rootElements ?? [];
  const executable = rootElements.filter((e) => e.$type === 'bpmn:Process' && e.isExecutable !== false);
  if (executable.length === 0 && rootElements.some((e) => e.$type === 'bpmn:Process')) {
    problems.push(`- ERROR: Must contain at least one executable process`);
  }
  for (const element of rootElements) {
    if (element.$type === 'bpmn:Collaboration') {
      for (const participant of element.participants ?? []) {
        if (participant.processRef && participant.processRef.isExecutable !== false && !executable.includes(participant.processRef)) {
          executable.push(participant.processRef);
        }
      }
    }
  }
  for (const processElement of executable) {
    processes.push(compileProcess(processElement, report));
  }
  if (problems.length > 0) {
    return { ok: false, failure: `'${resourceName}': ${listProblems(problems)}` };
  }
  return { ok: true, value: processes };
}

function compileProcess(processElement: any, report: (id: string, message: string) => void): ExecutableProcess {
  const nodes = new Map<string, FlowNode>();
  const flows = new Map<string, SequenceFlow>();
  const id: string = processElement.id;
  if (!id) report('(process)', 'Must have an id');
  const processNode = newFlowNode(id, processElement.name, 'PROCESS', 'UNSPECIFIED');
  nodes.set(id, processNode);
  checkMappings(processElement, processNode, report, false);
  readExecutionListeners(processElement, processNode, report, checkExpr);
  compileContainer(processElement, processNode, nodes, flows, report);

  const startEventIds: string[] = [];
  for (const childId of processNode.children) {
    const child = nodes.get(childId)!;
    if (child.type === 'START_EVENT' && child.eventType !== 'NONE') startEventIds.push(childId);
  }
  for (const node of nodes.values()) validateNode(node, nodes, report);
  compileCompensation(processElement, nodes, report);
  for (const problem of duplicateConditionalStartProblems(startEventIds.map((startId) => nodes.get(startId)!))) report(problem.id, problem.message);
  const versionTag = ((processElement.extensionElements?.values ?? []) as { $type: string; value?: string }[]).find((e) => e.$type === 'zeebe:VersionTag')?.value;
  return { bpmnProcessId: id, name: processElement.name, versionTag: versionTag || undefined, nodes, flows, process: processNode, startEventIds };
}

function compileContainer(
  container: any,
  containerNode: FlowNode,
  nodes: Map<string, FlowNode>,
  flows: Map<string, SequenceFlow>,
  report: (id: string, message: string) => void,
): void {
  const elements: any[] = container.flowElements ?? [];
  for (const element of elements) {
    if (element.$type === 'bpmn:SequenceFlow') {
      const flow: SequenceFlow = {
        id: element.id,
        sourceId: element.sourceRef?.id,
        targetId: element.targetRef?.id,
        condition: element.conditionExpression?.body?.trim() || undefined,
      };
      if (!flow.sourceId || !flow.targetId) report(element.id, 'Must have a source and a target');
      if (flow.condition) checkExpr(element.id, flow.condition, report, 'condition');
      flows.set(flow.id, flow);
      continue;
    }
    if (element.$type === 'bpmn:DataObjectReference' || element.$type === 'bpmn:DataObject' || element.$type === 'bpmn:DataStoreReference') {
      continue;
    }
    const node = compileFlowNode(element, report);
    if (!node) continue;
    node.flowScopeId = containerNode.id;
    if (nodes.has(node.id)) report(node.id, `Duplicate element id '${node.id}'`);
    nodes.set(node.id, node);
    containerNode.children.push(node.id);
    if (node.type === 'SUB_PROCESS' || node.type === 'EVENT_SUB_PROCESS' || node.type === 'AD_HOC_SUB_PROCESS') {
      compileContainer(element, node, nodes, flows, report);
    }
    if (node.type === 'AD_HOC_SUB_PROCESS') finishAdHocSubProcess(node, nodes, report);
  }
  // Wire flows inside this container.
  for (const element of elements) {
    if (element.$type !== 'bpmn:SequenceFlow') continue;
    const flow = flows.get(element.id)!;
    const source = nodes.get(flow.sourceId);
    const target = nodes.get(flow.targetId);
    if (!source || !target) continue;
    source.outgoing.push(flow);
    target.incoming.push(flow.id);
  }
  for (const childId of containerNode.children) {
    const child = nodes.get(childId)!;
    if (child.type === 'START_EVENT' && child.eventType === 'NONE') {
      if (containerNode.noneStartId && containerNode.type !== 'PROCESS') {
        report(containerNode.id, 'Must have exactly one none start event');
      }
      containerNode.noneStartId ??= childId;
    }
    if (child.type === 'EVENT_SUB_PROCESS') {
      const starts = child.children.filter((c) => nodes.get(c)!.type === 'START_EVENT');
      if (starts.length !== 1) report(child.id, 'Must have exactly one start event');
      else {
        containerNode.eventSubProcessStartIds.push(starts[0]);
        child.noneStartId = starts[0];
      }
    }
    if (child.type === 'BOUNDARY_EVENT' && child.attachedToId) {
      const host = nodes.get(child.attachedToId);
      if (host) host.boundaryEventIds.push(child.id);
    }
  }
  if (containerNode.type === 'SUB_PROCESS' && !containerNode.noneStartId) {
    report(containerNode.id, 'Must have exactly one none start event');
  }
}

/** At most this many problems are listed in a refusal; the rest are counted (a refusal stays readable and small). */
export const MAX_LISTED_PROBLEMS = 100;

/** The problems of a refused resource, one per line, cut at {@link MAX_LISTED_PROBLEMS}. */
function listProblems(problems: string[]): string {
  if (problems.length <= MAX_LISTED_PROBLEMS) return problems.join('\n');
  const more = problems.length - MAX_LISTED_PROBLEMS;
  return `${problems.slice(0, MAX_LISTED_PROBLEMS).join('\n')}\n- … and ${more} more problems (${problems.length} in all; the first ${MAX_LISTED_PROBLEMS} are listed) / 另有 ${more} 处问题未列出（共 ${problems.length} 处）`;
}
