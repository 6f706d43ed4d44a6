import type { EngineRecord } from '../../../api';
import { isoDate, num, str } from '../../../history/record-values';

export type InstanceState = 'ACTIVE' | 'COMPLETED' | 'TERMINATED';

/** A process instance as `POST /v2/process-instances/search` answers it. */
export interface ProcessInstanceView {
  processInstanceKey: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  processDefinitionName?: string;
  processDefinitionVersion: number;
  processDefinitionVersionTag?: string;
  state: InstanceState;
  startDate: string;
  endDate?: string;
  hasIncident: boolean;
  tenantId: string;
  parentProcessInstanceKey?: string;
  parentElementInstanceKey?: string;
}

/** An element instance as `POST /v2/element-instances/search` answers it. */
export interface ElementInstanceView {
  elementInstanceKey: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  elementId: string;
  elementName?: string;
  type: string;
  state: InstanceState;
  startDate: string;
  endDate?: string;
  hasIncident: boolean;
  incidentKey?: string;
  tenantId: string;
  /** The enclosing scope's element instance key (the process instance for top-level elements). */
  flowScopeKey?: string;
}

/** Process and element instances from PROCESS_INSTANCE events, indexed by process instance. */
export class ProcessInstanceProjection {
  readonly processInstances = new Map<string, ProcessInstanceView>();
  readonly elementInstances = new Map<string, ElementInstanceView>();
  readonly elementsByProcessInstance = new Map<string, Set<string>>();

  apply(record: EngineRecord): void {
    if (record.valueType !== 'PROCESS_INSTANCE' || record.recordType !== 'EVENT') return;
    const value = record.value;
    const key = record.key;
    const type = str(value, 'bpmnElementType') ?? 'UNSPECIFIED';
    const processInstanceKey = str(value, 'processInstanceKey') ?? key;
    if (record.intent === 'ELEMENT_ACTIVATING') {
      const element: ElementInstanceView = {
        elementInstanceKey: key,
        processInstanceKey,
        processDefinitionKey: str(value, 'processDefinitionKey') ?? '',
        processDefinitionId: str(value, 'bpmnProcessId') ?? '',
        elementId: str(value, 'elementId') ?? '',
        type,
        state: 'ACTIVE',
        startDate: isoDate(record.timestamp),
        hasIncident: false,
        tenantId: str(value, 'tenantId') ?? '<default>',
      };
      const flowScopeKey = str(value, 'flowScopeKey');
      if (flowScopeKey && flowScopeKey !== '-1') element.flowScopeKey = flowScopeKey;
      this.elementInstances.set(key, element);
      let siblings = this.elementsByProcessInstance.get(processInstanceKey);
      if (!siblings) this.elementsByProcessInstance.set(processInstanceKey, (siblings = new Set()));
      siblings.add(key);
      if (type === 'PROCESS') {
        const instance: ProcessInstanceView = {
          processInstanceKey: key,
          processDefinitionKey: element.processDefinitionKey,
          processDefinitionId: element.processDefinitionId,
          processDefinitionVersion: num(value, 'version') ?? 0,
          state: 'ACTIVE',
          startDate: element.startDate,
          hasIncident: false,
          tenantId: element.tenantId,
        };
        const parent = str(value, 'parentProcessInstanceKey');
        if (parent && parent !== '-1') instance.parentProcessInstanceKey = parent;
        const parentElement = str(value, 'parentElementInstanceKey');
        if (parentElement && parentElement !== '-1') instance.parentElementInstanceKey = parentElement;
        this.processInstances.set(key, instance);
      }
      return;
    }
    if (record.intent === 'ELEMENT_MIGRATED') {
      this.migrate(key, value, type);
      return;
    }
    const ended = record.intent === 'ELEMENT_COMPLETED' ? 'COMPLETED' : record.intent === 'ELEMENT_TERMINATED' ? 'TERMINATED' : undefined;
    if (!ended) return;
    const element = this.elementInstances.get(key);
    if (element) {
      element.state = ended;
      element.endDate = isoDate(record.timestamp);
    }
    const instance = type === 'PROCESS' ? this.processInstances.get(key) : undefined;
    if (instance) {
      instance.state = ended;
      instance.endDate = isoDate(record.timestamp);
    }
  }

  /** A migrated element (or process) instance keeps its key and state and takes its new definition and element id. */
  private migrate(key: string, value: Record<string, unknown>, type: string): void {
    const element = this.elementInstances.get(key);
    if (element) {
      element.processDefinitionKey = str(value, 'processDefinitionKey') ?? element.processDefinitionKey;
      element.processDefinitionId = str(value, 'bpmnProcessId') ?? element.processDefinitionId;
      element.elementId = str(value, 'elementId') ?? element.elementId;
    }
    const instance = type === 'PROCESS' ? this.processInstances.get(key) : undefined;
    if (instance) {
      instance.processDefinitionKey = str(value, 'processDefinitionKey') ?? instance.processDefinitionKey;
      instance.processDefinitionId = str(value, 'bpmnProcessId') ?? instance.processDefinitionId;
      instance.processDefinitionVersion = num(value, 'version') ?? instance.processDefinitionVersion;
    }
  }

  /** An element instance's key and those of its enclosing scopes, innermost first. */
  scopeChain(elementInstanceKey: string): string[] {
    const chain: string[] = [];
    let current: string | undefined = elementInstanceKey;
    while (current && !chain.includes(current)) {
      chain.push(current);
      current = this.elementInstances.get(current)?.flowScopeKey;
    }
    return chain;
  }

  /** Incidents mark their element and process instance. */
  markIncident(elementInstanceKey: string, processInstanceKey: string, incidentKey: string | undefined): void {
    const element = this.elementInstances.get(elementInstanceKey);
    if (element) {
      element.hasIncident = incidentKey !== undefined;
      element.incidentKey = incidentKey;
    }
    const instance = this.processInstances.get(processInstanceKey);
    if (instance) {
      const keys = this.elementsByProcessInstance.get(processInstanceKey) ?? new Set<string>();
      instance.hasIncident = [...keys].some((key) => this.elementInstances.get(key)?.hasIncident);
    }
  }
}
