import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import { parseArguments, usage } from '../../../scripts/commands/workers';

const ourJobTypes = ['deadline-start', 'deadline-pause', 'deadline-resume', 'light-notify', 'supervision-record'];

function onego(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, ['scripts/onego.mjs', 'workers', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
}

describe('onego workers', () => {
  it('reads --list and --help and refuses anything else', () => {
    expect(parseArguments([])).to.deep.equal({ list: false, help: false });
    expect(parseArguments(['--list', '-h'])).to.deep.equal({ list: true, help: true });
    expect(() => parseArguments(['--port', '1'])).to.throw(/Expected one of --list, --help, but got '--port'/);
  });

  it('prints its usage and exits 2 on an unknown option, starting nothing', () => {
    const result = onego(['--bogus']);
    expect(result.status).to.equal(2);
    expect(result.stderr).to.include("but got '--bogus'").and.to.include('usage: onego workers');
    expect(result.stdout).to.not.include('working for');
  });

  it('prints its usage for --help', () => {
    const result = onego(['--help']);
    expect(result.status).to.equal(0);
    expect(result.stdout.trim()).to.equal(usage());
  });

  it('lists every job type it would run, including the deadline workers', () => {
    const result = onego(['--list']);
    expect(result.status, result.stderr).to.equal(0);
    const types = result.stdout.trim().split('\n').map((line) => line.split('\t')[0]);
    expect(types).to.include.members(ourJobTypes);
  });

  it('runs the workers against the gateway in ZEEBE_GRPC_ADDRESS and stops cleanly on SIGTERM', async () => {
    // given a gateway address where nothing listens (the SDK keeps retrying; no engine is needed to stop)
    const child = spawn(process.execPath, ['scripts/onego.mjs', 'workers'], {
      env: { ...process.env, ZEEBE_GRPC_ADDRESS: 'grpc://127.0.0.1:9', CAMUNDA_AUTH_STRATEGY: 'NONE', ZEEBE_CLIENT_LOG_LEVEL: 'NONE' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // when it reports that it is working, and then gets SIGTERM
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        if (stdout.includes('working for')) resolve();
      });
      child.on('exit', () => reject(new Error(`exited before starting: ${stdout}`)));
    });
    expect(stdout).to.match(/onego workers: \d+ job type\(s\) working for grpc:\/\/127\.0\.0\.1:9/);
    child.kill('SIGTERM');
    // then it closes the workers and exits 0
    expect(await exited, stderr).to.equal(0);
    expect(stdout).to.include('SIGTERM received, closing the workers').and.to.include('onego workers: stopped');
  });
});
