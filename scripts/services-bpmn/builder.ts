/**
 * A small BPMN writer for the service processes (enterprise opening, talent card, medical-insurance
 * transfer): processes are described in TypeScript (elements, flows, Zeebe extensions) and written as
 * Camunda 8.8 BPMN XML with a generated diagram (BPMNDI), so every model opens cleanly in Camunda Modeler
 * without anyone dragging shapes by hand.
 *
 * The layout is a layered left-to-right layout per container (process or expanded subprocess): layers by
 * longest path (back edges removed), rows by branch order, boundary-event paths below their host.
 */
import { xmlEscape } from '../xml-escape';

/** Element kinds the writer knows; all are in the engine's supported list (issue 2). */
export type NodeKind =
  | 'startEvent'
  | 'endEvent'
  | 'serviceTask'
  | 'userTask'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'subProcess'
  | 'intermediateCatchEvent'
  | 'boundaryEvent'
  | 'callActivity';

/** A mapping `target = source`; the source is written as given (FEEL needs a leading `=`). */
export type Mapping = [target: string, source: string];

/** Options shared by every element. */
export interface NodeOptions {
  documentation?: string;
}

interface FlowNode {
  id: string;
  kind: NodeKind;
  name: string;
  documentation?: string;
  /** Serialised XML of the `bpmn:extensionElements` content. */
  extensions: string[];
  /** Serialised XML after the extension elements (event definitions, loop characteristics). */
  body: string[];
  attributes: Record<string, string>;
  container: Container;
  /** Set for subprocesses. */
  inner?: Container;
  /** An event subprocess (`triggeredByEvent`): started by its start event, not by a flow. */
  eventSub?: boolean;
  attachedTo?: string;
  defaultFlow?: string;
  // layout results (absolute after `place`)
  x: number;
  y: number;
  width: number;
  height: number;
  layer: number;
  row: number;
  /** Right edge of the node's column and bottom edge of its row (relative until `place`). */
  columnRight: number;
  rowBottom: number;
}

interface SequenceFlow {
  id: string;
  /** Writable so a pattern can insert a gateway after an element (deadline-pattern's clock fork). */
  source: string;
  target: string;
  name?: string;
  condition?: string;
  container: Container;
  waypoints: Array<[number, number]>;
}

const SIZE: Record<NodeKind, [number, number]> = {
  startEvent: [36, 36],
  endEvent: [36, 36],
  intermediateCatchEvent: [36, 36],
  boundaryEvent: [36, 36],
  exclusiveGateway: [50, 50],
  parallelGateway: [50, 50],
  serviceTask: [100, 80],
  userTask: [100, 80],
  callActivity: [100, 80],
  subProcess: [0, 0],
};

const COLUMN_GAP = 50;
const ROW_GAP = 50;
const PAD_X = 40;
const PAD_TOP = 40;
const PAD_BOTTOM = 30;


function ioMapping(inputs: Mapping[] = [], outputs: Mapping[] = []): string[] {
  if (inputs.length === 0 && outputs.length === 0) return [];
  const lines = [
    ...inputs.map(([target, source]) => `<zeebe:input source="${xmlEscape(source)}" target="${xmlEscape(target)}" />`),
    ...outputs.map(([target, source]) => `<zeebe:output source="${xmlEscape(source)}" target="${xmlEscape(target)}" />`),
  ];
  return [`<zeebe:ioMapping>${lines.join('')}</zeebe:ioMapping>`];
}

/** A multi-instance marker with Zeebe's loop characteristics. */
export interface MultiInstance {
  sequential: boolean;
  inputCollection: string;
  inputElement: string;
  outputCollection?: string;
  outputElement?: string;
  completionCondition?: string;
}

