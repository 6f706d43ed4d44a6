/**
 * Case notes (备注) and the reasons for 督办 due-date changes: Camunda has no endpoint for them, so OneGo keeps
 * them in the case itself, as the process variable `onegoCaseNotes` (a list), set through the engine with
 * the person as the command's actor. They are therefore in the record log (durable, replayed, backed up
 * with the case), in the history store's variable changes (the audit trail) and in the audit log; a note
 * can never be edited or removed, only followed by another one.
 */
import type { CommandContext, EngineApi } from '../../engine/api';

/** The variable that holds a case's notes. */
export const CASE_NOTES_VARIABLE = 'onegoCaseNotes';

/** Most characters one note may hold. */
export const MAX_NOTE_LENGTH = 2000;

/** One note, as stored. */
export interface CaseNote {
  /** When it was written (engine clock, ISO-8601). */
  at: string;
  /** Username of the writer. */
  by: string;
  text: string;
  /** `note`: a remark; `due-date`: the reason a supervisor gave for changing a step's due date. */
  kind: 'note' | 'due-date';
  /** The task the note is about, if any. */
  userTaskKey?: string;
  /** The step's name, for reading the history without the model. */
  step?: string;
  /** For `due-date`: the new due date (ISO-8601). */
  dueDate?: string;
}

/** The notes in a variable value (anything else reads as none). */
export function notesOf(value: unknown): CaseNote[] {
  return Array.isArray(value) ? value.filter((note): note is CaseNote => Boolean(note) && typeof note === 'object' && typeof (note as CaseNote).text === 'string') : [];
}

/** Shanghai wall-clock minute. */
function minute(iso: string): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? iso : new Date(at + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** How a note reads in the case history ("备注：…", "调整「审查材料」到期时间为 …，理由：…"). */
export function noteLine(note: CaseNote): string {
  if (note.kind === 'due-date') return `调整${note.step ? `「${note.step}」` : ''}到期时间为 ${note.dueDate ? minute(note.dueDate) : '—'}，理由：${note.text}`;
  return `备注：${note.text}`;
}

/** The notes `after` added to `before` (the variable only ever grows). */
export function addedNotes(before: unknown, after: unknown): CaseNote[] {
  return notesOf(after).slice(notesOf(before).length);
}

/**
 * Appends notes one case at a time: reading the list and setting it again must not interleave with another
 * request for the same case, or one of two notes written at once would be lost.
 */
export class CaseNotesWriter {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly engine: Pick<EngineApi, 'getVariables' | 'setVariables'>) {}

  /** Add `note` to the open case `processInstanceKey`; resolves with the case's notes after it. */
  append(processInstanceKey: string, note: CaseNote, ctx: CommandContext): Promise<CaseNote[]> {
    const previous = this.queues.get(processInstanceKey) ?? Promise.resolve();
    const next = previous.then(async () => {
      const notes = [...notesOf(this.engine.getVariables(processInstanceKey)?.[CASE_NOTES_VARIABLE]), note];
      await this.engine.setVariables({ elementInstanceKey: processInstanceKey, variables: { [CASE_NOTES_VARIABLE]: notes }, local: true }, ctx);
      return notes;
    });
    const settled = next.catch(() => undefined);
    this.queues.set(processInstanceKey, settled);
    void settled.then(() => {
      if (this.queues.get(processInstanceKey) === settled) this.queues.delete(processInstanceKey);
    });
    return next;
  }
}
