// The clock as clients see it (`PUT /v2/clock`, tests): every move of a controlled clock is also written
// to the log as a CLOCK command, so a restart finds engine time where it was.
import type { CommandContext, EngineClockControl } from '../api';
import type { EngineClock } from './engine-clock';

/** Writes a CLOCK command (PIN or RESET) for a move of the clock, and waits until it is processed. */
export type ClockRecorder = (intent: 'PIN' | 'RESET', time: number, ctx?: CommandContext) => Promise<void>;

/** The client-facing control of `clock`: each move is applied, then recorded through `record`. */
export function engineClockControl(clock: EngineClock, record: ClockRecorder): EngineClockControl {
  return {
    now: () => clock.now(),
    controlled: clock.mode === 'controlled',
    pin: async (epochMs: number, ctx?: CommandContext) => {
      clock.pin(epochMs);
      await record('PIN', epochMs, ctx);
    },
    reset: async (ctx?: CommandContext) => {
      clock.reset();
      await record('RESET', clock.now(), ctx);
    },
    advance: async (ms: number) => {
      clock.advance(ms);
      await record('PIN', clock.now());
    },
  };
}
