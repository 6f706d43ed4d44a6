import type { Key, ProcessPermissionCheck, RejectionType } from '../api';
import type { EngineRecord, RecordDraft } from '../protocol';
import { applyEvent, type EngineState } from '../state';
import type { ConditionalWork, ProcessingContext, SideEffects } from './processing-context';

/** How one external command ended: the answer for its caller. */
export interface CommandOutcome {
  value?: unknown;
  rejection?: { type: RejectionType; reason: string };
  /** The caller is answered later, by {@link ProcessingContext.answerDeferred} with this waiting key. */
  deferredTo?: string;
}

/**
 * The {@link ProcessingContext} of one batch entry (an external command and its follow-ups). One object is
 * reused for each command of the entry, so the hot path allocates no closures per command.
 */
export class CommandProcessingContext implements ProcessingContext {
  command!: EngineRecord;
  /** Whether `command` is the entry's external command (only it answers its caller). */
  isFirst = true;
  readonly outcome: CommandOutcome = {};
  /** Follow-up commands written and not processed yet, in order. */
  readonly pending: EngineRecord[] = [];
  /** Answers for callers of earlier entries that waited (see {@link deferResponse}), in order. */
  readonly deferredAnswers: { waitKey: string; outcome: CommandOutcome }[] = [];
  /** Variable changes and opened conditional subscriptions of the current command (see ProcessingContext). */
  readonly conditionals: ConditionalWork = { variableChanges: [], opened: new Set() };

  constructor(
    readonly state: EngineState,
    readonly now: number,
    readonly actor: string | undefined,
    readonly sideEffects: SideEffects,
    private readonly append: (draft: RecordDraft, sourcePosition: number) => EngineRecord,
    private readonly permissions?: ProcessPermissionCheck,
  ) {}

  permits(resourceType: 'PROCESS_DEFINITION' | 'MESSAGE', permission: string, resourceId: string, actor: string | undefined = this.actor): boolean {
    return actor === undefined || !this.permissions || this.permissions.allows(actor, resourceType, permission, resourceId);
  }

  newKey(): Key {
    return this.state.keys.nextKey();
  }

  writeEvent(key: Key, valueType: string, intent: string, value: Record<string, unknown>): EngineRecord {
    const record = this.append({ key, recordType: 'EVENT', valueType, intent, value, actor: this.actor }, this.command.position);
    applyEvent(this.state, record);
    return record;
  }

  writeCommand(key: Key, valueType: string, intent: string, value: Record<string, unknown>): void {
    this.pending.push(this.append({ key, recordType: 'COMMAND', valueType, intent, value, actor: this.actor }, this.command.position));
  }

  reject(type: RejectionType, reason: string): void {
    const command = this.command;
    this.append(
      {
        key: command.key,
        recordType: 'COMMAND_REJECTION',
        valueType: command.valueType,
        intent: command.intent,
        value: command.value,
        actor: this.actor,
        rejectionType: type,
        rejectionReason: reason,
      },
      command.position,
    );
    if (this.isFirst) this.outcome.rejection = { type, reason };
  }

  respond(value: unknown): void {
    if (this.isFirst) this.outcome.value = value;
  }

  pendingMessageCorrelation: { messageKey: Key; value: Record<string, unknown> } | undefined;

  respondFromFollowUp(value: unknown): void {
    this.outcome.value = value;
  }

  deferResponse(waitKey: string): void {
    this.outcome.deferredTo = waitKey;
  }

  answerDeferred(waitKey: string, outcome: CommandOutcome): void {
    this.deferredAnswers.push({ waitKey, outcome });
  }
}
