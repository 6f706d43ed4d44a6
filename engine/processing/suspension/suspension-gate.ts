import { JobIntent, ProcessInstanceSuspensionIntent, TimerIntent, UserTaskIntent, IncidentIntent, ValueType } from '../../protocol';
import type { EngineRecord } from '../../protocol';
import type { ElementInstance } from '../../state';
import type { CommandProcessor, ProcessingContext } from '../processing-context';
import { suspendedProcess } from './suspended-instances';

/** Park the command on the suspended instance: a DEFERRED event carrying it, written again on resumption. */
function park(ctx: ProcessingContext, process: ElementInstance, command: EngineRecord): void {
  ctx.writeEvent(process.key, ValueType.PROCESS_INSTANCE_SUSPENSION, ProcessInstanceSuspensionIntent.DEFERRED, {
    processInstanceKey: process.key,
    bpmnProcessId: process.value.bpmnProcessId,
    processDefinitionKey: process.value.processDefinitionKey,
    tenantId: process.value.tenantId,
    command: { key: command.key, valueType: command.valueType, intent: command.intent, value: command.value },
  });
}

function isParked(process: ElementInstance, valueType: string, key: string, intents: readonly string[]): boolean {
  return (process.suspension?.deferred ?? []).some((c) => c.valueType === valueType && c.key === key && intents.includes(c.intent));
}

/** The refusal people read when they act on a suspended instance (REST 409), in English and Chinese. */
function refuse(ctx: ProcessingContext, action: string, process: ElementInstance): void {
  ctx.reject(
    'INVALID_STATE',
    `Expected to ${action}, but its process instance '${process.key}' is suspended; resume it first / 流程实例 ${process.key} 已挂起，恢复后才能办理`,
  );
}

/**
 * Decides what happens to a command that touches a suspended process instance before its processor sees it:
 * true when the gate handled it (parked or refused). Commands that would move the instance on are parked —
 * a worker's completion or error is accepted and applied on resumption, a due timer fires on resumption —
 * and commands people send interactively (completing a user task, resolving an incident) are refused with
 * a clear reason, so nobody believes a case moved on when it did not.
 */
function gate(command: EngineRecord, ctx: ProcessingContext): boolean {
  const state = ctx.state;
  switch (command.valueType) {
    case ValueType.JOB: {
      const job = state.jobs.get(command.key);
      const process = job && suspendedProcess(state, job.value.processInstanceKey);
      if (!job || !process) return false;
      if (command.intent === JobIntent.COMPLETE || command.intent === JobIntent.THROW_ERROR) {
        if (job.state !== 'ACTIVATED' && job.state !== 'ACTIVATABLE') return false;
        if (isParked(process, ValueType.JOB, job.key, [JobIntent.COMPLETE, JobIntent.THROW_ERROR])) {
          ctx.reject('INVALID_STATE', `Expected to ${command.intent === JobIntent.COMPLETE ? 'complete' : 'throw an error for'} job with key '${job.key}', but a completion is already waiting for its suspended process instance to resume`);
          return true;
        }
        park(ctx, process, command);
        ctx.respond({});
        return true;
      }
      // The worker's answer waits for the resumption: the job must not time out and go to another worker meanwhile.
      if (command.intent === JobIntent.TIME_OUT && isParked(process, ValueType.JOB, job.key, [JobIntent.COMPLETE, JobIntent.THROW_ERROR])) {
        ctx.reject('INVALID_STATE', `Expected to time out job with key '${job.key}', but its completion waits for its suspended process instance to resume`);
        return true;
      }
      return false;
    }
    case ValueType.TIMER: {
      if (command.intent !== TimerIntent.TRIGGER) return false;
      const timer = state.timers.get(command.key);
      const process = timer && timer.value.dueDate <= ctx.now ? suspendedProcess(state, timer.value.processInstanceKey) : undefined;
      if (!process) return false;
      // After a restart the scheduler finds the due timer again: it is parked once.
      if (isParked(process, ValueType.TIMER, command.key, [TimerIntent.TRIGGER])) {
        ctx.reject('INVALID_STATE', `Expected to trigger timer with key '${command.key}', but it waits for its suspended process instance to resume`);
      } else {
        park(ctx, process, command);
      }
      return true;
    }
    case ValueType.USER_TASK: {
      if (command.intent !== UserTaskIntent.COMPLETE) return false;
      const task = state.userTasks.get(command.key);
      const process = task && suspendedProcess(state, task.value.processInstanceKey);
      if (!process) return false;
      refuse(ctx, `complete user task with key '${command.key}'`, process);
      return true;
    }
    case ValueType.INCIDENT: {
      if (command.intent !== IncidentIntent.RESOLVE) return false;
      const incident = state.incidents.get(command.key);
      const process = incident && suspendedProcess(state, incident.value.processInstanceKey);
      if (!process) return false;
      refuse(ctx, `resolve incident with key '${command.key}'`, process);
      return true;
    }
    default:
      return false;
  }
}

/** Value types whose commands the gate looks at. */
const GATED = [ValueType.JOB, ValueType.TIMER, ValueType.USER_TASK, ValueType.INCIDENT] as const;

/** Wraps the processors of the gated value types so that suspended instances stand still (see {@link gate}). */
export function withSuspensionGate(processors: Map<string, CommandProcessor>): Map<string, CommandProcessor> {
  for (const valueType of GATED) {
    const inner = processors.get(valueType);
    if (!inner) continue;
    processors.set(valueType, {
      process(command, ctx) {
        if (!gate(command, ctx)) inner.process(command, ctx);
      },
    });
  }
  return processors;
}
