import { expect } from 'chai';
import { stopOnSignal } from '../../../scripts/commands/stop-on-signal';

/** A signal nothing else in the test process listens to. */
const SIGNAL: NodeJS.Signals = 'SIGUSR2';

describe('stopOnSignal', () => {
  it('runs the stop steps in order on the first signal, logs each, and exits 0', async () => {
    // given
    const lines: string[] = [];
    const order: string[] = [];
    let exitCode: number | undefined;
    const stopped = stopOnSignal({
      command: 'onego test',
      signals: [SIGNAL],
      log: (line) => lines.push(line),
      exit: (code) => (exitCode = code),
      steps: [
        { label: 'first', run: async () => void order.push('first') },
        { label: 'second', run: async () => void order.push('second') },
      ],
    });
    // when
    process.emit(SIGNAL, SIGNAL);
    await stopped;
    // then
    expect(order).to.deep.equal(['first', 'second']);
    expect(exitCode).to.equal(0);
    expect(lines[0]).to.contain('正在停止').and.contain('stopping');
    expect(lines.some((line) => line.endsWith('first'))).to.equal(true);
    expect(lines[lines.length - 1]).to.match(/已停止 \/ stopped \(\d+ ms\)/);
    expect(process.listenerCount(SIGNAL)).to.equal(0);
  });

  it('goes on past a step that takes longer than its limit, and past one that fails (exit 1)', async () => {
    const lines: string[] = [];
    const order: string[] = [];
    let exitCode: number | undefined;
    const stopped = stopOnSignal({
      command: 'onego test',
      signals: [SIGNAL],
      log: (line) => lines.push(line),
      exit: (code) => (exitCode = code),
      steps: [
        { label: 'hangs', run: () => new Promise<void>(() => undefined), timeoutMs: 20 },
        { label: 'fails', run: async () => Promise.reject(new Error('disk gone')) },
        { label: 'last', run: async () => void order.push('last') },
      ],
    });
    process.emit(SIGNAL, SIGNAL);
    await stopped;
    expect(order).to.deep.equal(['last']);
    expect(lines.some((line) => line.includes('hangs 超时，继续 / took over 20 ms'))).to.equal(true);
    expect(lines.some((line) => line.includes('fails 失败 / failed: disk gone'))).to.equal(true);
    expect(exitCode).to.equal(1);
  });

  it('exits at once with 130 on a second signal while a step is stuck', async () => {
    const lines: string[] = [];
    const exits: number[] = [];
    const stopped = stopOnSignal({
      command: 'onego test',
      signals: [SIGNAL],
      log: (line) => lines.push(line),
      exit: (code) => exits.push(code),
      steps: [{ label: 'stuck', run: () => new Promise<void>(() => undefined) }],
    });
    process.emit(SIGNAL, SIGNAL);
    await new Promise((resolve) => setImmediate(resolve));
    process.emit(SIGNAL, SIGNAL);
    await stopped;
    expect(exits).to.deep.equal([130]);
    expect(lines[lines.length - 1]).to.contain('立即退出').and.contain('exiting now');
    process.removeAllListeners(SIGNAL);
  });
});