function multiInstanceXml(mi: MultiInstance): string {
  const attributes = [
    `inputCollection="${xmlEscape(mi.inputCollection)}"`,
    `inputElement="${xmlEscape(mi.inputElement)}"`,
    mi.outputCollection ? `outputCollection="${xmlEscape(mi.outputCollection)}"` : '',
    mi.outputElement ? `outputElement="${xmlEscape(mi.outputElement)}"` : '',
  ].filter(Boolean);
  const completion = mi.completionCondition
    ? `<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${xmlEscape(mi.completionCondition)}</bpmn:completionCondition>`
    : '';
  return (
    `<bpmn:multiInstanceLoopCharacteristics${mi.sequential ? ' isSequential="true"' : ''}>` +
    `<bpmn:extensionElements><zeebe:loopCharacteristics ${attributes.join(' ')} /></bpmn:extensionElements>` +
    completion +
    `</bpmn:multiInstanceLoopCharacteristics>`
  );
}

/** A process or an expanded subprocess: holds elements and the flows between them. */
export class Container {
  readonly nodes: FlowNode[] = [];
  readonly flows: SequenceFlow[] = [];
  constructor(
    readonly model: ModelBuilder,
    readonly owner: FlowNode | null,
  ) {}

  private add(kind: NodeKind, id: string, name: string, options: NodeOptions = {}): FlowNode {
    this.model.claim(id);
    const [width, height] = SIZE[kind];
    const node: FlowNode = {
      id,
      kind,
      name,
      documentation: options.documentation,
      extensions: [],
      body: [],
      attributes: {},
      container: this,
      x: 0,
      y: 0,
      width,
      height,
      layer: 0,
      row: 0,
      columnRight: 0,
      rowBottom: 0,
    };
    this.nodes.push(node);
    this.model.nodes.set(id, node);
    return node;
  }

  /** A none start event, optionally with a linked start form. */
  start(id: string, name: string, options: NodeOptions & { formId?: string } = {}): this {
    const node = this.add('startEvent', id, name, options);
    if (options.formId) node.extensions.push(`<zeebe:formDefinition formId="${xmlEscape(options.formId)}" bindingType="deployment" />`);
    return this;
  }

  /** A message start event. */
  messageStart(id: string, name: string, message: string, options: NodeOptions & { outputs?: Mapping[] } = {}): this {
    const node = this.add('startEvent', id, name, options);
    node.extensions.push(...ioMapping([], options.outputs));
    node.body.push(`<bpmn:messageEventDefinition messageRef="${this.model.messageRef(message)}" />`);
    return this;
  }

  /** A none end event, or an error / escalation end event when `errorCode` / `escalationCode` is given. */
  end(id: string, name: string, options: NodeOptions & { errorCode?: string; escalationCode?: string; terminate?: boolean } = {}): this {
    const node = this.add('endEvent', id, name, options);
    if (options.terminate) node.body.push('<bpmn:terminateEventDefinition />');
    if (options.errorCode) node.body.push(`<bpmn:errorEventDefinition errorRef="${this.model.errorRef(options.errorCode)}" />`);
    if (options.escalationCode) node.body.push(`<bpmn:escalationEventDefinition escalationRef="${this.model.escalationRef(options.escalationCode)}" />`);
    return this;
  }

  /** A service task: a job of `type` for a worker. */
  service(
    id: string,
    name: string,
    type: string,
    options: NodeOptions & { inputs?: Mapping[]; outputs?: Mapping[]; headers?: Record<string, string>; retries?: number } = {},
  ): this {
    const node = this.add('serviceTask', id, name, options);
    node.extensions.push(`<zeebe:taskDefinition type="${xmlEscape(type)}" retries="${options.retries ?? 3}" />`);
    if (options.headers) {
      const headers = Object.entries(options.headers).map(([key, value]) => `<zeebe:header key="${xmlEscape(key)}" value="${xmlEscape(value)}" />`);
      node.extensions.push(`<zeebe:taskHeaders>${headers.join('')}</zeebe:taskHeaders>`);
    }
    node.extensions.push(...ioMapping(options.inputs, options.outputs));
    return this;
  }

