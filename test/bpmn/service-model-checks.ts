/**
 * Shared checks for the service-process models (enterprise opening, talent card, talent staffing,
 * medical-insurance transfer): parse the real file in `bpmn/` with bpmn-moddle + zeebe-bpmn-moddle and
 * collect its elements, so each process test can assert on structure, Zeebe extensions, lights and diagram.
 */
import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
// bpmn-moddle ships no type declarations; the checks read its plain objects through `Element`.
const { BpmnModdle } = require('bpmn-moddle') as { BpmnModdle: new (packages: object) => { fromXML(xml: string): Promise<{ rootElement: Element; warnings: Array<{ message: string }> }> } };
const zeebe = JSON.parse(readFileSync(path.join(root, 'node_modules/zeebe-bpmn-moddle/resources/zeebe.json'), 'utf8')) as object;

/** A moddle element, read loosely. */
export interface Element {
  $type: string;
  id: string;
  name?: string;
  [property: string]: any;
}

/** The parsed model and handy indexes over it. */
export interface ParsedModel {
  xml: string;
  definitions: Element;
  process: Element;
  warnings: string[];
  /** Every flow element at any depth, by id. */
  elements: Map<string, Element>;
  /** Ids that have a BPMNShape or BPMNEdge. */
  diagramIds: Set<string>;
}

export function bpmnPath(processId: string): string {
  return path.join(root, 'bpmn', `${processId}.bpmn`);
}

/** Parses `bpmn/<processId>.bpmn`. */
export async function parseModel(processId: string): Promise<ParsedModel> {
  const xml = readFileSync(bpmnPath(processId), 'utf8');
  const { rootElement, warnings } = await new BpmnModdle({ zeebe }).fromXML(xml);
  const process = (rootElement.rootElements as Element[]).find((element) => element.$type === 'bpmn:Process')!;
  const elements = new Map<string, Element>();
  const collect = (container: Element) => {
    for (const element of (container.flowElements ?? []) as Element[]) {
      elements.set(element.id, element);
      if (element.$type === 'bpmn:SubProcess') collect(element);
    }
  };
  collect(process);
  const diagramIds = new Set<string>();
  for (const diagram of (rootElement.diagrams ?? []) as Element[]) {
    for (const di of (diagram.plane.planeElement ?? []) as Element[]) if (di.bpmnElement) diagramIds.add(di.bpmnElement.id);
  }
  return { xml, definitions: rootElement, process, warnings: warnings.map((warning) => warning.message), elements, diagramIds };
}

/** The element kinds the service models may use (all in the engine's supported list, issue 2). */
export const ALLOWED_TYPES = new Set([
  'bpmn:StartEvent',
  'bpmn:EndEvent',
  'bpmn:ServiceTask',
  'bpmn:BusinessRuleTask',
  'bpmn:UserTask',
  'bpmn:ExclusiveGateway',
  'bpmn:ParallelGateway',
  'bpmn:EventBasedGateway',
  'bpmn:SubProcess',
  'bpmn:IntermediateCatchEvent',
  'bpmn:BoundaryEvent',
  'bpmn:CallActivity',
  'bpmn:SequenceFlow',
]);

/** The job types the DEADLINES helper owns (process contract). */
export const DEADLINE_JOB_TYPES = new Set(['deadline-start', 'deadline-pause', 'deadline-resume', 'deadline-recompute', 'light-notify', 'supervision-record']);

/** The first extension element of a Zeebe type, e.g. `zeebe:TaskDefinition`. */
export function extension(element: Element, type: string): Element | undefined {
  return ((element.extensionElements?.values ?? []) as Element[]).find((value) => value.$type === type);
}

export function ofType(model: ParsedModel, type: string): Element[] {
  return [...model.elements.values()].filter((element) => element.$type === type);
}

/** The job type of a service task. */
export function jobType(task: Element): string {
  return extension(task, 'zeebe:TaskDefinition')!.type as string;
}

/** The input mappings of an element as target → source. */
export function inputs(element: Element): Record<string, string> {
  const mapping = extension(element, 'zeebe:IoMapping');
  return Object.fromEntries(((mapping?.inputParameters ?? []) as Element[]).map((parameter) => [parameter.target, parameter.source]));
}

export function outputs(element: Element): Record<string, string> {
  const mapping = extension(element, 'zeebe:IoMapping');
  return Object.fromEntries(((mapping?.outputParameters ?? []) as Element[]).map((parameter) => [parameter.target, parameter.source]));
}

