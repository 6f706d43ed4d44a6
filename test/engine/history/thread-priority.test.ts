import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../../engine';
import { History } from '../../../engine/history';
import { currentThreadId, ThreadPriority, YIELDING_NICE } from '../../../engine/history/thread-priority';
import { straightThroughProcess } from '../gateway/support/bpmn';

/** The nice value of each thread of this process (Linux: /proc/self/task/<tid>/stat, field 19). */
function threadNiceValues(): number[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

describe('the exporter thread priority', function () {
  this.timeout(60_000);

  before(function () {
    const probe = new ThreadPriority(0);
    if (process.platform !== 'linux' || !probe.adjustable) this.skip();
  });

  it("names the calling thread by its Linux id, the main thread's being the process id", () => {
    expect(currentThreadId()).to.equal(process.pid);
  });

  it('lowers only the calling thread and brings it back to where it was', () => {
    const priority = new ThreadPriority(0);
    const before = getPriority(0);
    try {
      priority.yieldToEngine();
      expect([getPriority(0), priority.lowered]).to.deep.equal([before + YIELDING_NICE, true]);
      expect(threadNiceValues().filter((nice) => nice === before)).to.not.be.empty;
      priority.keepUp();
      expect([getPriority(0), priority.lowered]).to.deep.equal([before, false]);
    } finally {
      priority.keepUp();
    }
  });

  it('runs the exporter thread below the engine once history has caught up, and the engine thread stays at its priority', async () => {
    // given
    const dataDir = await mkdtemp(join(tmpdir(), 'onego-history-priority-'));
    const engine = await createEngine({ dataDir });
    const history = await History.start({ dataDir, engine });
    try {
      await engine.deployResources([{ name: 'straight.bpmn', content: Buffer.from(straightThroughProcess('straight')) }]);
      for (let index = 0; index < 5; index += 1) await engine.createProcessInstance({ bpmnProcessId: 'straight' });
      // when
      await history.caughtUp();
      await new Promise((resolve) => setTimeout(resolve, 100));
      // then the exporter's thread runs lowered (the isolation threads of issue 13 may run at the same nice value,
      // so the exporter is told apart by what a waiting reader changes)
      const lowered = () => threadNiceValues().filter((nice) => nice === getPriority(0) + YIELDING_NICE).length;
      const loweredWhileCaughtUp = lowered();
      expect(loweredWhileCaughtUp).to.be.at.least(1);
      expect(getPriority(0)).to.equal(getPriority(process.pid));
      // and a reader waiting for history brings exactly that one thread back to the engine's priority at once
      const waited = history.exporter.waitFor(history.exporter.logPosition + 1_000, 200);
      expect(lowered()).to.equal(loweredWhileCaughtUp - 1);
      expect(await waited).to.equal(false);
    } finally {
      await history.close();
      await engine.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