  /** A Camunda user task (`zeebe:userTask`) with a linked form and candidate groups. */
  user(
    id: string,
    name: string,
    options: NodeOptions & {
      formId: string;
      candidateGroups: string;
      assignee?: string;
      inputs?: Mapping[];
      outputs?: Mapping[];
      multiInstance?: MultiInstance;
    },
  ): this {
    const node = this.add('userTask', id, name, options);
    node.extensions.push('<zeebe:userTask />');
    node.extensions.push(`<zeebe:formDefinition formId="${xmlEscape(options.formId)}" bindingType="deployment" />`);
    const assignee = options.assignee ? ` assignee="${xmlEscape(options.assignee)}"` : '';
    node.extensions.push(`<zeebe:assignmentDefinition${assignee} candidateGroups="${xmlEscape(options.candidateGroups)}" />`);
    node.extensions.push(...ioMapping(options.inputs, options.outputs));
    if (options.multiInstance) node.body.push(multiInstanceXml(options.multiInstance));
    return this;
  }

  /** A call activity starting another process by id. */
  call(id: string, name: string, processId: string, options: NodeOptions & { inputs?: Mapping[]; outputs?: Mapping[] } = {}): this {
    const node = this.add('callActivity', id, name, options);
    node.extensions.push(`<zeebe:calledElement processId="${xmlEscape(processId)}" propagateAllChildVariables="false" />`);
    node.extensions.push(...ioMapping(options.inputs, options.outputs));
    return this;
  }

  /** An exclusive gateway; `defaultFlow` names the flow taken when no condition holds. */
  xor(id: string, name: string, options: NodeOptions & { defaultFlow?: string } = {}): this {
    const node = this.add('exclusiveGateway', id, name, options);
    node.defaultFlow = options.defaultFlow;
    return this;
  }

  /** A parallel gateway (fork or join). */
  and(id: string, name: string, options: NodeOptions = {}): this {
    this.add('parallelGateway', id, name, options);
    return this;
  }

  /** An intermediate message catch event correlated by the message's key. */
  messageCatch(id: string, name: string, message: string, options: NodeOptions & { outputs?: Mapping[] } = {}): this {
    const node = this.add('intermediateCatchEvent', id, name, options);
    node.extensions.push(...ioMapping([], options.outputs));
    node.body.push(`<bpmn:messageEventDefinition messageRef="${this.model.messageRef(message)}" />`);
    return this;
  }

  /** An expanded embedded subprocess; `build` fills it. */
  sub(id: string, name: string, build: (inner: Container) => void, options: NodeOptions & { multiInstance?: MultiInstance } = {}): this {
    const node = this.add('subProcess', id, name, options);
    if (options.multiInstance) node.body.push(multiInstanceXml(options.multiInstance));
    node.inner = new Container(this.model, node);
    build(node.inner);
    return this;
  }

  /** A non-interrupting signal start event (of an event subprocess). */
  signalStart(id: string, name: string, signal: string, options: NodeOptions = {}): this {
    const node = this.add('startEvent', id, name, options);
    node.attributes.isInterrupting = 'false';
    node.body.push(`<bpmn:signalEventDefinition signalRef="${this.model.signalRef(signal)}" />`);
    return this;
  }

  /** An intermediate timer catch event waiting for a `timeDate` expression. */
  timerCatch(id: string, name: string, timeDate: string, options: NodeOptions = {}): this {
    const node = this.add('intermediateCatchEvent', id, name, options);
    node.body.push(
      `<bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">${xmlEscape(timeDate)}</bpmn:timeDate></bpmn:timerEventDefinition>`,
    );
    return this;
  }

  /** An event subprocess (`triggeredByEvent="true"`); `build` fills it, starting with its event start. */
  eventSub(id: string, name: string, build: (inner: Container) => void, options: NodeOptions = {}): this {
    const node = this.add('subProcess', id, name, options);
    node.attributes.triggeredByEvent = 'true';
    node.eventSub = true;
    node.inner = new Container(this.model, node);
    build(node.inner);
    return this;
  }

  /** Turns a none end event of this container into a terminate end event (ends everything else in the scope). */
  terminate(id: string): this {
    const node = this.nodes.find((candidate) => candidate.id === id);
    if (!node || node.kind !== 'endEvent' || node.body.length > 0) throw new Error(`Expected '${id}' to be a none end event of this container, but it is not`);
    node.body.push('<bpmn:terminateEventDefinition />');
    return this;
  }

