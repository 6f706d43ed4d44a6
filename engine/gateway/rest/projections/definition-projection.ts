import type { EngineRecord } from '../../../api';
import { compileProcesses, parseBpmn, type ExecutableProcess } from '../../../model';
import { num, resourceText, str } from '../../../history/record-values';

/** A deployed process version, as `POST /v2/process-definitions/search` answers it (plus its XML). */
export interface ProcessDefinitionView {
  processDefinitionKey: string;
  processDefinitionId: string;
  name?: string;
  version: number;
  versionTag?: string;
  resourceName: string;
  tenantId: string;
  /** The deployment that created this version (for forms bound with binding type `deployment`). */
  deploymentKey: string;
  /** Set when the resource was deleted: no new instances. */
  deleted: boolean;
}

/** A deployed form version. */
export interface FormView {
  formKey: string;
  formId: string;
  version: number;
  versionTag?: string;
  tenantId: string;
  /** The deployment that created this version. */
  deploymentKey: string;
  /** The form's JSON text. */
  schema: string;
}

/** A deployed decision version. */
export interface DecisionDefinitionView {
  decisionDefinitionKey: string;
  decisionDefinitionId: string;
  name: string;
  version: number;
  decisionRequirementsKey: string;
  decisionRequirementsId: string;
  tenantId: string;
}

/**
 * Deployed processes, forms and decisions from PROCESS / FORM / DECISION records. Element names are not
 * in the records, so each process's XML is compiled once, on first need, to answer them.
 */
export class DefinitionProjection {
  readonly processes = new Map<string, ProcessDefinitionView>();
  readonly forms = new Map<string, FormView>();
  readonly decisions = new Map<string, DecisionDefinitionView>();
  private readonly xml = new Map<string, string>();
  private readonly models = new Map<string, Promise<ExecutableProcess | undefined>>();

  apply(record: EngineRecord): void {
    if (record.recordType !== 'EVENT') return;
    const value = record.value;
    if (record.valueType === 'PROCESS' && record.intent === 'CREATED') {
      const key = str(value, 'processDefinitionKey') ?? record.key;
      const view: ProcessDefinitionView = {
        processDefinitionKey: key,
        processDefinitionId: str(value, 'bpmnProcessId') ?? '',
        version: num(value, 'version') ?? 1,
        resourceName: str(value, 'resourceName') ?? '',
        tenantId: str(value, 'tenantId') ?? '<default>',
        deploymentKey: str(value, 'deploymentKey') ?? '',
        deleted: false,
      };
      const versionTag = str(value, 'versionTag');
      if (versionTag) view.versionTag = versionTag;
      this.processes.set(key, view);
      this.xml.set(key, resourceText(value.resource));
    } else if (record.valueType === 'PROCESS' && record.intent === 'DELETED') {
      const found = this.processes.get(str(value, 'processDefinitionKey') ?? record.key);
      if (found) found.deleted = true;
    } else if (record.valueType === 'FORM' && record.intent === 'CREATED') {
      const key = str(value, 'formKey') ?? record.key;
      this.forms.set(key, {
        formKey: key,
        formId: str(value, 'formId') ?? '',
        version: num(value, 'version') ?? 1,
        versionTag: str(value, 'versionTag') || undefined,
        tenantId: str(value, 'tenantId') ?? '<default>',
        deploymentKey: str(value, 'deploymentKey') ?? '',
        schema: resourceText(value.resource),
      });
    } else if (record.valueType === 'DECISION' && record.intent === 'CREATED') {
      const key = str(value, 'decisionKey') ?? record.key;
      this.decisions.set(key, {
        decisionDefinitionKey: key,
        decisionDefinitionId: str(value, 'decisionId') ?? '',
        name: str(value, 'decisionName') ?? '',
        version: num(value, 'version') ?? 1,
        decisionRequirementsKey: str(value, 'decisionRequirementsKey') ?? '',
        decisionRequirementsId: str(value, 'decisionRequirementsId') ?? '',
        tenantId: str(value, 'tenantId') ?? '<default>',
      });
    } else if (record.valueType === 'DECISION' && record.intent === 'DELETED') {
      this.decisions.delete(str(value, 'decisionKey') ?? record.key);
    }
  }

  /** The BPMN XML of a process definition. */
  processXml(processDefinitionKey: string): string | undefined {
    return this.xml.get(processDefinitionKey);
  }

  /** The compiled model of a process definition (for element and process names). */
  model(processDefinitionKey: string): Promise<ExecutableProcess | undefined> {
    let model = this.models.get(processDefinitionKey);
    if (!model) {
      model = this.compile(processDefinitionKey);
      this.models.set(processDefinitionKey, model);
    }
    return model;
  }

  private async compile(processDefinitionKey: string): Promise<ExecutableProcess | undefined> {
    const xml = this.xml.get(processDefinitionKey);
    const definition = this.processes.get(processDefinitionKey);
    if (!xml || !definition) return undefined;
    const parsed = await parseBpmn(xml);
    if (!parsed.ok) return undefined;
    const compiled = compileProcesses(parsed.value, definition.resourceName);
    if (!compiled.ok) return undefined;
    return compiled.value.find((process) => process.bpmnProcessId === definition.processDefinitionId);
  }

  /** Fill in the process name of every definition not yet named (before answering a search). */
  async nameProcesses(views: Iterable<ProcessDefinitionView>): Promise<void> {
    await Promise.all(
      [...views]
        .filter((view) => view.name === undefined)
        .map(async (view) => {
          const model = await this.model(view.processDefinitionKey);
          view.name = model?.name ?? view.processDefinitionId;
        }),
    );
  }
}
