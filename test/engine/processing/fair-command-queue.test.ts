import { expect } from 'chai';
import { FairCommandQueue } from '../../../engine/processing/fair-command-queue';

describe("the engine's command queue, round robin by caller", () => {
  const queueOf = (items: string[]) => {
    // "caller:n" items; no caller before the colon means the engine's own commands
    const queue = new FairCommandQueue<string>((item) => item.split(':')[0] || undefined);
    for (const item of items) queue.push(item);
    return queue;
  };

  it('takes one command of each caller in turn, keeping each caller’s order, so a backlog delays others by one batch at most', () => {
    const queue = queueOf(['flood:1', 'flood:2', 'flood:3', 'flood:4', 'clerk:1', ':timer', 'clerk:2']);
    expect(queue.take(4)).to.deep.equal(['flood:1', 'clerk:1', ':timer', 'flood:2']);
    expect(queue.length).to.equal(3);
    // the caller served last waits behind the others next time
    expect(queue.take(10)).to.deep.equal(['clerk:2', 'flood:3', 'flood:4']);
    expect(queue.length).to.equal(0);
  });

  it('keeps arrival order when only one caller is queued', () => {
    expect(queueOf(['a:1', 'a:2', 'a:3']).take(2)).to.deep.equal(['a:1', 'a:2']);
  });
});