  /** A timer boundary event with a `timeDate` expression. */
  timerBoundary(id: string, name: string, host: string, timeDate: string, options: NodeOptions & { interrupting?: boolean } = {}): this {
    const node = this.add('boundaryEvent', id, name, options);
    node.attachedTo = host;
    node.attributes.cancelActivity = String(options.interrupting ?? false);
    node.body.push(
      `<bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">${xmlEscape(timeDate)}</bpmn:timeDate></bpmn:timerEventDefinition>`,
    );
    return this;
  }

  /** An interrupting error boundary event catching `errorCode`. */
  errorBoundary(id: string, name: string, host: string, errorCode: string, options: NodeOptions = {}): this {
    const node = this.add('boundaryEvent', id, name, options);
    node.attachedTo = host;
    node.body.push(`<bpmn:errorEventDefinition errorRef="${this.model.errorRef(errorCode)}" />`);
    return this;
  }

  /** A non-interrupting escalation boundary event catching `escalationCode` thrown anywhere inside the host. */
  escalationBoundary(id: string, name: string, host: string, escalationCode: string, options: NodeOptions = {}): this {
    const node = this.add('boundaryEvent', id, name, options);
    node.attachedTo = host;
    node.attributes.cancelActivity = 'false';
    node.body.push(`<bpmn:escalationEventDefinition escalationRef="${this.model.escalationRef(escalationCode)}" />`);
    return this;
  }

  /** A sequence flow; `condition` is a FEEL expression (with leading `=`). */
  flow(id: string, source: string, target: string, options: { name?: string; condition?: string } = {}): this {
    this.model.claim(id);
    this.flows.push({ id, source, target, name: options.name, condition: options.condition, container: this, waypoints: [] });
    return this;
  }

  /** Chains elements with unconditional flows named `Flow_<source>_<target>`-style ids. */
  chain(...ids: string[]): this {
    for (let i = 0; i + 1 < ids.length; i++) this.flow(`Flow_${ids[i]}_to_${ids[i + 1]}`, ids[i]!, ids[i + 1]!);
    return this;
  }
}

/** Builds one BPMN file holding one executable process. */
export class ModelBuilder {
  readonly nodes = new Map<string, FlowNode>();
  private readonly ids = new Set<string>();
  private readonly messages = new Map<string, { id: string; correlationKey?: string }>();
  private readonly errors = new Map<string, { id: string; name: string }>();
  private readonly escalations = new Map<string, { id: string; name: string }>();
  private readonly signals = new Map<string, string>();
  readonly process: Container;

  constructor(
    readonly processId: string,
    readonly processName: string,
    readonly documentation: string,
  ) {
    this.process = new Container(this, null);
  }

  claim(id: string): void {
    if (this.ids.has(id)) throw new Error(`Expected element id '${id}' to be unique, but it is used twice`);
    this.ids.add(id);
  }

  /** Declares a message; `correlationKey` is omitted for messages that only start processes. */
  message(name: string, correlationKey?: string): this {
    const id = `Message_${name.replace(/[^A-Za-z0-9]+/g, '_')}`;
    this.messages.set(name, { id, correlationKey });
    return this;
  }

  /** Declares a BPMN error by its code. */
  error(errorCode: string, name: string): this {
    this.errors.set(errorCode, { id: `Error_${errorCode.replace(/[^A-Za-z0-9]+/g, '_')}`, name });
    return this;
  }

  /** Declares a BPMN escalation by its code. */
  escalation(escalationCode: string, name: string): this {
    this.escalations.set(escalationCode, { id: `Escalation_${escalationCode.replace(/[^A-Za-z0-9]+/g, '_')}`, name });
    return this;
  }

  /** Declares a BPMN signal by its name. */
  signal(name: string): this {
    this.signals.set(name, `Signal_${name.replace(/[^A-Za-z0-9]+/g, '_')}`);
    return this;
  }

