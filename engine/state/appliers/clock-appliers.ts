import type { Applier } from './index';

/** The last CLOCK event: a controlled clock resumes where it was pinned after a restart (or a snapshot). */
export const clockAppliers: Record<string, Applier> = {
  'CLOCK:PINNED': (state, record) => {
    state.lastClock = { intent: record.intent, time: Number((record.value as { time: number }).time) };
  },
  'CLOCK:RESETTED': (state, record) => {
    state.lastClock = { intent: record.intent, time: Number((record.value as { time: number }).time) };
  },
};
