import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { ConnectionReporter } from '../../workers/connection-reporter';

const sdkErrorLine = (message: string) => JSON.stringify({ level: 50, message, component: 'GRPCMIDDLEWARE', taskType: 'any' });

describe('ConnectionReporter', () => {
  it('logs one line per change of state however many workers report the same failure, with the fix', () => {
    // given
    const lines: string[] = [];
    const reporter = new ConnectionReporter({ gateway: 'grpc://127.0.0.1:1', log: (line) => lines.push(line) });
    // when 40 workers fail to connect, twice each, then all become ready
    for (let i = 0; i < 80; i++) reporter.sink.error(sdkErrorLine('Grpc Stream Error: 14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED'));
    for (let i = 0; i < 40; i++) reporter.ready();
    reporter.close();
    // then
    expect(lines).to.have.length(2);
    expect(lines[0]).to.contain('网关无法连接').and.contain('ZEEBE_GRPC_ADDRESS').and.contain('grpc://127.0.0.1:1');
    expect(lines[1]).to.contain('connected to the gateway');
    expect(reporter.current).to.equal('connected');
  });

  it('names the credentials to set when the gateway answers UNAUTHENTICATED', () => {
    const lines: string[] = [];
    const reporter = new ConnectionReporter({ gateway: 'g', log: (line) => lines.push(line) });
    reporter.sink.error(sdkErrorLine('16 UNAUTHENTICATED: Expected Basic credentials in the authorization header, but there were none'));
    reporter.sink.error(sdkErrorLine('16 UNAUTHENTICATED: again'));
    reporter.close();
    expect(lines).to.have.length(1);
    expect(lines[0]).to.contain('CAMUNDA_BASIC_AUTH_USERNAME').and.contain('onego-worker');
  });

  it('summarizes a lasting outage with its duration and the failed attempts', () => {
    let now = 0;
    const lines: string[] = [];
    const reporter = new ConnectionReporter({ gateway: 'g', log: (line) => lines.push(line), now: () => now });
    for (let i = 0; i < 5; i++) reporter.sink.error(sdkErrorLine('14 UNAVAILABLE: No connection established'));
    now = 3 * 60_000;
    reporter.summarize();
    reporter.close();
    expect(lines[1]).to.contain('3 分钟，5 次失败').and.contain('3 min, 5 failed attempts');
  });

  it('passes other worker errors on as they are', () => {
    const lines: string[] = [];
    const reporter = new ConnectionReporter({ gateway: 'g', log: (line) => lines.push(line) });
    reporter.sink.error('plain text failure');
    reporter.close();
    expect(lines).to.deep.equal(['任务处理程序错误 / worker error: plain text failure']);
  });
});

describe('onego workers with no engine to talk to', function () {
  this.timeout(60_000);

  it('says once that the gateway is unreachable and how to fix it, instead of a line per retry', async () => {
    // given no gateway at the address
    const child = spawn(process.execPath, ['scripts/onego.mjs', 'workers'], {
      env: { ...process.env, ZEEBE_GRPC_ADDRESS: 'grpc://127.0.0.1:1', CAMUNDA_AUTH_STRATEGY: 'NONE' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    // when it runs for a while (every one of the 40 workers retries several times meanwhile)
    await new Promise<void>((resolve) => child.stdout!.on('data', () => output.includes('working for') && resolve()));
    await new Promise((resolve) => setTimeout(resolve, 6000));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    // then
    const unreachable = output.split('\n').filter((line) => line.includes('网关无法连接'));
    expect(unreachable, output.slice(0, 2000)).to.have.length(1);
    expect(output.split('\n').filter((line) => line.includes('UNAVAILABLE'))).to.have.length(0);
    expect(output.length).to.be.below(2000);
  });
});
