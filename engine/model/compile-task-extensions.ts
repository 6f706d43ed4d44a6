// The Zeebe extension elements of tasks and throw events, compiled: job definitions and headers (service,
// send, script and business rule tasks with a job, job-based user tasks, message throw events), scripts,
// called decisions, user task assignments and forms, receive task messages and called processes.
import { candidateListHeader } from './candidate-list';
import { checkExpr } from './check-expressions';
import type { FlowNode } from './executable-process';
import { readBinding } from './resource-binding';

/** Read what the element's kind needs from its extension elements into `node`; `extension` finds one by type. */
export function readTaskExtensions(element: any, node: FlowNode, extension: (name: string) => any, report: (id: string, message: string) => void): void {
  const type = node.type;
  const eventType = node.eventType;
  const taskDefinition = extension('zeebe:TaskDefinition');
  const headers: Record<string, string> = {};
  for (const header of extension('zeebe:TaskHeaders')?.values ?? []) headers[header.key] = header.value ?? '';
  if (taskDefinition) {
    node.job = { type: taskDefinition.type ?? '', retries: taskDefinition.retries ?? '3', headers };
    if (!node.job.type) report(element.id, "Must have a non-empty 'zeebe:taskDefinition type'");
    checkExpr(element.id, node.job.type, report, 'job type');
    checkExpr(element.id, node.job.retries, report, 'job retries');
  }
  const script = extension('zeebe:Script');
  const calledDecision = extension('zeebe:CalledDecision');
  switch (type) {
    case 'SERVICE_TASK':
    case 'SEND_TASK':
      if (!taskDefinition) report(element.id, "Must have exactly one 'zeebe:taskDefinition' extension element");
      break;
    case 'SCRIPT_TASK':
      if (script) {
        node.script = { expression: script.expression ?? '', resultVariable: script.resultVariable ?? '' };
        if (!node.script.resultVariable) report(element.id, "Must have a 'resultVariable' on 'zeebe:script'");
        checkExpr(element.id, node.script.expression, report, 'script', true);
      } else if (!taskDefinition) {
        report(element.id, "Must have either a 'zeebe:script' or a 'zeebe:taskDefinition' extension element");
      }
      break;
    case 'BUSINESS_RULE_TASK':
      if (calledDecision) {
        node.calledDecision = {
          decisionId: calledDecision.decisionId ?? '',
          resultVariable: calledDecision.resultVariable ?? '',
          ...readBinding(calledDecision, 'zeebe:calledDecision', element.id, report),
        };
        if (!node.calledDecision.decisionId || !node.calledDecision.resultVariable) {
          report(element.id, "Must have 'decisionId' and 'resultVariable' on 'zeebe:calledDecision'");
        }
      } else if (!taskDefinition) {
        report(element.id, "Must have either a 'zeebe:calledDecision' or a 'zeebe:taskDefinition' extension element");
      }
      break;
    case 'USER_TASK': {
      const native = !!extension('zeebe:UserTask');
      const assignment = extension('zeebe:AssignmentDefinition');
      const schedule = extension('zeebe:TaskSchedule');
      const priority = extension('zeebe:PriorityDefinition');
      const form = extension('zeebe:FormDefinition');
      node.userTask = {
        native,
        assignee: assignment?.assignee || undefined,
        candidateGroups: assignment?.candidateGroups || undefined,
        candidateUsers: assignment?.candidateUsers || undefined,
        dueDate: schedule?.dueDate || undefined,
        followUpDate: schedule?.followUpDate || undefined,
        priority: priority?.priority !== undefined ? String(priority.priority) : undefined,
        formId: form?.formId || undefined,
        formBinding: form?.formId ? readBinding(form, 'zeebe:formDefinition', element.id, report) : undefined,
        formKey: form?.formKey || undefined,
        externalReference: form?.externalReference || undefined,
      };
      for (const [key, value] of Object.entries(node.userTask)) {
        if (typeof value === 'string') checkExpr(element.id, value, report, key);
      }
      if (!native) {
        node.job = { type: 'io.camunda.zeebe:userTask', retries: '1', headers: { ...headers } };
        const ut = node.userTask;
        if (ut.assignee) node.job.headers['io.camunda.zeebe:assignee'] = ut.assignee;
        if (ut.candidateGroups) node.job.headers['io.camunda.zeebe:candidateGroups'] = candidateListHeader(ut.candidateGroups);
        if (ut.candidateUsers) node.job.headers['io.camunda.zeebe:candidateUsers'] = candidateListHeader(ut.candidateUsers);
        if (ut.dueDate) node.job.headers['io.camunda.zeebe:dueDate'] = ut.dueDate;
        if (ut.followUpDate) node.job.headers['io.camunda.zeebe:followUpDate'] = ut.followUpDate;
        if (ut.formKey) node.job.headers['io.camunda.zeebe:formKey'] = ut.formKey;
      }
      break;
    }
    case 'RECEIVE_TASK': {
      const message = element.messageRef;
      if (!message?.name) report(element.id, 'Must reference a message with a name');
      else {
        const subscription = (message.extensionElements?.values ?? []).find((e: any) => e.$type === 'zeebe:Subscription');
        node.message = { name: message.name, correlationKey: subscription?.correlationKey };
        checkExpr(element.id, message.name, report, 'message name');
        if (!node.message.correlationKey) report(element.id, 'Must have a correlation key (zeebe:subscription correlationKey)');
        else checkExpr(element.id, node.message.correlationKey, report, 'correlation key');
      }
      break;
    }
    case 'CALL_ACTIVITY': {
      const called = extension('zeebe:CalledElement');
      if (!called?.processId) report(element.id, "Must have a 'zeebe:calledElement' with a 'processId'");
      else {
        node.calledElement = {
          processId: called.processId,
          ...readBinding(called, 'zeebe:calledElement', element.id, report),
          propagateAllChildVariables: called.propagateAllChildVariables !== false,
          propagateAllParentVariables: called.propagateAllParentVariables !== false,
        };
        checkExpr(element.id, called.processId, report, 'processId');
      }
      break;
    }
    case 'INTERMEDIATE_THROW_EVENT':
    case 'END_EVENT':
      if (eventType === 'MESSAGE' && !taskDefinition) {
        report(element.id, "Must have exactly one 'zeebe:taskDefinition' extension element");
      }
      break;
    default:
      break;
  }
}
