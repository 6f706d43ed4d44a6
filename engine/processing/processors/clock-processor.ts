import { ClockIntent, ValueType } from '../../protocol';
import type { CommandProcessor } from '../processing-context';

/** CLOCK PIN / RESET: the engine clock was moved; the record says when and by whom (the audit trail reads it). */
export const clockProcessor: CommandProcessor = {
  process(command, ctx) {
    const time = Number((command.value as { time?: number }).time ?? ctx.now);
    const intent = command.intent === ClockIntent.RESET ? ClockIntent.RESETTED : ClockIntent.PINNED;
    ctx.writeEvent(ctx.newKey(), ValueType.CLOCK, intent, { time });
    ctx.respond({ time });
  },
};
