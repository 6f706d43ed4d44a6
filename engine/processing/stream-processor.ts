import { EngineRejection, type ProcessPermissionCheck, type RejectionType } from '../api';
import type { EngineClock } from '../clock';
import type { RecordLog } from '../log';
import type { EngineRecord, RecordDraft } from '../protocol';
import type { EngineState } from '../state';
import { CommandProcessingContext, type CommandOutcome } from './command-processing-context';
import { evaluateConditionalsAfterCommand } from './processors/conditional-evaluation-processor';
import type { CommandProcessor, SideEffects } from './processing-context';
import { engineServiceLog } from '../logging/service-log';
import { FairCommandQueue } from './fair-command-queue';

/** Who waits for a command's answer: resolved or rejected only after the batch is committed. */
export interface CommandResponder {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface QueuedCommand {
  draft: RecordDraft;
  responder?: CommandResponder;
}

/** Commands processed per batch at most, so one transaction never grows without bound. */
const MAX_COMMANDS_PER_BATCH = 2_000;

/**
 * The one writer. External commands queue up; a batch takes them in order, processes each together with all
 * follow-up commands it causes (so nothing interleaves), appends every record in one transaction (group commit)
 * and only then answers the callers and tells listeners.
 */
/** A batch as metrics see it once it is durable. */
export interface CommittedBatch {
  /** Commands taken from the queue for this batch (follow-up commands not counted). */
  commands: number;
  records: readonly EngineRecord[];
  /** From handing the batch to the log writer to its durable commit. */
  commitMs: number;
}

export class StreamProcessor {
  /** Round robin by caller (issue 13): one caller's backlog never holds another's command for more than a batch. */
  private readonly queue = new FairCommandQueue<QueuedCommand>((entry) => entry.draft.actor);
  private scheduled = false;
  private closed = false;
  private position: number;
  private readonly listeners = new Set<(records: readonly EngineRecord[]) => void>();
  private readonly afterCommit: (() => void)[] = [];
  private inflightCommits = 0;
  private readonly batchObservers = new Set<(batch: CommittedBatch) => void>();
  /** Callers whose answer waits for a later command (see ProcessingContext.deferResponse), by waiting key. */
  private readonly waiting = new Map<string, CommandResponder>();
  /** Why the log stopped taking batches, once it has (the engine then refuses every command). */
  logFailure: Error | undefined;

  constructor(
    private readonly log: RecordLog,
    private readonly state: EngineState,
    private readonly clock: EngineClock,
    private readonly processors: Map<string, CommandProcessor>,
    private readonly sideEffects: SideEffects,
    private readonly permissions?: ProcessPermissionCheck,
  ) {
    this.position = log.position;
  }

  /** Position of the last record processed: state reflects exactly the records up to it (some may still be syncing). */
  get processedPosition(): number {
    return this.position;
  }

