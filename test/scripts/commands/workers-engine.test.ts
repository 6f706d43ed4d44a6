import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGatewayTestBed, type GatewayTestBed } from '../../engine/gateway/support/test-bed';
import type { EngineRecord } from '../../../engine/api';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'deadline-lights.bpmn.xml');
const supervisionForm = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'forms', 'supervision.form');
const shanghai = (local: string) => Date.parse(`${local}+08:00`);

/** Starts `onego workers` as its own process, configured only through the SDK's standard environment. */
async function startWorkersCommand(grpcAddress: string, env: Record<string, string>): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['scripts/onego.mjs', 'workers'], {
    env: { ...process.env, ZEEBE_GRPC_ADDRESS: `grpc://${grpcAddress}`, CAMUNDA_AUTH_STRATEGY: 'NONE', ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', () => output.includes('working for') && resolve());
    child.on('exit', (code) => reject(new Error(`onego workers exited with ${code} before starting:\n${output}`)));
  });
  return { child, output: () => output };
}

describe('onego workers against the engine', () => {
  let bed: GatewayTestBed;
  let workers: { child: ChildProcess; output: () => string } | undefined;
  let folder: string;

  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'onego-workers-e2e-'));
    bed = await startGatewayTestBed({ clock: 'controlled' });
  });

  afterEach(async () => {
    if (workers && workers.child.exitCode === null) {
      const exited = new Promise((resolve) => workers!.child.on('exit', resolve));
      workers.child.kill('SIGTERM');
      await exited;
    }
    workers = undefined;
    await bed.close();
    await rm(folder, { recursive: true, force: true });
  });

  const completedJob = (type: string) => (record: EngineRecord) =>
    record.valueType === 'JOB' && record.intent === 'COMPLETED' && record.value.type === type;

  it('starts a deadline on the engine clock, lights yellow and red at working-day instants across National Day, and opens the 督办 task', async function () {
    this.timeout(60_000);
    // given the engine clock at Tuesday 30 September 2025, 09:00 in Shanghai, and the workers running as a process
    await bed.server.engine.clock.pin(shanghai('2025-09-30T09:00:00'));
    const supervisionFile = path.join(folder, 'supervision.jsonl');
    workers = await startWorkersCommand(bed.server.grpcAddress, { ONEGO_SUPERVISION_FILE: supervisionFile, ONEGO_SIM_DELAY_MS: '0', ONEGO_SIM_FAILURE_RATE: '0' });
    const zeebe = bed.sdk();
    // the 督办 task links the supervision form, so the form is deployed with the model
    await zeebe.deployResources([{ processFilename: fixture }, { formFilename: supervisionForm }]);

    // when a case with a 2-working-day review is started
    const created = await zeebe.createProcessInstance({
      bpmnProcessId: 'deadline-lights',
      variables: { caseId: 'E2E-1', caseTitle: '测试案件', limitDays: 2 },
    });
    await bed.record(completedJob('deadline-start'));

    // then the deadline counts 30 September and, after the holiday block, 9 October
    const variable = await bed.record((record) => record.valueType === 'VARIABLE' && record.value.name === 'deadline_review');
    expect(JSON.parse(String(variable.value.value))).to.deep.equal({
      name: 'review',
      limitWorkingMinutes: 840,
      consumedWorkingMinutes: 0,
      startedAt: '2025-09-30T09:00:00+08:00',
      warnAt: '2025-09-30T17:30:00+08:00',
      dueAt: '2025-10-09T17:30:00+08:00',
      pausedAt: null,
      provisional: false,
      provisionalYear: null,
    });
    expect(bed.records(completedJob('light-notify'))).to.have.length(0);

    // when the clock reaches the warning instant, the yellow reminder goes out and the review goes on
    await bed.server.engine.clock.pin(shanghai('2025-09-30T17:30:00'));
    const yellow = await bed.record(completedJob('light-notify'));
    expect(JSON.parse(JSON.stringify(yellow.value.variables ?? {}))).to.have.nested.property('notification.channel', 'log');
    expect(workers.output()).to.include('【黄灯提醒】approval-service：案件“测试案件”（E2E-1）的办理时限“review”将于 2025-10-09 17:30 到期');
    expect(bed.server.engine.listUserTasks().map((task) => task.elementId)).to.deep.equal(['Task_Review']);

    // when the clock stands in the holiday on 8 October nothing turns red yet
    await bed.server.engine.clock.pin(shanghai('2025-10-08T17:30:00'));
    expect(bed.records(completedJob('supervision-record'))).to.have.length(0);

    // when it reaches the due instant on 9 October, the step is recorded and the 督办 task is opened
    await bed.server.engine.clock.pin(shanghai('2025-10-09T17:30:00'));
    await bed.record(completedJob('supervision-record'));
    const oversee = await bed.record(
      (record) => record.valueType === 'USER_TASK' && record.intent === 'CREATED' && record.value.elementId === 'Task_Oversee',
    );
    // (the record carries Zeebe's field names: candidateGroupsList, and the linked form's key)
    expect(oversee.value).to.deep.include({ candidateGroupsList: ['approval-service-supervisors'] });
    expect(oversee.value.formKey).to.not.equal('-1');
    expect(bed.server.engine.listUserTasks().map((task) => task.elementId).sort()).to.deep.equal(['Task_Oversee', 'Task_Review']);
    const [line] = (await readFile(supervisionFile, 'utf8')).trim().split('\n').map((text) => JSON.parse(text));
    expect(line).to.include({ caseId: 'E2E-1', department: 'approval-service', deadlineName: 'review', dueAt: '2025-10-09T17:30:00+08:00' });
    expect(String(created.processInstanceKey)).to.equal(String(oversee.value.processInstanceKey));
  });
  it('pauses the clock while the applicant corrects the application and resumes with the remaining working time', async function () {
    this.timeout(60_000);
    // given a 2-working-day review started on Tuesday 30 September 2025 at 09:00, with the workers running
    await bed.server.engine.clock.pin(shanghai('2025-09-30T09:00:00'));
    workers = await startWorkersCommand(bed.server.grpcAddress, { ONEGO_SIM_DELAY_MS: '0', ONEGO_SIM_FAILURE_RATE: '0' });
    const zeebe = bed.sdk();
    await zeebe.deployResources([{ processFilename: fixture }, { formFilename: supervisionForm }]);
    const created = await zeebe.createProcessInstance({ bpmnProcessId: 'deadline-lights', variables: { caseId: 'E2E-2', caseTitle: '补正案件', limitDays: 2 } });
    const instance = String(created.processInstanceKey);
    const isReviewTask = (record: EngineRecord) => record.valueType === 'USER_TASK' && record.intent === 'CREATED' && record.value.elementId === 'Task_Review';
    /** The key of the count-th review task of the case, once it exists. */
    const reviewTask = async (count: number) => {
      const seen = () => bed.records(isReviewTask);
      while (seen().length < count) {
        const after = seen().at(-1)?.position ?? -1;
        await bed.record((record) => isReviewTask(record) && record.position > after);
      }
      return String(seen()[count - 1]!.value.userTaskKey);
    };
    const deadlineValues = () =>
      bed
        .records((record) => record.valueType === 'VARIABLE' && record.value.name === 'deadline_review' && String(record.value.processInstanceKey) === instance)
        .map((record) => JSON.parse(String(record.value.value)));

    // when the reviewer asks for 补正 at 11:00 (120 office minutes used)
    const firstReview = await reviewTask(1);
    await bed.server.engine.clock.pin(shanghai('2025-09-30T11:00:00'));
    await bed.server.engine.completeUserTask(firstReview, { needsCorrection: true });
    await bed.record((record) => record.valueType === 'PROCESS_INSTANCE' && record.intent === 'ELEMENT_ACTIVATED' && record.value.elementId === 'Catch_CorrectionSubmitted');
    // then the clock is paused with what was used
    expect(deadlineValues().at(-1)).to.include({ consumedWorkingMinutes: 120, pausedAt: '2025-09-30T11:00:00+08:00' });

    // when the applicant takes past both original instants (30 Sep 17:30 and 9 Oct 17:30) and answers on Friday 10 October at 09:00
    await bed.server.engine.clock.pin(shanghai('2025-10-10T09:00:00'));
    await zeebe.publishMessage({ name: 'correction-submitted', correlationKey: 'E2E-2', variables: {}, timeToLive: 60_000 });
    await bed.record(completedJob('deadline-resume'));
    await reviewTask(2);

    // then no light fired while the case was with the applicant
    expect(bed.records(completedJob('light-notify'))).to.have.length(0);
    expect(bed.records(completedJob('supervision-record'))).to.have.length(0);
    // and the remaining 720 minutes run from 10 October into the make-up Saturday 11 October
    expect(deadlineValues().at(-1)).to.deep.equal({
      name: 'review',
      limitWorkingMinutes: 840,
      consumedWorkingMinutes: 120,
      startedAt: '2025-10-10T09:00:00+08:00',
      warnAt: '2025-10-10T15:30:00+08:00',
      dueAt: '2025-10-11T15:30:00+08:00',
      pausedAt: null,
      provisional: false,
      provisionalYear: null,
    });

    // when the recreated warning timer is reached, the yellow reminder goes out
    await bed.server.engine.clock.pin(shanghai('2025-10-10T15:30:00'));
    await bed.record(completedJob('light-notify'));
    expect(workers.output()).to.include('“补正案件”（E2E-2）的办理时限“review”将于 2025-10-11 15:30 到期');

    // and when the review is done in time, the case completes without a red light
    await bed.server.engine.completeUserTask(await reviewTask(2), { needsCorrection: false });
    await bed.record(
      (record) => record.valueType === 'PROCESS_INSTANCE' && record.intent === 'ELEMENT_COMPLETED' && record.value.elementId === 'deadline-lights' && String(record.key) === instance,
    );
    expect(bed.records(completedJob('supervision-record'))).to.have.length(0);
  });
});
