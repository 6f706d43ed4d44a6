// The commands of EngineApi that are one record each: a client call becomes a command draft, submitted to the
// stream processor, and its answer comes back once the batch holding it is committed. Kept apart from the
// engine's wiring (engine.ts), which supplies `submit`.
import {
  EngineRejection,
  type CommandContext,
  type CorrelateMessageRequest,
  type CreateProcessInstanceRequest,
  type DecisionEvaluationResult,
  type DeniedAttempt,
  type EvaluateDecisionRequest,
  type FailJobRequest,
  type Key,
  type MessageCorrelationResult,
  type MigrateProcessInstanceRequest,
  type ModifyProcessInstanceRequest,
  type ProcessInstanceCreated,
  type PublishMessageRequest,
  type SetVariablesRequest,
  type ThrowErrorRequest,
  type UserTaskChangeset,
  type Variables,
} from './api';
import * as commands from './client-commands';
import { noSubscriptionFound } from './processing/processors/message-correlation-processor';
import { ValueType } from './protocol';

/**
 * The record-per-call commands of {@link EngineApi}: each builds its command and hands it to {@link submit},
 * which the engine implements (refusing while closed or short of disk, answering after commit).
 */
export abstract class EngineCommands {
  /** Submit a command; resolves with its answer once committed, rejects with its rejection. */
  protected abstract submit<T>(draft: commands.CommandDraft, ctx?: CommandContext): Promise<T>;

  async deleteResource(resourceKey: Key, ctx?: CommandContext): Promise<void> {
    await this.submit({ key: resourceKey, valueType: ValueType.RESOURCE_DELETION, intent: 'DELETE', value: { resourceKey } }, ctx);
  }

  async createProcessInstance(req: CreateProcessInstanceRequest, ctx?: CommandContext): Promise<ProcessInstanceCreated> {
    return this.submit({ key: '-1', valueType: ValueType.PROCESS_INSTANCE_CREATION, intent: 'CREATE', value: commands.creationValue(req) }, ctx);
  }

  async cancelProcessInstance(processInstanceKey: Key, ctx?: CommandContext): Promise<void> {
    await this.submit({ key: processInstanceKey, valueType: ValueType.PROCESS_INSTANCE, intent: 'CANCEL', value: { processInstanceKey } }, ctx);
  }

  async modifyProcessInstance(req: ModifyProcessInstanceRequest, ctx?: CommandContext): Promise<void> {
    await this.submit(commands.modifyCommand(req), ctx);
  }

  async migrateProcessInstance(req: MigrateProcessInstanceRequest, ctx?: CommandContext): Promise<void> {
    await this.submit(commands.migrateCommand(req), ctx);
  }

  submitCommand<T = unknown>(command: { key: Key; valueType: string; intent: string; value: Record<string, unknown> }, ctx?: CommandContext): Promise<T> {
    return this.submit<T>(command, ctx);
  }

  /** Complete a job; `result` is Camunda's job result (a task listener's `denied`, `deniedReason`, `corrections`). */
  async completeJob(jobKey: Key, variables?: Variables, ctx?: CommandContext, result?: Record<string, unknown>): Promise<void> {
    await this.submit(commands.completeJobCommand(jobKey, variables, result), ctx);
  }

  async failJob(req: FailJobRequest, ctx?: CommandContext): Promise<void> {
    await this.submit(commands.failJobCommand(req), ctx);
  }

  async throwError(req: ThrowErrorRequest, ctx?: CommandContext): Promise<void> {
    await this.submit(commands.throwErrorCommand(req), ctx);
  }

  async updateJobRetries(jobKey: Key, retries: number, ctx?: CommandContext): Promise<void> {
    await this.submit({ key: jobKey, valueType: ValueType.JOB, intent: 'UPDATE_RETRIES', value: { retries } }, ctx);
  }

  async updateJobTimeout(jobKey: Key, timeoutMs: number, ctx?: CommandContext): Promise<void> {
    await this.submit({ key: jobKey, valueType: ValueType.JOB, intent: 'UPDATE_TIMEOUT', value: { timeout: timeoutMs } }, ctx);
  }

  async publishMessage(req: PublishMessageRequest, ctx?: CommandContext): Promise<{ key: Key; tenantId: string }> {
    return this.submit(commands.publishMessageCommand(req), ctx);
  }

  async correlateMessage(req: CorrelateMessageRequest, ctx?: CommandContext): Promise<MessageCorrelationResult> {
    const result = await this.submit<MessageCorrelationResult | undefined>(commands.correlateMessageCommand(req), ctx);
    // No answer means every waiting instance's process side refused the message (each was already leaving).
    if (!result) throw new EngineRejection('NOT_FOUND', noSubscriptionFound(req.name, req.correlationKey ?? ''));
    return result;
  }

  async broadcastSignal(signalName: string, variables?: Variables, tenantId?: string, ctx?: CommandContext): Promise<{ key: Key; tenantId: string }> {
    return this.submit(commands.broadcastSignalCommand(signalName, variables, tenantId), ctx);
  }

  async setVariables(req: SetVariablesRequest, ctx?: CommandContext): Promise<{ key: Key }> {
    return this.submit(commands.setVariablesCommand(req), ctx);
  }

  async resolveIncident(incidentKey: Key, ctx?: CommandContext): Promise<void> {
    await this.submit({ key: incidentKey, valueType: ValueType.INCIDENT, intent: 'RESOLVE', value: {} }, ctx);
  }

  async evaluateDecision(req: EvaluateDecisionRequest, ctx?: CommandContext): Promise<DecisionEvaluationResult> {
    return this.submit(commands.evaluateDecisionCommand(req), ctx);
  }

  async assignUserTask(userTaskKey: Key, assignee: string, options: { allowOverride?: boolean; action?: string } = {}, ctx?: CommandContext): Promise<void> {
    await this.submit(commands.assignUserTaskCommand(userTaskKey, assignee, options), ctx);
  }

  async unassignUserTask(userTaskKey: Key, ctx?: CommandContext): Promise<void> {
    await this.submit({ key: userTaskKey, valueType: ValueType.USER_TASK, intent: 'ASSIGN', value: { assignee: '', action: 'unassign' } }, ctx);
  }

  async completeUserTask(userTaskKey: Key, variables?: Variables, action?: string, ctx?: CommandContext, asAssignee?: string): Promise<void> {
    await this.submit(commands.completeUserTaskCommand(userTaskKey, variables, action, asAssignee), ctx);
  }

  async updateUserTask(userTaskKey: Key, changeset: UserTaskChangeset, action?: string, ctx?: CommandContext): Promise<void> {
    await this.submit(commands.updateUserTaskCommand(userTaskKey, changeset, action), ctx);
  }

  async recordDeniedAttempt(attempt: DeniedAttempt): Promise<void> {
    const value = { attempted: attempt.attempted, reason: attempt.reason, kind: attempt.kind };
    // The rejection is the record; the promise rejecting with it is the expected outcome.
    await this.submit({ key: '-1', valueType: ValueType.AUTHORIZATION, intent: 'CHECK', value }, { actor: attempt.actor }).catch(() => undefined);
  }
}
