/**
 * What one test case's engine has done so far, folded from its committed records — the way Zeebe's own engine
 * tests assert on the record stream. Each test case runs on its own engine, so the fold stays small and every
 * assertion reads exactly what was committed (no eventually consistent search in between).
 */
import type { EngineApi, EngineRecord } from '../../engine/api';

/** An element instance of the run: its element, process and lifecycle. */
export interface RunElementInstance {
  key: string;
  elementId: string;
  elementType: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  /** Order of completion within the run, for IS_COMPLETED_IN_ORDER. */
  completedAt?: number;
}

/** A job of the run. */
export interface RunJob {
  key: string;
  type: string;
  elementId: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  state: 'ACTIVATABLE' | 'DONE';
}

/** A user task of the run. */
export interface RunUserTask {
  key: string;
  elementId: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  state: 'CREATED' | 'COMPLETED' | 'CANCELED';
  assignee: string;
  candidateGroups: string[];
  priority: number;
  dueDate: string;
  followUpDate: string;
}

/** An incident of the run. */
export interface RunIncident {
  key: string;
  elementId: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  resolved: boolean;
}

/** A message subscription of a process instance. */
export interface RunMessageSubscription {
  processInstanceKey: string;
  messageName: string;
  correlationKey: string;
  state: 'WAITING' | 'CORRELATED' | 'DELETED';
}

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

/** The fold; it follows the engine's committed records from the moment it is created. */
export class RunRecords {
  readonly elementInstances = new Map<string, RunElementInstance>();
  readonly jobs = new Map<string, RunJob>();
  readonly userTasks = new Map<string, RunUserTask>();
  readonly incidents = new Map<string, RunIncident>();
  readonly subscriptions = new Map<string, RunMessageSubscription>();
  /** Variable values (parsed JSON) by scope key. */
  readonly variables = new Map<string, Map<string, unknown>>();
  /** Decision evaluations in order (the DECISION_EVALUATION EVALUATED values). */
  readonly decisionEvaluations: Record<string, unknown>[] = [];
  private completions = 0;
  private readonly unsubscribe: () => void;

  constructor(engine: EngineApi) {
    this.unsubscribe = engine.onCommitted((records) => {
      for (const record of records) if (record.recordType === 'EVENT') this.apply(record);
    });
  }

  /** Root process instances in the order they were created. */
  processInstances(): RunElementInstance[] {
    return [...this.elementInstances.values()].filter((instance) => instance.elementType === 'PROCESS');
  }

  close(): void {
    this.unsubscribe();
  }

  private apply(record: EngineRecord): void {
    const value = record.value;
    switch (record.valueType) {
      case 'PROCESS_INSTANCE':
        return this.applyElement(record);
      case 'JOB':
        if (record.intent === 'CREATED') {
          this.jobs.set(record.key, { key: record.key, type: text(value.type), elementId: text(value.elementId), processInstanceKey: text(value.processInstanceKey), bpmnProcessId: text(value.bpmnProcessId), state: 'ACTIVATABLE' });
        } else if (['COMPLETED', 'CANCELED', 'ERROR_THROWN'].includes(record.intent) || (record.intent === 'FAILED' && Number(value.retries) <= 0)) {
          const job = this.jobs.get(record.key);
          if (job) job.state = 'DONE';
        }
        return;
      case 'USER_TASK':
        return this.applyUserTask(record);
      case 'INCIDENT':
        if (record.intent === 'CREATED') this.incidents.set(record.key, { key: record.key, elementId: text(value.elementId), processInstanceKey: text(value.processInstanceKey), bpmnProcessId: text(value.bpmnProcessId), resolved: false });
        else if (record.intent === 'RESOLVED') this.incidents.get(record.key)!.resolved = true;
        return;
      case 'VARIABLE': {
        const scope = text(value.scopeKey);
        if (!this.variables.has(scope)) this.variables.set(scope, new Map());
        this.variables.get(scope)!.set(text(value.name), JSON.parse(text(value.value) || 'null'));
        return;
      }
      case 'PROCESS_MESSAGE_SUBSCRIPTION': {
        const id = `${text(value.elementInstanceKey)}/${text(value.messageName)}`;
        const state = record.intent === 'CREATED' ? 'WAITING' : record.intent === 'CORRELATED' ? 'CORRELATED' : record.intent === 'DELETED' ? 'DELETED' : undefined;
        if (!state) return;
        const known = this.subscriptions.get(id);
        // A correlated subscription stays correlated when it is deleted afterwards.
        if (known?.state === 'CORRELATED' && state === 'DELETED') return;
        this.subscriptions.set(id, { processInstanceKey: text(value.processInstanceKey), messageName: text(value.messageName), correlationKey: text(value.correlationKey), state });
        return;
      }
      case 'DECISION_EVALUATION':
        if (record.intent === 'EVALUATED') this.decisionEvaluations.push(value);
        return;
    }
  }

  private applyElement(record: EngineRecord): void {
    const value = record.value;
    if (value.bpmnElementType === 'SEQUENCE_FLOW') return;
    if (record.intent === 'ELEMENT_ACTIVATING') {
      this.elementInstances.set(record.key, {
        key: record.key,
        elementId: text(value.elementId),
        elementType: text(value.bpmnElementType),
        processInstanceKey: text(value.processInstanceKey),
        bpmnProcessId: text(value.bpmnProcessId),
        state: 'ACTIVE',
      });
      return;
    }
    const instance = this.elementInstances.get(record.key);
    if (!instance) return;
    if (record.intent === 'ELEMENT_COMPLETED') {
      instance.state = 'COMPLETED';
      instance.completedAt = ++this.completions;
    } else if (record.intent === 'ELEMENT_TERMINATED') instance.state = 'TERMINATED';
  }

  private applyUserTask(record: EngineRecord): void {
    const value = record.value;
    if (record.intent === 'CREATED') {
      this.userTasks.set(record.key, {
        key: record.key,
        elementId: text(value.elementId),
        processInstanceKey: text(value.processInstanceKey),
        bpmnProcessId: text(value.bpmnProcessId),
        state: 'CREATED',
        assignee: text(value.assignee),
        candidateGroups: (value.candidateGroupsList as string[] | undefined) ?? [],
        priority: Number(value.priority ?? 50),
        dueDate: text(value.dueDate),
        followUpDate: text(value.followUpDate),
      });
      return;
    }
    const task = this.userTasks.get(record.key);
    if (!task) return;
    if (record.intent === 'COMPLETED') task.state = 'COMPLETED';
    else if (record.intent === 'CANCELED') task.state = 'CANCELED';
    else if (record.intent === 'ASSIGNED') task.assignee = text(value.assignee);
    else if (record.intent === 'UPDATED') {
      task.candidateGroups = (value.candidateGroupsList as string[] | undefined) ?? task.candidateGroups;
      task.priority = Number(value.priority ?? task.priority);
      task.dueDate = text(value.dueDate);
      task.followUpDate = text(value.followUpDate);
    }
  }
}
