import { expect } from 'chai';
import { PassThrough, Writable } from 'node:stream';
import { createServiceLog, parseLogLevel, serviceLogSettings, serviceLogWriteHealth } from '../../../engine/logging/service-log';

/** A stream that keeps what was written, as lines. */
function capture(): { stream: PassThrough; lines: () => string[] } {
  const stream = new PassThrough();
  let text = '';
  stream.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  return { stream, lines: () => text.split('\n').filter((line) => line.length > 0) };
}

describe('the service log', () => {
  it('counts writes its destination fails (a full disk) instead of throwing them into the code that logged', async () => {
    const full = new Writable({ write: (_chunk, _encoding, done) => done(new Error('ENOSPC: no space left on device, write')) });
    const before = serviceLogWriteHealth().writeFailures;
    for (const format of ['json', 'text'] as const) {
      const log = createServiceLog({ component: 'engine', destination: full, format, env: {} });
      expect(() => {
        log.fatal('记录日志写入失败 / the record log failed');
        log.warn('a second line on the same full disk');
      }).to.not.throw();
    }
    // The stream reports its failures after the write returns.
    await new Promise((resolve) => setImmediate(resolve));
    const health = serviceLogWriteHealth();
    expect(health.writeFailures).to.be.above(before);
    expect(health.lastFailure).to.match(/ENOSPC|destroyed/);
    expect(new Date(health.lastFailureAt!).toISOString()).to.equal(health.lastFailureAt);
  });

  it('writes one JSON object per event with the level as a word, an ISO time, who spoke and the message', () => {
    const { stream, lines } = capture();
    const log = createServiceLog({ component: 'engine', destination: stream, format: 'json', env: {} });
    log.warn('快照写入失败，稍后重试 / writing a snapshot failed, will retry later');
    log.info({ port: 26500 }, 'gateway open');
    const [warning, info] = lines().map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(warning).to.include({ level: 'warn', name: 'engine', msg: '快照写入失败，稍后重试 / writing a snapshot failed, will retry later' });
    expect(new Date(String(warning!.time)).toISOString()).to.equal(warning!.time);
    expect(info).to.include({ level: 'info', port: 26500, msg: 'gateway open' });
  });

  it('drops events below ONEGO_LOG_LEVEL, so warn keeps warnings and errors only', () => {
    const { stream, lines } = capture();
    const log = createServiceLog({ component: 'workers', destination: stream, format: 'json', env: { ONEGO_LOG_LEVEL: 'warn' } });
    log.debug('polling');
    log.info('connected');
    log.warn('reconnecting');
    log.error('gave up');
    expect(lines().map((line) => (JSON.parse(line) as { msg: string }).msg)).to.deep.equal(['reconnecting', 'gave up']);
  });

  it('writes readable lines with time, level and name for ONEGO_LOG_FORMAT=text, no JSON', () => {
    const { stream, lines } = capture();
    const log = createServiceLog({ component: 'start', destination: stream, env: { ONEGO_LOG_FORMAT: 'text' } });
    log.info('OneGo is running');
    expect(lines()).to.have.length(1);
    expect(lines()[0]).to.match(/^\[\d\d:\d\d:\d\d\] INFO \(start\): OneGo is running$/);
  });

  it('chooses JSON for a pipe or file and text for a terminal when ONEGO_LOG_FORMAT is not set', () => {
    const pipe = new PassThrough();
    const terminal = Object.assign(new PassThrough(), { isTTY: true });
    expect(serviceLogSettings({ component: 'engine', destination: pipe, env: {} })).to.deep.equal({ level: 'info', format: 'json' });
    expect(serviceLogSettings({ component: 'engine', destination: terminal, env: {} }).format).to.equal('text');
  });

  it('refuses an unknown level or format naming the accepted values in English and Chinese', () => {
    expect(() => parseLogLevel('verbose', 'ONEGO_LOG_LEVEL')).to.throw(/one of trace, debug, info, warn, error, fatal, silent.*日志级别无效/);
    expect(() => serviceLogSettings({ component: 'engine', env: { ONEGO_LOG_FORMAT: 'xml' } })).to.throw(/json or text.*日志格式无效/);
  });
});