  /** Queue a command; it is processed in the next batch. */
  submit(draft: RecordDraft, responder?: CommandResponder): void {
    if (this.logFailure) {
      responder?.reject(logUnwritable(this.logFailure));
      return;
    }
    if (this.closed) {
      responder?.reject(new EngineRejection('RESOURCE_EXHAUSTED', 'Expected to process the command, but the engine is closing'));
      return;
    }
    this.queue.push({ draft, responder });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.runBatch());
    }
  }

  /** Run after the current batch commits (side effects such as notifying job listeners). */
  defer(effect: () => void): void {
    this.afterCommit.push(effect);
  }

  onCommitted(listener: (records: readonly EngineRecord[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Told of every committed batch: how many commands it held and how long its durable commit took (metrics). */
  onBatch(observer: (batch: CommittedBatch) => void): () => void {
    this.batchObservers.add(observer);
    return () => this.batchObservers.delete(observer);
  }

  /** Resolves when nothing is queued and the last batch is committed. */
  async whenIdle(): Promise<void> {
    while (this.scheduled || this.queue.length > 0 || this.inflightCommits > 0) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /**
   * Take commands again after a failed commit (issue 13), from `position` on: the caller has rebuilt state from
   * the durable log, so the effects of every batch that was not written are gone. Callers still waiting for an
   * answer that depended on those batches are told the command failed.
   */
  resume(position: number): void {
    const failure = this.logFailure;
    if (!failure) return;
    this.position = position;
    this.afterCommit.splice(0);
    for (const responder of this.waiting.values()) responder.reject(logUnwritable(failure));
    this.waiting.clear();
    this.logFailure = undefined;
    this.closed = false;
  }

  /** Stop taking commands once the queue is drained. */
  async close(): Promise<void> {
    await this.whenIdle();
    this.closed = true;
  }

  private runBatch(): void {
    this.scheduled = false;
    const entries = this.queue.take(MAX_COMMANDS_PER_BATCH);
    if (this.queue.length > 0) {
      this.scheduled = true;
      setImmediate(() => this.runBatch());
    }
    const records: EngineRecord[] = [];
    const answers: { responder: CommandResponder; outcome: CommandOutcome }[] = [];
    const deferredAnswers: { waitKey: string; outcome: CommandOutcome }[] = [];
    const now = this.clock.now();
    for (const entry of entries) {
      const outcome = this.processEntry(entry.draft, now, records, deferredAnswers);
      if (entry.responder) answers.push({ responder: entry.responder, outcome });
    }
    const effects = this.afterCommit.splice(0);
    this.inflightCommits++;
    const commitStarted = performance.now();
    // The writer thread commits while this thread goes on with the next batch; answers wait for the commit.
    this.log.commit(records).then(
      () => {
        this.inflightCommits--;
        if (this.batchObservers.size > 0 && records.length > 0) {
          const batch: CommittedBatch = { commands: entries.length, records, commitMs: performance.now() - commitStarted };
          for (const observer of this.batchObservers) observer(batch);
        }
        for (const { responder, outcome } of answers) {
          if (outcome.deferredTo !== undefined) this.waiting.set(outcome.deferredTo, responder);
          else answer(responder, outcome);
        }
        // Callers that waited (possibly registered just above, in this same batch) get their answers now.
        for (const { waitKey, outcome } of deferredAnswers) {
          const responder = this.waiting.get(waitKey);
          this.waiting.delete(waitKey);
          if (responder) answer(responder, outcome);
        }
        for (const effect of effects) effect();
        if (records.length > 0) {
          for (const listener of this.listeners) {
            try {
              listener(records);
            } catch (error) {
              // A listener (exporter, projection) failing must not stop the engine or the other listeners.
              engineServiceLog().error({ err: error }, 'a commit listener failed / 提交监听器出错');
            }
          }
        }
      },
      (error: Error) => {
        // The log could not commit: nothing in this batch is acknowledged. State already holds the batch, so
        // the engine takes no command until state is rebuilt from the durable log (Engine's LogWriteRecovery);
        // callers see the failure.
        this.inflightCommits--;
        this.closed = true;
        this.logFailure ??= error;
        engineServiceLog().error({ err: error }, '记录日志写入失败，引擎暂停接收命令，日志可写后自动恢复 / the record log failed; the engine takes no commands until the log is writable again, then resumes by itself');
        for (const { responder } of answers) responder.reject(logUnwritable(error));
      },
    );
  }

  private processEntry(draft: RecordDraft, now: number, records: EngineRecord[], deferredAnswers: { waitKey: string; outcome: CommandOutcome }[]): CommandOutcome {
    const append = (d: RecordDraft, source: number): EngineRecord => {
      const record: EngineRecord = {
        position: ++this.position,
        key: d.key,
        recordType: d.recordType,
        valueType: d.valueType,
        intent: d.intent,
        value: d.value,
        timestamp: now,
        sourceRecordPosition: source,
      };
      if (d.actor !== undefined) record.actor = d.actor;
      if (d.rejectionType) {
        record.rejectionType = d.rejectionType;
        record.rejectionReason = d.rejectionReason;
      }
      records.push(record);
      return record;
    };
    const ctx = new CommandProcessingContext(this.state, now, draft.actor, this.sideEffects, append, this.permissions);
    ctx.pending.push(append(draft, -1));
    let first = true;
    while (ctx.pending.length > 0) {
      const command = ctx.pending.shift()!;
      ctx.command = command;
      ctx.isFirst = first;
      first = false;
      const processor = this.processors.get(command.valueType);
      try {
        if (!processor) {
          ctx.reject('UNIMPLEMENTED', `Expected to process a command of type ${command.valueType}, but no processor handles it`);
        } else {
          processor.process(command, ctx);
          evaluateConditionalsAfterCommand(ctx);
        }
      } catch (error) {
        // A bug, not bad input: record it as a processing error; the events written so far stay consistent
        // with state because they were applied as they were written.
        const message = error instanceof Error ? error.message : String(error);
        engineServiceLog().error({ err: error }, `processing ${command.valueType} ${command.intent} failed / 命令处理出错`);
        ctx.reject('PROCESSING_ERROR', `Expected to process ${command.valueType} ${command.intent}, but it failed: ${message}`);
      }
    }
    deferredAnswers.push(...ctx.deferredAnswers);
    return ctx.outcome;
  }
}

/**
 * The refusal of every command once the log could not be written (disk full, EFBIG, EIO, a read-only file):
 * RESOURCE_EXHAUSTED, as Zeebe refuses commands when its disk is full. The batch that failed was already applied
 * to live state, so the engine cannot go on from it: it keeps answering reads and health (DOWN) and, once the log
 * is writable again, rebuilds state from what the log holds (every acknowledged command) and takes commands again.
 */
function logUnwritable(error: Error): EngineRejection {
  return new EngineRejection(
    'RESOURCE_EXHAUSTED',
    `记录日志无法写入，引擎暂停接收命令；已确认的命令均已保存，磁盘恢复可写后引擎自动恢复，请稍后重试 / Expected to write the command to the record log, but the log cannot be written (${error.message}); the engine takes no commands until the disk is writable again, then resumes by itself (retry later), and every command acknowledged before is kept`,
  );
}

function answer(responder: CommandResponder, outcome: CommandOutcome): void {
  if (outcome.rejection) responder.reject(new EngineRejection(outcome.rejection.type, outcome.rejection.reason));
  else responder.resolve(outcome.value);
}
