import type { UserTaskChangeset, Variables } from '../../api';
import { UserTaskIntent, ValueType } from '../../protocol';
import type { UserTaskEntry } from '../../state';
import type { CommandProcessor, ProcessingContext } from '../processing-context';
import { bpmnBehaviors } from './behaviors';
import { insufficientPermissions } from '../../identity/resource-authorizations';
import { userTaskWaitKey } from '../bpmn/user-task-listener-behavior';

function findTask(ctx: ProcessingContext, verb: string): UserTaskEntry | undefined {
  const task = ctx.state.userTasks.get(ctx.command.key);
  if (!task) {
    ctx.reject('NOT_FOUND', `Expected to ${verb} user task with key '${ctx.command.key}', but no such user task was found`);
    return undefined;
  }
  if (task.state !== 'CREATED') {
    ctx.reject('INVALID_STATE', `Expected to ${verb} user task with key '${ctx.command.key}', but it is in state '${task.state}'`);
    return undefined;
  }
  return task;
}

/** Answer now if the transition settled, or once its task listeners are through (or one denies it). */
function answerOrWait(ctx: ProcessingContext, taskKey: string): void {
  const task = ctx.state.userTasks.get(taskKey);
  if (task && task.state !== 'CREATED') ctx.deferResponse(userTaskWaitKey(taskKey));
  else ctx.respond(task?.value ?? {});
}

/**
 * USER_TASK commands: ASSIGN (and CLAIM: only if unassigned or already the claimant's), UPDATE, COMPLETE.
 * Completion merges the variables into the instance (as a job completion does) and completes the element.
 * Each transition first runs the task's listeners of its event type; COMPLETE_TASK_LISTENER and
 * DENY_TASK_LISTENER (follow-ups of listener job completions) move it on or roll it back.
 */
export const userTaskCommandProcessor: CommandProcessor = {
  process(command, ctx) {
    const v = command.value as { assignee?: string; action?: string; changeset?: UserTaskChangeset; variables?: Variables; allowOverride?: boolean };
    switch (command.intent) {
      case UserTaskIntent.ASSIGN:
      case UserTaskIntent.CLAIM: {
        const task = findTask(ctx, command.intent === UserTaskIntent.CLAIM ? 'claim' : 'assign');
        if (!task) return;
        const assignee = v.assignee ?? '';
        const current = String(task.value.assignee ?? '');
        if ((command.intent === UserTaskIntent.CLAIM || v.allowOverride === false) && current && current !== assignee) {
          return ctx.reject('INVALID_STATE', `Expected to claim user task with key '${command.key}', but it has already been assigned`);
        }
        const action = v.action || (command.intent === UserTaskIntent.CLAIM ? 'claim' : assignee ? 'assign' : 'unassign');
        bpmnBehaviors(ctx).taskListeners.beginAssignment(command.key, assignee, action);
        answerOrWait(ctx, command.key);
        return;
      }
      case UserTaskIntent.UPDATE: {
        const task = findTask(ctx, 'update');
        if (!task) return;
        const changes = v.changeset ?? {};
        const changed: string[] = [];
        const value: Record<string, unknown> = { ...task.value, action: v.action || 'update' };
        if (changes.dueDate !== undefined) (value.dueDate = changes.dueDate ?? ''), changed.push('dueDate');
        if (changes.followUpDate !== undefined) (value.followUpDate = changes.followUpDate ?? ''), changed.push('followUpDate');
        if (changes.candidateGroups !== undefined) (value.candidateGroupsList = changes.candidateGroups ?? []), changed.push('candidateGroupsList');
        if (changes.candidateUsers !== undefined) (value.candidateUsersList = changes.candidateUsers ?? []), changed.push('candidateUsersList');
        if (changes.priority !== undefined && changes.priority !== null) {
          if (!Number.isInteger(changes.priority) || changes.priority < 0 || changes.priority > 100) {
            return ctx.reject('INVALID_ARGUMENT', `Expected the priority to be a number between 0 and 100, but was '${changes.priority}'`);
          }
          value.priority = changes.priority;
          changed.push('priority');
        }
        value.changedAttributes = changed;
        ctx.writeEvent(command.key, ValueType.USER_TASK, UserTaskIntent.UPDATING, value);
        bpmnBehaviors(ctx).taskListeners.proceed(command.key);
        answerOrWait(ctx, command.key);
        return;
      }
      case UserTaskIntent.COMPLETE: {
        const task = findTask(ctx, 'complete');
        if (!task) return;
        // The caller's right to complete rests on being the assignee (Camunda 8.8: USER_TASK COMPLETE for the
        // `assignee` property): checked here, on the task as it is now, never on the gateway's earlier copy.
        if (v.assignee !== undefined && String(task.value.assignee ?? '') !== v.assignee) {
          return ctx.reject('FORBIDDEN', insufficientPermissions('COMPLETE', 'USER_TASK', command.key));
        }
        const variables = v.variables ?? {};
        const value = { ...task.value, variables, action: v.action || 'complete', changedAttributes: [] };
        ctx.writeEvent(command.key, ValueType.USER_TASK, UserTaskIntent.COMPLETING, value);
        // Completing listeners first (if any); the last one's completion writes COMPLETED and completes the element.
        bpmnBehaviors(ctx).taskListeners.proceed(command.key);
        if (ctx.state.userTasks.get(command.key)) ctx.deferResponse(userTaskWaitKey(command.key));
        else ctx.respond(value);
        return;
      }
      case UserTaskIntent.COMPLETE_TASK_LISTENER:
        return bpmnBehaviors(ctx).taskListeners.completeListener(command.key, ((command.value as { corrections?: Record<string, unknown> }).corrections) ?? {});
      case UserTaskIntent.DENY_TASK_LISTENER:
        return bpmnBehaviors(ctx).taskListeners.denyListener(command.key, String((command.value as { deniedReason?: unknown }).deniedReason ?? ''));
      default:
        return ctx.reject('INVALID_ARGUMENT', `Expected a user task command, but got intent ${command.intent}`);
    }
  },
};
