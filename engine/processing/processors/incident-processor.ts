import { IncidentIntent, ValueType } from '../../protocol';
import type { CommandProcessor } from '../processing-context';
import { bpmnBehaviors } from './behaviors';

/**
 * INCIDENT RESOLVE: the incident goes, and the element continues where it failed (activation or completion is
 * run again); a job incident makes the job activatable again if it has retries left.
 */
export const incidentProcessor: CommandProcessor = {
  process(command, ctx) {
    const incident = ctx.state.incidents.get(command.key);
    if (!incident) {
      return ctx.reject('NOT_FOUND', `Expected to resolve incident with key '${command.key}', but no such incident was found`);
    }
    ctx.writeEvent(command.key, ValueType.INCIDENT, IncidentIntent.RESOLVED, incident.value);
    ctx.respond({});
    const b = bpmnBehaviors(ctx);
    const instance = ctx.state.elementInstances.get(incident.value.elementInstanceKey);
    if (incident.value.jobKey !== '-1') {
      const job = ctx.state.jobs.get(incident.value.jobKey);
      if (!job) return;
      if (job.value.retries <= 0 && instance) {
        // Zeebe: without retries the job fails again at once; update the retries first.
        b.raiseIncident(instance, { errorType: incident.value.errorType as 'JOB_NO_RETRIES', message: incident.value.errorMessage }, job.key);
      } else {
        ctx.sideEffects.jobsAvailable(job.value.type);
      }
      return;
    }
    if (!instance) return;
    // A task listener's expression failed: the user task transition runs its listeners again from the first.
    const task = instance.userTaskKey ? ctx.state.userTasks.get(instance.userTaskKey) : undefined;
    if (task && task.state !== 'CREATED') return b.taskListeners.proceed(task.key);
    if (instance.state === 'ELEMENT_ACTIVATING') b.runActivation(instance);
    else if (instance.state === 'ELEMENT_COMPLETING') b.runCompletion(instance);
    // A process's cancel listener (8.10) failed before its job was created: try that listener again.
    else if (instance.state === 'ELEMENT_TERMINATING' && instance.value.bpmnElementType === 'PROCESS') b.terminated(instance);
    else if (instance.state === 'ELEMENT_ACTIVATED') {
      // Failures after activation (an uncaught error end event, a job creation): run the element's activation again.
      const node = b.nodeOf(instance);
      if (node.type === 'END_EVENT' && node.eventType === 'ERROR') {
        if (!b.throwError(instance, node.errorCode!)) {
          b.raiseIncident(instance, {
            errorType: 'UNHANDLED_ERROR_EVENT',
            message: `Expected to throw an error event with the code '${node.errorCode}', but it was not caught. No error events are available in the scope.`,
          });
        }
      }
    }
  },
};