  signalRef(name: string): string {
    const id = this.signals.get(name);
    if (!id) throw new Error(`Expected signal '${name}' to be declared, but it is not`);
    return id;
  }

  escalationRef(code: string): string {
    const escalation = this.escalations.get(code);
    if (!escalation) throw new Error(`Expected escalation '${code}' to be declared, but it is not`);
    return escalation.id;
  }

  messageRef(name: string): string {
    const message = this.messages.get(name);
    if (!message) throw new Error(`Expected message '${name}' to be declared, but it is not`);
    return message.id;
  }

  errorRef(code: string): string {
    const error = this.errors.get(code);
    if (!error) throw new Error(`Expected error '${code}' to be declared, but it is not`);
    return error.id;
  }

  /** Lays the diagram out and returns the BPMN XML. */
  toXml(): string {
    this.validateFlows(this.process);
    const size = layoutContainer(this.process);
    place(this.process, 160, 80);
    route(this.process);
    void size;

    const out: string[] = [];
    out.push('<?xml version="1.0" encoding="UTF-8"?>');
    out.push(
      '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"' +
        ' xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI"' +
        ' xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0"' +
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
        ` id="Definitions_${this.processId.replace(/-/g, '_')}" targetNamespace="http://onego.example/bpmn"` +
        ' exporter="OneGo model writer" exporterVersion="1.0.0"' +
        ' modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">',
    );
    out.push(`  <bpmn:process id="${this.processId}" name="${xmlEscape(this.processName)}" isExecutable="true">`);
    out.push(`    <bpmn:documentation>${xmlEscape(this.documentation)}</bpmn:documentation>`);
    writeContainer(this.process, out, '    ');
    out.push('  </bpmn:process>');
    for (const [name, message] of this.messages) {
      const subscription = message.correlationKey
        ? `<bpmn:extensionElements><zeebe:subscription correlationKey="${xmlEscape(message.correlationKey)}" /></bpmn:extensionElements>`
        : '';
      out.push(`  <bpmn:message id="${message.id}" name="${xmlEscape(name)}">${subscription}</bpmn:message>`);
    }
    for (const [code, error] of this.errors) {
      out.push(`  <bpmn:error id="${error.id}" name="${xmlEscape(error.name)}" errorCode="${xmlEscape(code)}" />`);
    }
    for (const [code, escalation] of this.escalations) {
      out.push(`  <bpmn:escalation id="${escalation.id}" name="${xmlEscape(escalation.name)}" escalationCode="${xmlEscape(code)}" />`);
    }
    for (const [name, id] of this.signals) out.push(`  <bpmn:signal id="${id}" name="${xmlEscape(name)}" />`);
    out.push(`  <bpmndi:BPMNDiagram id="BPMNDiagram_${this.processId.replace(/-/g, '_')}">`);
    out.push(`    <bpmndi:BPMNPlane id="BPMNPlane_${this.processId.replace(/-/g, '_')}" bpmnElement="${this.processId}">`);
    writeDiagram(this.process, out, '      ');
    out.push('    </bpmndi:BPMNPlane>');
    out.push('  </bpmndi:BPMNDiagram>');
    out.push('</bpmn:definitions>');
    return out.join('\n') + '\n';
  }

  private validateFlows(container: Container): void {
    for (const flow of container.flows) {
      for (const end of [flow.source, flow.target]) {
        const node = this.nodes.get(end);
        if (!node || node.container !== container) {
          throw new Error(`Expected flow '${flow.id}' to connect elements of one container, but '${end}' is not in it`);
        }
      }
    }
    for (const node of container.nodes) if (node.inner) this.validateFlows(node.inner);
  }
}

// ---------------------------------------------------------------- XML

