// How the engine's direct reads (GetUserTask, GetForm, a process definition's XML) present live state
// entries in the client API's shapes. Reads only; searches go to history.
import type { DecisionRequirementsInfo, FormDefinition, ProcessDefinitionInfo, UserTask } from './api';
import type { DecisionRequirementsDefinition, FormDefinition as DeployedFormEntry, ProcessDefinition, UserTaskEntry } from './state';

/** A live user task as the API shows it. */
export function toUserTask(entry: UserTaskEntry): UserTask {
  const v = entry.value as Record<string, unknown>;
  return {
    userTaskKey: entry.key,
    state: entry.state,
    elementId: String(v.elementId),
    elementInstanceKey: String(v.elementInstanceKey),
    processInstanceKey: String(v.processInstanceKey),
    processDefinitionKey: String(v.processDefinitionKey),
    bpmnProcessId: String(v.bpmnProcessId),
    processDefinitionVersion: Number(v.processDefinitionVersion),
    tenantId: String(v.tenantId),
    assignee: String(v.assignee ?? ''),
    candidateGroups: (v.candidateGroupsList as string[]) ?? [],
    candidateUsers: (v.candidateUsersList as string[]) ?? [],
    dueDate: String(v.dueDate ?? ''),
    followUpDate: String(v.followUpDate ?? ''),
    formKey: String(v.formKey ?? '-1'),
    externalFormReference: String(v.externalFormReference ?? ''),
    priority: Number(v.priority ?? 50),
    customHeaders: (v.customHeaders as Record<string, string>) ?? {},
    creationTimestamp: Number(v.creationTimestamp),
  };
}

/** A deployed form as the API shows it. */
export function toFormDefinition(form: DeployedFormEntry): FormDefinition {
  return { formKey: form.key, formId: form.formId, version: form.version, resourceName: form.resourceName, schema: form.resource, tenantId: form.tenantId };
}

/** A deployed process definition version, with its XML, as the API shows it. */
export function toProcessDefinitionInfo(p: ProcessDefinition): ProcessDefinitionInfo {
  return { processDefinitionKey: p.key, bpmnProcessId: p.bpmnProcessId, version: p.version, resourceName: p.resourceName, tenantId: p.tenantId, bpmnXml: p.resource };
}

/** A deployed decision requirements graph version, with its XML, as the API shows it. */
export function toDecisionRequirementsInfo(drg: DecisionRequirementsDefinition): DecisionRequirementsInfo {
  return {
    decisionRequirementsKey: drg.key,
    dmnDecisionRequirementsId: drg.decisionRequirementsId,
    dmnDecisionRequirementsName: drg.decisionRequirementsName,
    version: drg.version,
    resourceName: drg.resourceName,
    tenantId: drg.tenantId,
    dmnXml: drg.resource,
  };
}
