import { expect } from 'chai';
import { DueDateScheduler, EngineClock, type DueEntry } from '../../../engine/clock';

describe('due-date scheduler', () => {
  it('drops due dates that no longer stand instead of keeping one per finished instance', () => {
    // given: a scheduler whose entries stand only while their key is live
    const clock = new EngineClock('controlled');
    const live = new Set<string>();
    const fired: DueEntry[] = [];
    const scheduler = new DueDateScheduler(clock, (entry) => fired.push(entry), (entry) => live.has(entry.key));
    scheduler.start();
    // when: 100,000 timers a day ahead are scheduled and each is canceled before the next one comes
    for (let i = 0; i < 100_000; i++) {
      scheduler.schedule({ dueAt: clock.now() + 86_400_000, kind: 'timer', key: String(i) });
      if (i % 1000 !== 0) continue;
      live.add(String(i)); // one in a thousand stays
    }
    // then: the heap holds about what is live, not every entry ever scheduled
    expect(scheduler.size).to.be.below(3_000);
    // and what is live still fires, in due order
    clock.advance(86_400_001);
    expect(fired.map((entry) => entry.key).filter((key) => live.has(key))).to.have.length(100);
  });
});