function writeContainer(container: Container, out: string[], indent: string): void {
  for (const node of container.nodes) {
    const attributes = [`id="${node.id}"`, `name="${xmlEscape(node.name)}"`];
    if (node.attachedTo) attributes.push(`attachedToRef="${node.attachedTo}"`);
    for (const [key, value] of Object.entries(node.attributes)) attributes.push(`${key}="${xmlEscape(value)}"`);
    if (node.defaultFlow) attributes.push(`default="${node.defaultFlow}"`);
    out.push(`${indent}<bpmn:${node.kind} ${attributes.join(' ')}>`);
    if (node.documentation) out.push(`${indent}  <bpmn:documentation>${xmlEscape(node.documentation)}</bpmn:documentation>`);
    if (node.extensions.length > 0) out.push(`${indent}  <bpmn:extensionElements>${node.extensions.join('')}</bpmn:extensionElements>`);
    for (const flow of container.flows) if (flow.target === node.id) out.push(`${indent}  <bpmn:incoming>${flow.id}</bpmn:incoming>`);
    for (const flow of container.flows) if (flow.source === node.id) out.push(`${indent}  <bpmn:outgoing>${flow.id}</bpmn:outgoing>`);
    // Loop characteristics precede a subprocess's flow elements in the BPMN schema.
    for (const line of node.body) out.push(`${indent}  ${line}`);
    if (node.inner) writeContainer(node.inner, out, indent + '  ');
    out.push(`${indent}</bpmn:${node.kind}>`);
  }
  for (const flow of container.flows) {
    const name = flow.name ? ` name="${xmlEscape(flow.name)}"` : '';
    const head = `${indent}<bpmn:sequenceFlow id="${flow.id}"${name} sourceRef="${flow.source}" targetRef="${flow.target}"`;
    if (flow.condition) {
      out.push(`${head}>`);
      out.push(`${indent}  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${xmlEscape(flow.condition)}</bpmn:conditionExpression>`);
      out.push(`${indent}</bpmn:sequenceFlow>`);
    } else {
      out.push(`${head} />`);
    }
  }
}

function writeDiagram(container: Container, out: string[], indent: string): void {
  for (const node of container.nodes) {
    const expanded = node.kind === 'subProcess' ? ' isExpanded="true"' : '';
    const marker = node.kind === 'exclusiveGateway' ? ' isMarkerVisible="true"' : '';
    out.push(
      `${indent}<bpmndi:BPMNShape id="${node.id}_di" bpmnElement="${node.id}"${expanded}${marker}>` +
        `<dc:Bounds x="${Math.round(node.x)}" y="${Math.round(node.y)}" width="${node.width}" height="${node.height}" />` +
        labelFor(node) +
        `</bpmndi:BPMNShape>`,
    );
    if (node.inner) writeDiagram(node.inner, out, indent);
  }
  for (const flow of container.flows) {
    const points = flow.waypoints.map(([x, y]) => `<di:waypoint x="${Math.round(x)}" y="${Math.round(y)}" />`).join('');
    out.push(`${indent}<bpmndi:BPMNEdge id="${flow.id}_di" bpmnElement="${flow.id}">${points}</bpmndi:BPMNEdge>`);
  }
}

function isSmall(node: FlowNode): boolean {
  return node.kind.endsWith('Event') || node.kind.endsWith('Gateway');
}

/** Events and gateways carry their label outside the shape, below it. */
function labelFor(node: FlowNode): string {
  if (!isSmall(node) || !node.name) return '';
  const width = 90;
  const x = node.x + node.width / 2 - width / 2;
  const y = node.y + node.height + 4;
  return `<bpmndi:BPMNLabel><dc:Bounds x="${Math.round(x)}" y="${Math.round(y)}" width="${width}" height="27" /></bpmndi:BPMNLabel>`;
}

// ---------------------------------------------------------------- layout

interface Edge {
  from: FlowNode;
  to: FlowNode;
  boundary: boolean;
}

