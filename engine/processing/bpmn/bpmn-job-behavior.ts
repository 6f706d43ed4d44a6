// Jobs of elements (Zeebe's BpmnJobBehavior): evaluating a job's type, retries and headers, writing it
// (pushed at once to an open job stream), and canceling an element's job or Camunda user task.
import type { Key } from '../../api';
import type { FlowNode } from '../../model';
import { IncidentIntent, JobIntent, UserTaskIntent, ValueType } from '../../protocol';
import { splitCandidateList } from '../../model/candidate-list';
import { incidentsOf, type ElementInstance } from '../../state';
import { MAX_JOB_MESSAGE_BYTES, activatedJobBytes, activatedJobOf, jobTooLargeMessage, writeJobsActivated } from '../job-activation';
import { typeName } from './expression-behavior';
import { userTaskWaitKey } from './user-task-listener-behavior';
import { failure, isFailure, type Failure } from './failure';
import type { BpmnBehaviors } from './bpmn-behaviors';

/** A job ready to be written: evaluated type, retries and headers. */
export interface JobPlan {
  type: string;
  retries: number;
  headers: Record<string, string>;
  /** Zeebe's JobKind; absent = BPMN_ELEMENT (the element's own job). */
  jobKind?: 'BPMN_ELEMENT' | 'EXECUTION_LISTENER' | 'TASK_LISTENER' | 'AD_HOC_SUB_PROCESS';
  /** Zeebe's JobListenerEventType of a listener job (START, END, CREATING, …). */
  listenerEventType?: string;
}

/** Creates and cancels the jobs (and Camunda user tasks) element instances hold. */
export class BpmnJobBehavior {
  constructor(private readonly b: BpmnBehaviors) {}

