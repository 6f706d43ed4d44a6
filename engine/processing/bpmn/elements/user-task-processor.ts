import { UserTaskIntent, ValueType } from '../../../protocol';
import type { ElementProcessor } from '../element-processor';
import { failure, isFailure, type Failure } from '../failure';
import { typeName } from '../expression-behavior';
import type { BpmnBehaviors } from '../bpmn-behaviors';
import type { Key } from '../../../api';
import { jobTaskActivation } from './job-worker-task-processor';
import { splitCandidateList } from '../../../model/candidate-list';
import type { ResourceBinding } from '../../../model';
import type { EngineState, FormDefinition } from '../../../state';

/** The form version the binding type selects, or Zeebe's FORM_NOT_FOUND message when there is none. */
function linkedForm(state: EngineState, binding: ResourceBinding, formId: string, tenantId: string, processDefinitionKey: Key): FormDefinition | string {
  switch (binding.bindingType) {
    case 'deployment': {
      const deploymentKey = state.processes.get(processDefinitionKey)?.deploymentKey ?? '';
      return (
        state.formInDeployment(formId, deploymentKey) ??
        `Expected to use a form with id '${formId}' with binding type 'deployment', but no such form found in the deployment with key ${deploymentKey} which contained the current process. To resolve this incident, migrate the process instance to a process definition that is deployed together with the intended form to use.`
      );
    }
    case 'versionTag':
      // Zeebe's text block ends this message with a line break.
      return (
        state.latestFormWithVersionTag(formId, binding.versionTag ?? '', tenantId) ??
        `Expected to use a form with id '${formId}' and version tag '${binding.versionTag}', but no such form found. To resolve the incident, deploy a form with the given id and version tag.\n`
      );
    default:
      return (
        state.latestForm(formId, tenantId) ??
        `Expected to find a form with id '${formId}', but no form with this id is found, at least a form with this id should be available. To resolve the Incident please deploy a form with the same id`
      );
  }
}

/** A list property (candidate groups/users): a FEEL list, or comma-separated static text. */
function listProperty(b: BpmnBehaviors, text: string | undefined, scopeKey: Key, what: string): string[] | Failure {
  if (!text) return [];
  const value = b.expressions.property(text, scopeKey, 'EXTRACT_VALUE_ERROR');
  if (isFailure(value)) return value;
  if (typeof value === 'string') return splitCandidateList(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  return failure('EXTRACT_VALUE_ERROR', `Expected result of the expression '${text}' (${what}) to be 'ARRAY' of strings, but was '${typeName(value)}'.`);
}

/** A date property (due/follow-up date): an ISO date-time string, or empty. */
function dateProperty(b: BpmnBehaviors, text: string | undefined, scopeKey: Key): string | Failure {
  if (!text) return '';
  const value = b.expressions.property(text, scopeKey, 'EXTRACT_VALUE_ERROR');
  if (isFailure(value)) return value;
  if (value === null || value === undefined || value === '') return '';
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    return failure('EXTRACT_VALUE_ERROR', `Expected result of the expression '${text}' to be a valid date-time string, but was '${String(value)}'.`);
  }
  return value;
}

/**
 * User tasks. With `zeebe:userTask` a Camunda user task (USER_TASK records, the task list's work item);
 * without it, a job of type `io.camunda.zeebe:userTask` as in older Camunda 8 models.
 */
export const userTaskProcessor: ElementProcessor = {
  onActivate(b, instance, node) {
    const definition = node.userTask!;
    if (!definition.native) return jobTaskActivation(b, instance, node);
    const assignee = definition.assignee ? b.expressions.property(definition.assignee, instance.key) : '';
    if (isFailure(assignee)) return assignee;
    if (assignee !== null && typeof assignee !== 'string') {
      return failure('EXTRACT_VALUE_ERROR', `Expected result of the expression '${definition.assignee}' to be 'STRING', but was '${typeName(assignee)}'.`);
    }
    const candidateGroups = listProperty(b, definition.candidateGroups, instance.key, 'candidateGroups');
    if (isFailure(candidateGroups)) return candidateGroups;
    const candidateUsers = listProperty(b, definition.candidateUsers, instance.key, 'candidateUsers');
    if (isFailure(candidateUsers)) return candidateUsers;
    const dueDate = dateProperty(b, definition.dueDate, instance.key);
    if (isFailure(dueDate)) return dueDate;
    const followUpDate = dateProperty(b, definition.followUpDate, instance.key);
    if (isFailure(followUpDate)) return followUpDate;
    let priority = 50;
    if (definition.priority) {
      const value = b.expressions.property(definition.priority, instance.key);
      if (isFailure(value)) return value;
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0 || n > 100) {
        return failure('EXTRACT_VALUE_ERROR', `Expected priority to be a number between 0 and 100, but was '${String(value)}'.`);
      }
      priority = n;
    }
    let formKey = '-1';
    if (definition.formId) {
      const formId = b.expressions.string(definition.formId, instance.key, 'formId');
      if (isFailure(formId)) return formId;
      const form = linkedForm(b.state, definition.formBinding ?? { bindingType: 'latest' }, formId, instance.value.tenantId, instance.value.processDefinitionKey);
      if (typeof form === 'string') return failure('FORM_NOT_FOUND', form);
      formKey = form.key;
    }
    let externalFormReference = '';
    if (definition.externalReference) {
      const value = b.expressions.string(definition.externalReference, instance.key, 'externalReference');
      if (isFailure(value)) return value;
      externalFormReference = value;
    }
    const failed = b.transitionToActivated(instance);
    if (failed) return failed;
    const v = instance.value;
    const key = b.ctx.newKey();
    const value = {
      userTaskKey: key,
      // As Zeebe: CREATING carries the model's assignee (creating listeners read it); CREATED is unassigned.
      assignee: assignee ?? '',
      candidateGroupsList: candidateGroups,
      candidateUsersList: candidateUsers,
      dueDate,
      followUpDate,
      formKey,
      externalFormReference,
      customHeaders: node.job?.headers ?? {},
      changedAttributes: [] as string[],
      variables: {},
      action: '',
      priority,
      creationTimestamp: b.ctx.now,
      elementId: v.elementId,
      elementInstanceKey: instance.key,
      processInstanceKey: v.processInstanceKey,
      processDefinitionKey: v.processDefinitionKey,
      bpmnProcessId: v.bpmnProcessId,
      processDefinitionVersion: v.version,
      tenantId: v.tenantId,
    };
    b.ctx.writeEvent(key, ValueType.USER_TASK, UserTaskIntent.CREATING, value);
    // Creating listeners first (if any); then CREATED, and the model's assignee is assigned.
    b.taskListeners.proceed(key);
  },
};