function layoutContainer(container: Container): { width: number; height: number } {
  const model = container.model;
  for (const node of container.nodes) {
    if (node.inner) {
      const size = layoutContainer(node.inner);
      node.width = size.width + 2 * PAD_X;
      node.height = size.height + PAD_TOP + PAD_BOTTOM;
    }
  }
  const main = container.nodes.filter((node) => node.kind !== 'boundaryEvent');
  const hostOf = (node: FlowNode): FlowNode => (node.attachedTo ? model.nodes.get(node.attachedTo)! : node);
  const edges: Edge[] = container.flows.map((flow) => {
    const source = model.nodes.get(flow.source)!;
    return { from: hostOf(source), to: model.nodes.get(flow.target)!, boundary: source.kind === 'boundaryEvent' };
  });
  const outgoing = (node: FlowNode) =>
    edges.filter((edge) => edge.from === node).sort((a, b) => Number(a.boundary) - Number(b.boundary));

  // Back edges: edges closing a cycle in a depth-first walk from the start nodes.
  const back = new Set<Edge>();
  const state = new Map<FlowNode, 'open' | 'done'>();
  const visit = (node: FlowNode) => {
    state.set(node, 'open');
    for (const edge of outgoing(node)) {
      const seen = state.get(edge.to);
      if (seen === 'open') back.add(edge);
      else if (!seen) visit(edge.to);
    }
    state.set(node, 'done');
  };
  const incomingCount = (node: FlowNode) => edges.filter((edge) => edge.to === node).length;
  for (const node of main) if (incomingCount(node) === 0 && !state.has(node)) visit(node);
  for (const node of main) if (!state.has(node)) visit(node);

  // Layers by longest path over forward edges (Kahn's order).
  const forward = edges.filter((edge) => !back.has(edge));
  const indegree = new Map(main.map((node) => [node, 0]));
  for (const edge of forward) indegree.set(edge.to, (indegree.get(edge.to) ?? 0) + 1);
  const order: FlowNode[] = [];
  const ready = main.filter((node) => indegree.get(node) === 0);
  for (const node of main) node.layer = 0;
  while (ready.length > 0) {
    const node = ready.shift()!;
    order.push(node);
    for (const edge of forward.filter((e) => e.from === node)) {
      edge.to.layer = Math.max(edge.to.layer, node.layer + 1);
      indegree.set(edge.to, indegree.get(edge.to)! - 1);
      if (indegree.get(edge.to) === 0) ready.push(edge.to);
    }
  }

  // Rows: the first branch keeps its predecessor's row, further branches and boundary paths go below. A
  // flow runs along its target's row, so a node only takes a row that is free in every layer its incoming
  // flows cross, and those cells are then kept free of later nodes.
  const occupied = new Set<string>();
  const preferred = new Map<FlowNode, number>();
  const incomingForward = (node: FlowNode) => forward.filter((edge) => edge.to === node);
  const fits = (node: FlowNode, row: number) =>
    !occupied.has(`${node.layer}:${row}`) &&
    incomingForward(node).every((edge) => {
      for (let layer = edge.from.layer + 1; layer < node.layer; layer++) if (occupied.has(`${layer}:${row}`)) return false;
      return true;
    });
  for (const node of order) {
    let row = preferred.get(node) ?? 0;
    while (!fits(node, row)) row++;
    node.row = row;
    occupied.add(`${node.layer}:${row}`);
    for (const edge of incomingForward(node)) {
      for (let layer = edge.from.layer + 1; layer < node.layer; layer++) occupied.add(`${layer}:${row}`);
    }
    let offset = 0;
    for (const edge of forward.filter((e) => e.from === node)) {
      const wanted = node.row + offset + (edge.boundary ? 1 : 0);
      offset++;
      const current = preferred.get(edge.to);
      preferred.set(edge.to, current === undefined ? wanted : Math.min(current, wanted));
    }
  }

  const layers = Math.max(0, ...main.map((node) => node.layer)) + 1;
  const rows = Math.max(0, ...main.map((node) => node.row)) + 1;
  const columnWidth = Array.from({ length: layers }, (_, layer) =>
    Math.max(36, ...main.filter((node) => node.layer === layer).map((node) => node.width)),
  );
  const rowHeight = Array.from({ length: rows }, (_, row) => Math.max(80, ...main.filter((node) => node.row === row).map((node) => node.height)));
  const columnLeft: number[] = [];
  let x = 0;
  for (let layer = 0; layer < layers; layer++) {
    columnLeft.push(x);
    x += columnWidth[layer]! + COLUMN_GAP;
  }
  const rowTop: number[] = [];
  let y = 0;
  for (let row = 0; row < rows; row++) {
    rowTop.push(y);
    y += rowHeight[row]! + ROW_GAP;
  }
  for (const node of main) {
    // Every shape's anchor (see `anchorY`) lies on its row's centre line, so straight flows stay
    // straight; tall subprocesses hang from the row's top.
    node.x = columnLeft[node.layer]! + (columnWidth[node.layer]! - node.width) / 2;
    node.y = node.kind === 'subProcess' ? rowTop[node.row]! : rowTop[node.row]! + 40 - node.height / 2;
    node.columnRight = columnLeft[node.layer]! + columnWidth[node.layer]!;
    node.rowBottom = rowTop[node.row]! + rowHeight[node.row]!;
  }
  // Boundary events sit on their host's lower edge, spread from the left.
  const perHost = new Map<FlowNode, number>();
  for (const node of container.nodes.filter((n) => n.kind === 'boundaryEvent')) {
    const host = hostOf(node);
    const index = perHost.get(host) ?? 0;
    perHost.set(host, index + 1);
    const spacing = host.kind === 'subProcess' ? 70 : 36;
    node.x = host.x + (host.kind === 'subProcess' ? 40 : 14) + index * spacing;
    node.y = host.y + host.height - 18;
  }
  return { width: Math.max(0, x - COLUMN_GAP), height: Math.max(0, y - ROW_GAP) + 40 };
}

