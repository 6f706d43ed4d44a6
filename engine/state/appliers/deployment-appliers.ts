import type { DeploymentMetadata } from '../../api';
import type { Applier } from './index';
import type { DecisionDefinition, DecisionRequirementsDefinition, FormDefinition, ProcessDefinition } from '../engine-state';

function addVersion(index: Map<string, string[]>, id: string, tenantId: string, key: string): void {
  const k = `${tenantId}\u0000${id}`;
  const list = index.get(k) ?? [];
  list.push(key);
  index.set(k, list);
}

function removeVersion(index: Map<string, string[]>, id: string, tenantId: string, key: string): void {
  const k = `${tenantId}\u0000${id}`;
  const list = (index.get(k) ?? []).filter((existing) => existing !== key);
  if (list.length === 0) index.delete(k);
  else index.set(k, list);
}

/** Deployed resources: processes, forms, decision requirements and decisions (and their deletion). */
export const deploymentAppliers: Record<string, Applier> = {
  /**
   * Remember which process, decision and form versions each deployment holds, duplicates included (binding
   * type `deployment`).
   */
  'DEPLOYMENT:CREATED': (state, record) => {
    const processes = new Map<string, string>();
    const decisions = new Map<string, string>();
    const forms = new Map<string, string>();
    for (const entry of (record.value.metadata ?? []) as DeploymentMetadata[]) {
      if ('process' in entry) processes.set(entry.process.bpmnProcessId, entry.process.processDefinitionKey);
      else if ('decision' in entry) decisions.set(entry.decision.dmnDecisionId, entry.decision.decisionKey);
      else if ('form' in entry) forms.set(entry.form.formId, entry.form.formKey);
    }
    if (processes.size > 0) state.deployedProcesses.set(record.key, processes);
    if (decisions.size > 0) state.deployedDecisions.set(record.key, decisions);
    if (forms.size > 0) state.deployedForms.set(record.key, forms);
  },
  /** PROCESS CREATED: a new process version becomes the latest. */
  'PROCESS:CREATED': (state, record) => {
    const v = record.value as unknown as ProcessDefinition & { processDefinitionKey: string };
    const definition: ProcessDefinition = {
      key: v.processDefinitionKey,
      bpmnProcessId: v.bpmnProcessId,
      version: v.version,
      resourceName: v.resourceName,
      resource: v.resource,
      checksum: v.checksum,
      tenantId: v.tenantId,
      deploymentKey: v.deploymentKey,
      versionTag: v.versionTag ?? '',
    };
    state.processes.set(definition.key, definition);
    addVersion(state.processVersions, definition.bpmnProcessId, definition.tenantId, definition.key);
  },
  /** PROCESS DELETED: no new instances; running ones keep their definition. */
  'PROCESS:DELETED': (state, record) => {
    const v = record.value as { processDefinitionKey: string; bpmnProcessId: string; tenantId: string };
    removeVersion(state.processVersions, v.bpmnProcessId, v.tenantId, v.processDefinitionKey);
  },
  'FORM:CREATED': (state, record) => {
    const v = record.value as unknown as FormDefinition & { formKey: string };
    state.forms.set(v.formKey, {
      key: v.formKey,
      formId: v.formId,
      version: v.version,
      resourceName: v.resourceName,
      resource: v.resource,
      checksum: v.checksum,
      tenantId: v.tenantId,
      deploymentKey: v.deploymentKey,
      versionTag: v.versionTag ?? '',
    });
    addVersion(state.formVersions, v.formId, v.tenantId, v.formKey);
  },
  'FORM:DELETED': (state, record) => {
    const v = record.value as { formKey: string; formId: string; tenantId: string };
    removeVersion(state.formVersions, v.formId, v.tenantId, v.formKey);
    state.forms.delete(v.formKey);
  },
  'DECISION_REQUIREMENTS:CREATED': (state, record) => {
    const v = record.value as unknown as DecisionRequirementsDefinition & { decisionRequirementsKey: string };
    state.decisionRequirements.set(v.decisionRequirementsKey, {
      key: v.decisionRequirementsKey,
      decisionRequirementsId: v.decisionRequirementsId,
      decisionRequirementsName: v.decisionRequirementsName,
      version: v.version,
      resourceName: v.resourceName,
      resource: v.resource,
      checksum: v.checksum,
      tenantId: v.tenantId,
      deploymentKey: v.deploymentKey,
    });
    addVersion(state.decisionRequirementsVersions, v.decisionRequirementsId, v.tenantId, v.decisionRequirementsKey);
  },
  'DECISION_REQUIREMENTS:DELETED': (state, record) => {
    const v = record.value as { decisionRequirementsKey: string; decisionRequirementsId: string; tenantId: string };
    removeVersion(state.decisionRequirementsVersions, v.decisionRequirementsId, v.tenantId, v.decisionRequirementsKey);
    state.decisionRequirements.delete(v.decisionRequirementsKey);
  },
  'DECISION:CREATED': (state, record) => {
    const v = record.value as unknown as DecisionDefinition & { decisionKey: string };
    state.decisions.set(v.decisionKey, {
      key: v.decisionKey,
      decisionId: v.decisionId,
      decisionName: v.decisionName,
      version: v.version,
      decisionRequirementsId: v.decisionRequirementsId,
      decisionRequirementsKey: v.decisionRequirementsKey,
      tenantId: v.tenantId,
      deploymentKey: v.deploymentKey,
      versionTag: v.versionTag ?? '',
    });
    addVersion(state.decisionVersions, v.decisionId, v.tenantId, v.decisionKey);
  },
  'DECISION:DELETED': (state, record) => {
    const v = record.value as { decisionKey: string; decisionId: string; tenantId: string };
    removeVersion(state.decisionVersions, v.decisionId, v.tenantId, v.decisionKey);
    state.decisions.delete(v.decisionKey);
  },
};
