import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EngineApi, EngineRecord } from '../../../engine/api';
import { serviceWorkerEnv, parseStartArgs, startOneGo, type RunningOneGo } from '../../../scripts/commands/start';
import { demoCases } from '../../../scripts/demo/demo-cases';

function createdInstances(engine: EngineApi): EngineRecord[] {
  return engine
    .readRecords(0)
    .filter((record) => record.valueType === 'PROCESS_INSTANCE_CREATION' && record.intent === 'CREATED');
}

/** Waits until `probe` holds after some commit; fails after `timeoutMs` of wall time. */
function eventually(engine: EngineApi, what: string, probe: () => boolean, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!probe()) return;
      stop();
      resolve();
    };
    const unsubscribe = engine.onCommitted(check);
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`Expected ${what} within ${timeoutMs} ms, but it did not happen`));
    }, timeoutMs);
    const stop = () => {
      unsubscribe();
      clearTimeout(timer);
    };
    check();
  });
}

describe('onego start', () => {
  let dataDir: string;
  let running: RunningOneGo | undefined;
  const lines: string[] = [];

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'onego-start-'));
    lines.length = 0;
  });

  afterEach(async () => {
    await running?.close();
    running = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  it('reads ports, data folder and --no-demo from the command line', () => {
    expect(parseStartArgs(['--grpc-port', '0', '--rest-port', '0', '--data', dataDir, '--no-demo'])).to.deep.equal({
      grpcPort: 0,
      restPort: 0,
      dataDir,
      demo: false,
    });
    expect(() => parseStartArgs(['--grpc-port', 'x'])).to.throw(/Expected --grpc-port to be a port number/);
  });

  it('deploys every model and form, runs the workers and opens the demo cases once per data folder', async () => {
    // given a fresh data folder, when OneGo starts
    running = await startOneGo({ grpcPort: 0, restPort: 0, dataDir, demo: true }, (line) => lines.push(line));
    const engine = running.server.engine;

    // then every process of bpmn/ is deployed
    const deployed = engine
      .readRecords(0)
      .filter((record) => record.valueType === 'PROCESS' && record.intent === 'CREATED')
      .map((record) => record.value.bpmnProcessId);
    expect(deployed).to.include.members([
      'engineering-approval',
      'enterprise-opening',
      'talent-card',
      'talent-staffing',
      'medical-insurance-transfer',
    ]);

    // and each demo case is open, and the workers pick up its first service task
    expect(createdInstances(engine)).to.have.length(demoCases.length + 1); // and the late one (late-demo-case.ts)
    await eventually(engine, 'a job completed by the workers', () =>
      engine.readRecords(0).some((record) => record.valueType === 'JOB' && record.intent === 'COMPLETED'),
    );

    // when OneGo restarts on the same data folder, no demo case is opened twice
    await running.close();
    running = await startOneGo({ grpcPort: 0, restPort: 0, dataDir, demo: true }, (line) => lines.push(line));
    expect(createdInstances(running.server.engine)).to.have.length(demoCases.length + 1);
    expect(lines).to.include('demo: cases already opened on this data folder');
  });
});

describe('the workers settings of a run', () => {
  it('read imported calendar years from the data folder after any folders the user named', () => {
    expect(serviceWorkerEnv({}, '/srv/onego').ONEGO_CALENDAR_DIRS).to.equal('/srv/onego/calendars');
    expect(serviceWorkerEnv({ ONEGO_CALENDAR_DIRS: '/etc/onego/calendars' }, '/srv/onego').ONEGO_CALENDAR_DIRS).to.equal(`/etc/onego/calendars${path.delimiter}/srv/onego/calendars`);
  });
});