  /** Evaluate what the element's job needs (type, retries) without writing anything. */
  prepareJob(instance: ElementInstance, node: FlowNode, extraHeaders: Record<string, string> = {}): JobPlan | Failure {
    const job = node.job!;
    const type = this.b.expressions.string(job.type, instance.key, 'job type');
    if (isFailure(type)) return type;
    const retriesValue = this.b.expressions.property(job.retries, instance.key);
    if (isFailure(retriesValue)) return retriesValue;
    const retries = Number(retriesValue);
    if (!Number.isInteger(retries)) {
      return failure('EXTRACT_VALUE_ERROR', `Expected result of the expression '${job.retries}' to be 'NUMBER', but was '${typeName(retriesValue)}'.`);
    }
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries({ ...job.headers, ...extraHeaders })) {
      // Job-based user task headers may hold expressions; workers see their values.
      if (key.startsWith('io.camunda.zeebe:') && value.startsWith('=')) {
        const evaluated = this.b.expressions.property(value, instance.key);
        if (isFailure(evaluated)) return evaluated;
        headers[key] = isCandidateListHeader(key)
          ? JSON.stringify(typeof evaluated === 'string' ? splitCandidateList(evaluated) : evaluated)
          : typeof evaluated === 'string'
            ? evaluated
            : JSON.stringify(evaluated);
      } else {
        headers[key] = value;
      }
    }
    return { type, retries, headers };
  }

  /**
   * Write JOB CREATED for a prepared job. As Zeebe's job push: when a job stream for its type is open, the
   * job is activated for that stream in the same batch and pushed once the batch commits; otherwise polling
   * workers hear about it after the commit.
   */
  writeJob(instance: ElementInstance, plan: JobPlan): Key {
    const v = instance.value;
    const key = this.b.ctx.newKey();
    this.b.ctx.writeEvent(key, ValueType.JOB, JobIntent.CREATED, {
      type: plan.type,
      worker: '',
      retries: plan.retries,
      retryBackoff: 0,
      recurringTime: -1,
      deadline: -1,
      timeout: -1,
      errorMessage: '',
      errorCode: '',
      customHeaders: plan.headers,
      variables: {},
      elementId: v.elementId,
      elementInstanceKey: instance.key,
      processInstanceKey: v.processInstanceKey,
      bpmnProcessId: v.bpmnProcessId,
      processDefinitionVersion: v.version,
      processDefinitionKey: v.processDefinitionKey,
      tenantId: v.tenantId,
      jobKind: plan.jobKind ?? 'BPMN_ELEMENT',
      listenerEventType: plan.listenerEventType ?? 'UNSPECIFIED',
    });
    const stream = this.b.ctx.sideEffects.jobStreamFor(plan.type, String(v.tenantId));
    if (stream) {
      const deadline = this.b.ctx.now + stream.activator.timeout;
      const job = activatedJobOf(this.b.ctx, key, stream.activator, deadline);
      const bytes = activatedJobBytes(job);
      // Too large to push: an incident, as for a polled activation (Zeebe's MESSAGE_SIZE_EXCEEDED).
      if (bytes > MAX_JOB_MESSAGE_BYTES) {
        this.b.raiseIncident(instance, { errorType: 'MESSAGE_SIZE_EXCEEDED', message: jobTooLargeMessage(key, bytes) }, key);
        return key;
      }
      writeJobsActivated(this.b.ctx, stream.activator, [job], deadline);
      stream.deliver(job);
    } else {
      this.b.ctx.sideEffects.jobsAvailable(plan.type);
    }
    return key;
  }

  /**
   * Cancel the job (or Camunda user task) an element holds. Returns true when the task's canceling listeners
   * run first: the element's termination then waits for them.
   */
  cancelJobOf(instance: ElementInstance): boolean {
    if (instance.jobKey) {
      const job = this.b.state.jobs.get(instance.jobKey);
      const incidents = job ? incidentsOf(this.b.state, job.value.elementInstanceKey).filter((incident) => incident.value.jobKey === job.key) : [];
      // As Zeebe, a job whose error a catch event caught is over: terminating its task does not cancel it again.
      // (An uncaught error leaves the job with its UNHANDLED_ERROR_EVENT incident; that one is canceled.)
      const caughtError = job?.state === 'ERROR_THROWN' && incidents.length === 0;
      if (job && !caughtError) {
        for (const incident of incidents) this.b.ctx.writeEvent(incident.key, ValueType.INCIDENT, IncidentIntent.RESOLVED, incident.value);
        this.b.ctx.writeEvent(job.key, ValueType.JOB, JobIntent.CANCELED, { ...job.value });
      }
    }
    if (instance.userTaskKey) {
      const task = this.b.state.userTasks.get(instance.userTaskKey);
      if (task) {
        const value = task.value;
        if (task.state !== 'CREATED') {
          // A caller waiting for this task's listeners (an assignment, update or completion) hears it is over.
          this.b.ctx.answerDeferred(userTaskWaitKey(task.key), {
            rejection: { type: 'INVALID_STATE', reason: `Expected to ${TRANSITION_VERBS[task.state] ?? 'change'} user task with key '${task.key}', but it was canceled while its task listeners ran` },
          });
        }
        this.b.ctx.writeEvent(task.key, ValueType.USER_TASK, UserTaskIntent.CANCELING, value);
        if (this.b.taskListeners.hasListeners(this.b.nodeOf(instance), 'CANCELING')) {
          this.b.taskListeners.proceed(task.key);
          return true;
        }
        this.b.ctx.writeEvent(task.key, ValueType.USER_TASK, UserTaskIntent.CANCELED, value);
      }
    }
    return false;
  }
}

/** The command verb of each user task transition, for messages. */
const TRANSITION_VERBS: Record<string, string> = { CREATING: 'create', ASSIGNING: 'assign', UPDATING: 'update', COMPLETING: 'complete', CANCELING: 'cancel' };

/** Headers Zeebe always writes as a JSON list, whatever form the model's value took. */
function isCandidateListHeader(key: string): boolean {
  return key === 'io.camunda.zeebe:candidateGroups' || key === 'io.camunda.zeebe:candidateUsers';
}