function place(container: Container, offsetX: number, offsetY: number): void {
  for (const node of container.nodes) {
    node.x += offsetX;
    node.y += offsetY;
    node.columnRight += offsetX;
    node.rowBottom += offsetY;
    if (node.inner) place(node.inner, node.x + PAD_X, node.y + PAD_TOP);
  }
}

/** Where flows enter and leave a shape: its middle, or 40 px below a subprocess's top edge. */
function anchorY(node: FlowNode): number {
  return node.kind === 'subProcess' ? node.y + 40 : node.y + node.height / 2;
}

function route(container: Container): void {
  const model = container.model;
  const backLane = new Map<number, number>();
  for (const flow of container.flows) {
    const source = model.nodes.get(flow.source)!;
    const target = model.nodes.get(flow.target)!;
    const host = source.attachedTo ? model.nodes.get(source.attachedTo)! : source;
    const sx = source.x + source.width / 2;
    const sy = anchorY(source);
    const tx = target.x + target.width / 2;
    const ty = anchorY(target);
    const targetLeft = target.x;
    const isBack = target.layer <= host.layer && target !== host && !(source.kind === 'boundaryEvent');
    // Vertical runs stay in the gaps between columns and rows, so no flow crosses a shape.
    const gapAfter = (node: FlowNode) => node.columnRight + COLUMN_GAP / 2;
    if (source.kind === 'boundaryEvent') {
      const bottom = source.y + source.height;
      // Down into the gap under the host's row, right to the gap after its column, then to the target.
      const under = host.rowBottom + 12 + (source.x - host.x) / 20;
      flow.waypoints = [[sx, bottom], [sx, under], [gapAfter(host), under], [gapAfter(host), ty], [targetLeft, ty]];
    } else if (isBack) {
      const lowerRow = source.row >= target.row ? source : target;
      const lane = (backLane.get(lowerRow.row) ?? 0) + 1;
      backLane.set(lowerRow.row, lane);
      const below = lowerRow.rowBottom + 8 + lane * 6;
      flow.waypoints = [[sx, source.y + source.height], [sx, below], [tx, below], [tx, target.y + target.height]];
    } else if (Math.abs(sy - ty) < 1) {
      flow.waypoints = [[source.x + source.width, sy], [targetLeft, ty]];
    } else {
      const turn = gapAfter(source);
      flow.waypoints = [[source.x + source.width, sy], [turn, sy], [turn, ty], [targetLeft, ty]];
    }
  }
  for (const node of container.nodes) if (node.inner) route(node.inner);
}
