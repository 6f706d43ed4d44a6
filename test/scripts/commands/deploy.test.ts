import { expect } from 'chai';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEngineServer, type EngineServer } from '../../../engine/server';
import { collectDeployableFiles, parseDeployArguments, projectRoot, run } from '../../../scripts/commands/deploy';

/** Runs the command in-process and collects what it printed and the exit code it set. */
async function runDeploy(argv: string[], sdkConfig = {}): Promise<{ out: string[]; err: string[]; exitCode: number | undefined }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = console.log;
  const error = console.error;
  const previousExitCode = process.exitCode;
  process.exitCode = undefined;
  console.log = (...parts: unknown[]) => void out.push(parts.join(' '));
  console.error = (...parts: unknown[]) => void err.push(parts.join(' '));
  try {
    await run(argv, sdkConfig);
    return { out, err, exitCode: process.exitCode as number | undefined };
  } finally {
    console.log = log;
    console.error = error;
    process.exitCode = previousExitCode;
  }
}

/** A local port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('onego deploy', () => {
  it('reads --dir, --dry-run and --help and refuses anything else', () => {
    expect(parseDeployArguments(['--dir', 'x', '--dry-run'])).to.deep.equal({ dir: path.resolve('x'), dryRun: true, help: false });
    expect(() => parseDeployArguments(['--force'])).to.throw("onego deploy: Expected one of --dir, --dry-run, --help, but got '--force'");
    expect(() => parseDeployArguments(['--dir'])).to.throw('Expected a folder after --dir');
  });

  it('collects every process, decision and form of the project, processes first', () => {
    const files = collectDeployableFiles(projectRoot).map(({ kind, file }) => `${kind} ${path.relative(projectRoot, file)}`);
    for (const expected of [
      'process bpmn/enterprise-opening.bpmn',
      'process bpmn/talent-card.bpmn',
      'process bpmn/talent-staffing.bpmn',
      'process bpmn/medical-insurance-transfer.bpmn',
      'form forms/enterprise-application.form',
      'form forms/talent-hrss-decision.form',
      'form forms/medical-insurance-application.form',
    ]) {
      expect(files).to.include(expected);
    }
    expect(files.every((line) => /^(process bpmn\/.*\.bpmn|decision bpmn\/.*\.dmn|form forms\/.*\.form)$/.test(line))).to.equal(true);
    expect(files.findIndex((line) => line.startsWith('form'))).to.be.greaterThan(files.findLastIndex((line) => line.startsWith('process')));
  });

  it('lists the files without deploying on --dry-run', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'onego-deploy-'));
    mkdirSync(path.join(dir, 'bpmn'));
    mkdirSync(path.join(dir, 'forms'));
    writeFileSync(path.join(dir, 'bpmn', 'a.bpmn'), '<x/>');
    writeFileSync(path.join(dir, 'forms', 'b.form'), '{}');
    writeFileSync(path.join(dir, 'forms', 'notes.txt'), '');
    const { out, exitCode } = await runDeploy(['--dir', dir, '--dry-run']);
    expect(out).to.deep.equal(['process  bpmn/a.bpmn', 'form     forms/b.form']);
    expect(exitCode).to.equal(undefined);
  });

  it('says so when there is nothing to deploy', async () => {
    const { err, exitCode } = await runDeploy(['--dir', mkdtempSync(path.join(tmpdir(), 'onego-empty-'))]);
    expect(exitCode).to.equal(1);
    expect(err[0]).to.match(/^onego deploy: Expected \.bpmn, \.dmn or \.form files in .* but found none$/);
  });

  it('explains clearly when no gateway answers', async () => {
    const port = await closedPort();
    const { err, exitCode } = await runDeploy(['--dir', projectRoot], { ZEEBE_GRPC_ADDRESS: `grpc://127.0.0.1:${port}`, CAMUNDA_AUTH_STRATEGY: 'NONE' });
    expect(exitCode).to.equal(1);
    expect(err.join('\n')).to.match(new RegExp(`onego deploy: Expected a Zeebe gateway at grpc://127\\.0\\.0\\.1:${port}, but it is unreachable .*Start one with 'onego engine'`));
  });

  describe('against the embedded engine', () => {
    let server: EngineServer;
    before(async () => {
      server = await startEngineServer({ grpcPort: 0, restPort: 0, dataDir: mkdtempSync(path.join(tmpdir(), 'onego-deploy-engine-')), clock: 'controlled' });
    });
    after(async () => {
      await server?.close();
    });

    it('deploys every model and form of the project in one deployment and prints what it deployed', async () => {
      const { out, err, exitCode } = await runDeploy(['--dir', projectRoot], { ZEEBE_GRPC_ADDRESS: `grpc://${server.grpcAddress}`, CAMUNDA_AUTH_STRATEGY: 'NONE' });
      expect(err).to.deep.equal([]);
      expect(exitCode).to.equal(undefined);
      expect(out[0]).to.match(/^deployment \d+$/);
      for (const processId of ['enterprise-opening', 'talent-card', 'talent-staffing', 'medical-insurance-transfer']) {
        expect(out.some((line) => new RegExp(`^  process  ${processId} v1 key \\d+ \\(${processId}\\.bpmn\\)$`).test(line)), processId).to.equal(true);
      }
      expect(out.some((line) => /^  form     enterprise-application v1 key \d+/.test(line))).to.equal(true);
      expect(out.at(-1)).to.equal(`deployed ${collectDeployableFiles(projectRoot).length} file(s) to grpc://${server.grpcAddress}`);
    });
  });
});