/** Whether `workers/jobs/<type>.ts` exists. */
export function hasWorker(type: string): boolean {
  return existsSync(path.join(root, 'workers/jobs', `${type}.ts`));
}

/** Whether `forms/<formId>.form` exists. */
export function hasForm(formId: string): boolean {
  return existsSync(path.join(root, 'forms', `${formId}.form`));
}

/** The deadline-start tasks of the model by deadline name, with their limit input. */
export function deadlineStarts(model: ParsedModel): Map<string, Record<string, string>> {
  const starts = new Map<string, Record<string, string>>();
  for (const task of ofType(model, 'bpmn:ServiceTask').filter((t) => jobType(t) === 'deadline-start')) {
    const mapped = inputs(task);
    starts.set(JSON.parse(mapped.deadlineName!.slice(1)) as string, mapped);
  }
  return starts;
}

function isBehindEventBasedGateway(event: Element): boolean {
  return ((event.incoming ?? []) as Element[]).some((flow) => flow.sourceRef.$type === 'bpmn:EventBasedGateway');
}

/** The yellow/red timer boundaries hanging on each host, by host id. */
export function lightsByHost(model: ParsedModel): Map<string, { deadline: string; yellow: boolean; red: boolean; interrupting: boolean }> {
  const lights = new Map<string, { deadline: string; yellow: boolean; red: boolean; interrupting: boolean }>();
  // The lights hang on a clock subprocess inside the timed step (`<step>_Clock`); report them by the step.
  const stepOf = (element: Element): string => (/_Clock$/.test(element.id) ? (element.$parent.id as string) : element.id);
  for (const event of [...ofType(model, 'bpmn:BoundaryEvent'), ...ofType(model, 'bpmn:IntermediateCatchEvent')]) {
    const timer = ((event.eventDefinitions ?? []) as Element[]).find((definition) => definition.$type === 'bpmn:TimerEventDefinition');
    if (!timer) continue;
    const match = /^=deadline_(\w+)\.(warnAt|dueAt)$/.exec(timer.timeDate.body as string);
    // A timer racing a message behind an event-based gateway is the applicant's window (e.g. 好差评's rating), not a light.
    if (!match && event.$type === 'bpmn:IntermediateCatchEvent' && isBehindEventBasedGateway(event)) continue;
    if (!match) throw new Error(`Expected timer ${event.id} to read a deadline's warnAt or dueAt, but it reads ${timer.timeDate.body}`);
    const host = stepOf(event.$type === 'bpmn:BoundaryEvent' ? event.attachedToRef : event.$parent);
    const entry = lights.get(host) ?? { deadline: match[1]!, yellow: false, red: false, interrupting: false };
    if (match[2] === 'warnAt') entry.yellow = true;
    else entry.red = true;
    entry.interrupting ||= event.$type === 'bpmn:BoundaryEvent' && event.cancelActivity !== false;
    lights.set(host, entry);
  }
  return lights;
}

/**
 * The check every service model passes whatever a designer last saved: {@link commonProblems} finds nothing.
 * The tests assert what a model must do, never its bytes (the `.bpmn` files are the source).
 */
export function itPassesTheCommonServiceModelChecks(processId: string, model: () => ParsedModel): void {
  it('parses cleanly, uses only supported elements, and every task has its form, worker, group and diagram', () => {
    expect(commonProblems(model(), processId)).to.deep.equal([]);
  });
}

/** Checks every service model shares; returns the problems found. */
export function commonProblems(model: ParsedModel, processId: string): string[] {
  const problems: string[] = [...model.warnings.map((warning) => `import warning: ${warning}`)];
  if (model.process.id !== processId) problems.push(`process id is ${model.process.id}`);
  if (model.process.isExecutable !== true) problems.push('process is not executable');
  const attributes = (model.definitions.$attrs ?? {}) as Record<string, string>;
  if (attributes['modeler:executionPlatform'] !== 'Camunda Cloud' || attributes['modeler:executionPlatformVersion'] !== '8.8.0') {
    problems.push('execution platform is not Camunda Cloud 8.8.0');
  }
  if (!/[A-Za-z ,.:()]{40}/.test(model.process.documentation?.[0]?.text ?? '')) problems.push('process has no English documentation');
  for (const element of model.elements.values()) {
    if (!ALLOWED_TYPES.has(element.$type)) problems.push(`${element.id}: ${element.$type} is not in the engine's supported list`);
    if (!model.diagramIds.has(element.id)) problems.push(`${element.id}: no diagram shape or edge`);
    // Forks, joins and merges may stay unnamed; every deciding gateway and every other element carries a Chinese name.
    const unnamedAllowed =
      element.$type === 'bpmn:SequenceFlow' ||
      element.$type === 'bpmn:ParallelGateway' ||
      (element.$type === 'bpmn:ExclusiveGateway' && (element.outgoing ?? []).length === 1);
    if (!unnamedAllowed && !/[\u4e00-\u9fff]/.test(element.name ?? '')) problems.push(`${element.id}: no Chinese name`);
    if (element.$type === 'bpmn:UserTask') {
      if (!extension(element, 'zeebe:UserTask')) problems.push(`${element.id}: not a Camunda user task (zeebe:userTask)`);
      const formId = extension(element, 'zeebe:FormDefinition')?.formId as string | undefined;
      if (!formId || !hasForm(formId)) problems.push(`${element.id}: form '${formId}' missing`);
      if (!extension(element, 'zeebe:AssignmentDefinition')?.candidateGroups) problems.push(`${element.id}: no candidate groups`);
      if (!inputs(element).department) problems.push(`${element.id}: no department input mapping`);
    }
    const form = extension(element, 'zeebe:FormDefinition');
    // A running case keeps the form version deployed with its process (Zeebe's default is the latest form).
    if (form && form.bindingType !== 'deployment') problems.push(`${element.id}: form '${form.formId}' not bound to its deployment`);
    if (element.$type === 'bpmn:ServiceTask' && !hasWorker(jobType(element))) problems.push(`${element.id}: no worker for job type ${jobType(element)}`);
    if (element.$type === 'bpmn:IntermediateCatchEvent' && element.eventDefinitions?.[0]?.$type === 'bpmn:MessageEventDefinition') {
      const message = element.eventDefinitions?.[0]?.messageRef as Element | undefined;
      const key = message && extension(message, 'zeebe:Subscription')?.correlationKey;
      // A 好差评 case has its own number (HCP-…); the applicant's rating names the service case it rates.
      const expected = message?.name === 'evaluation-submitted' ? '=serviceCaseId' : '=caseId';
      if (key !== expected) problems.push(`${element.id}: message catch not correlated by ${expected.slice(1)}`);
    }
  }
  const starts = deadlineStarts(model);
  for (const [host, light] of lightsByHost(model)) {
    if (!light.yellow || !light.red) problems.push(`${host}: needs both a yellow and a red light`);
    if (light.interrupting) problems.push(`${host}: lights must not interrupt the work`);
    if (!starts.has(light.deadline)) problems.push(`${host}: deadline ${light.deadline} is never started`);
  }
  return problems;
}

/** Targets of an element's outgoing flows, with their conditions. */
export function next(model: ParsedModel, id: string): Array<{ target: string; condition?: string; flow: string }> {
  const element = model.elements.get(id)!;
  return ((element.outgoing ?? []) as Element[]).map((flow) => ({ target: flow.targetRef.id as string, condition: flow.conditionExpression?.body as string | undefined, flow: flow.id }));
}

/**
 * Follows single outgoing flows from `id` and returns the ids met, `id` included, up to `steps` long. The
 * flow a step's start event sends to its 亮灯 clock runs beside the work and is not followed.
 */
export function followChain(model: ParsedModel, id: string, steps: number): string[] {
  const chain = [id];
  let current = id;
  for (let i = 0; i < steps; i++) {
    let outgoing = next(model, current).filter((flow) => !/^Gateway_\w+_Clock$/.test(flow.target) || /_Rearm$/.test(current));
    // Step over the fork that starts the clock: the chain follows the work.
    if (outgoing.length === 1 && /_ClockFork$/.test(outgoing[0]!.target)) {
      outgoing = next(model, outgoing[0]!.target).filter((flow) => !/^Gateway_\w+_Clock$/.test(flow.target));
    }
    if (outgoing.length !== 1) break;
    current = outgoing[0]!.target;
    chain.push(current);
  }
  return chain;
}

/** The job types along a chain of element ids (user tasks and others show as their $type). */
export function describeChain(model: ParsedModel, ids: string[]): string[] {
  return ids.map((id) => {
    const element = model.elements.get(id)!;
    if (element.$type === 'bpmn:ServiceTask') {
      const mapped = inputs(element);
      return mapped.deadline ? `${jobType(element)} ${mapped.deadline}` : jobType(element);
    }
    return element.$type.replace('bpmn:', '');
  });
}
