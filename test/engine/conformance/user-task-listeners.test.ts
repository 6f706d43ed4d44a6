import { expect } from 'chai';
import { createCamundaClient } from '@camunda8/orchestration-cluster-api';
import type { EngineRecord } from '../../../engine/api';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';
import { taskListeners, withExtension } from './support/listener-models';

const { process, start, end, userTask, serviceTask, chain } = bpmn;
const NOW = { consistency: { waitUpToMs: 0 } } as never;

describe('conformance: user task listeners', () => {
  let bed: ConformanceBed;
  let camunda: ReturnType<typeof createCamundaClient>;
  before(async () => {
    bed = await startConformanceBed();
    camunda = createCamundaClient({
      config: { CAMUNDA_REST_ADDRESS: bed.gateway.server.restUrl, CAMUNDA_SDK_LOG_LEVEL: 'silent', CAMUNDA_AUTH_STRATEGY: 'NONE', CAMUNDA_SDK_VALIDATION: 'req:none,res:strict' } as never,
    });
  });
  after(async () => {
    await bed?.close();
  });

  /** Wait for the listener job of `type` in the instance, activate it over REST and return it. */
  async function activateListenerJob(key: string, type: string, after?: string): Promise<{ jobKey: string; customHeaders: Record<string, string>; kind: string; listenerEventType: string }> {
    await bed.waitFor(`a ${type} job`, (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === key && r.value.type === type && r.key !== after);
    const { jobs } = await camunda.activateJobs({ type, worker: 'listener', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: -1 } as never);
    expect(jobs, `an activatable ${type} job`).to.have.length(1);
    return jobs[0] as never;
  }

  function userTaskIntents(key: string): string[] {
    return bed.records.userTask().withProcessInstanceKey(key).asList().map((r: EngineRecord) => r.intent);
  }

  async function openTaskKey(key: string): Promise<string> {
    const record = await bed.waitFor('the user task', (r) => r.valueType === 'USER_TASK' && r.intent === 'CREATING' && r.value.processInstanceKey === key);
    return record.key;
  }

  it('runs creating and assigning listeners as TASK_LISTENER jobs; assigning corrections land on the task without an UPDATING event (Camunda: user task listeners)', async () => {
    // given a task with a model assignee, one creating listener (an SDK gRPC worker) and one assigning listener (REST)
    const task = withExtension(userTask('review', { assignee: 'zhang.san', candidateGroups: 'window' }), taskListeners(['creating', 'tl-create'], ['assigning', 'tl-assign']));
    await bed.deploy(process('tl-assign', start('s'), task, end('e'), chain('s', 'review', 'e')));
    let creatingHeaders: Record<string, string> = {};
    bed.work('tl-create', (job) => {
      creatingHeaders = job.customHeaders as Record<string, string>;
      return job.complete();
    });
    const key = await bed.start('tl-assign');
    const userTaskKey = await openTaskKey(key);
    // when the assigning listener corrects priority and candidate groups over REST
    const assigning = await activateListenerJob(key, 'tl-assign');
    expect(assigning).to.include({ kind: 'TASK_LISTENER', listenerEventType: 'ASSIGNING' });
    expect(assigning.customHeaders).to.include({ 'io.camunda.zeebe:assignee': 'zhang.san', 'io.camunda.zeebe:userTaskKey': userTaskKey, 'io.camunda.zeebe:changedAttributes': '["assignee"]' });
    await camunda.completeJob({ jobKey: assigning.jobKey, result: { type: 'userTask', corrections: { priority: 80, candidateGroups: ['window', 'chief'] } } } as never);
    await bed.waitFor('the assignment', (r) => r.valueType === 'USER_TASK' && r.intent === 'ASSIGNED' && r.key === userTaskKey);
    // then
    expect(creatingHeaders).to.include({ 'io.camunda.zeebe:assignee': 'zhang.san', 'io.camunda.zeebe:candidateGroups': '["window"]', 'io.camunda.zeebe:priority': '50' });
    expect(userTaskIntents(key)).to.deep.equal(['CREATING', 'COMPLETE_TASK_LISTENER', 'CREATED', 'ASSIGNING', 'COMPLETE_TASK_LISTENER', 'CORRECTED', 'ASSIGNED']);
    const corrected = bed.records.userTask().withKey(userTaskKey).withIntent('CORRECTED').asList()[0];
    expect(corrected.value.changedAttributes).to.have.members(['assignee', 'priority', 'candidateGroupsList']);
    const listenerJobs = bed.records.job().withProcessInstanceKey(key).withIntent('CREATED').asList().map((r) => [r.value.type, r.value.jobKind, r.value.listenerEventType]);
    expect(listenerJobs).to.deep.equal([
      ['tl-create', 'TASK_LISTENER', 'CREATING'],
      ['tl-assign', 'TASK_LISTENER', 'ASSIGNING'],
    ]);
    await bed.settle();
    const stored = await camunda.getUserTask({ userTaskKey } as never, NOW);
    expect(stored).to.include({ assignee: 'zhang.san', priority: 80 });
    expect(stored.candidateGroups).to.deep.equal(['window', 'chief']);
    await camunda.completeUserTask({ userTaskKey } as never);
    await bed.waitForCompletion(key);
  });

  it('holds the completion request while a completing listener runs; a denial rejects it and keeps the task open, an approval completes it (Camunda: denying the lifecycle transition)', async () => {
    // given
    const task = withExtension(userTask('approve'), taskListeners(['completing', 'tl-complete']));
    await bed.deploy(process('tl-deny', start('s'), task, end('e'), chain('s', 'approve', 'e')));
    const key = await bed.start('tl-deny');
    const userTaskKey = await openTaskKey(key);
    await bed.waitFor('the task created', (r) => r.valueType === 'USER_TASK' && r.intent === 'CREATED' && r.key === userTaskKey);
    // when the completion is denied
    const denied = camunda.completeUserTask({ userTaskKey, variables: { opinion: '材料不全' } } as never).then(
      () => 'completed',
      (error: Error) => error,
    );
    const first = await activateListenerJob(key, 'tl-complete');
    expect(first.listenerEventType).to.equal('COMPLETING');
    await camunda.completeJob({ jobKey: first.jobKey, result: { type: 'userTask', denied: true, deniedReason: '缺少营业执照副本' } } as never);
    // then
    const outcome = await denied;
    expect(outcome).to.be.instanceOf(Error);
    expect(JSON.stringify(outcome, Object.getOwnPropertyNames(outcome))).to.contain(`Completion of the User Task with key '${userTaskKey}' was denied by Task Listener. Reason to deny: '缺少营业执照副本'`);
    const deniedRecord = bed.records.userTask().withKey(userTaskKey).withIntent('COMPLETION_DENIED').asList()[0];
    expect(deniedRecord.value.deniedReason).to.equal('缺少营业执照副本');
    await bed.settle();
    expect(await camunda.getUserTask({ userTaskKey } as never, NOW)).to.include({ state: 'CREATED' });
    expect(bed.variablesOf(key)).to.not.have.property('opinion');
    // when completed again and approved
    const approved = camunda.completeUserTask({ userTaskKey, variables: { opinion: '同意' } } as never);
    const second = await activateListenerJob(key, 'tl-complete', first.jobKey);
    await camunda.completeJob({ jobKey: second.jobKey } as never);
    await approved;
    await bed.waitForCompletion(key);
    // then
    expect(bed.variablesOf(key)).to.include({ opinion: '同意' });
    expect(userTaskIntents(key).filter((i) => i.endsWith('ED') || i.endsWith('ING'))).to.deep.equal([
      'CREATING',
      'CREATED',
      'COMPLETING',
      'COMPLETION_DENIED',
      'COMPLETING',
      'COMPLETED',
    ]);
  });

  it('corrects the assignee in an assigning listener and denies an update (Camunda: corrections and denials)', async () => {
    // given
    const task = withExtension(userTask('handle'), taskListeners(['assigning', 'tl-reassign'], ['updating', 'tl-update']));
    await bed.deploy(process('tl-correct', start('s'), task, end('e'), chain('s', 'handle', 'e')));
    const key = await bed.start('tl-correct');
    const userTaskKey = await openTaskKey(key);
    await bed.waitFor('the task created', (r) => r.valueType === 'USER_TASK' && r.intent === 'CREATED' && r.key === userTaskKey);
    // when
    const assigned = camunda.assignUserTask({ userTaskKey, assignee: 'zhang.san' } as never);
    const reassign = await activateListenerJob(key, 'tl-reassign');
    await camunda.completeJob({ jobKey: reassign.jobKey, result: { type: 'userTask', corrections: { assignee: 'li.si' } } } as never);
    await assigned;
    const updated = camunda.updateUserTask({ userTaskKey, changeset: { priority: 10 } } as never).then(
      () => 'updated',
      (error: Error) => error,
    );
    const update = await activateListenerJob(key, 'tl-update');
    await camunda.completeJob({ jobKey: update.jobKey, result: { type: 'userTask', denied: true, deniedReason: 'priority is fixed' } } as never);
    // then
    expect(await updated).to.be.instanceOf(Error);
    await bed.settle();
    expect(await camunda.getUserTask({ userTaskKey } as never, NOW)).to.include({ assignee: 'li.si', priority: 50, state: 'CREATED' });
    expect(bed.records.userTask().withKey(userTaskKey).withIntent('UPDATE_DENIED').exists()).to.equal(true);
    await bed.sdk.cancelProcessInstance(key);
  });

  it('runs canceling listeners before the task is canceled and the instance terminated (Camunda: canceling)', async () => {
    // given
    const task = withExtension(userTask('wait'), taskListeners(['canceling', 'tl-cancel']));
    await bed.deploy(process('tl-cancel', start('s'), task, end('e'), chain('s', 'wait', 'e')));
    const key = await bed.start('tl-cancel');
    const userTaskKey = await openTaskKey(key);
    await bed.waitFor('the task created', (r) => r.valueType === 'USER_TASK' && r.intent === 'CREATED' && r.key === userTaskKey);
    // when
    await bed.sdk.cancelProcessInstance(key);
    const job = await activateListenerJob(key, 'tl-cancel');
    // then the instance still waits for the listener
    expect(bed.records.processInstance().withProcessInstanceKey(key).withElementType('PROCESS').withIntent('ELEMENT_TERMINATED').exists()).to.equal(false);
    expect(job.listenerEventType).to.equal('CANCELING');
    // when
    await camunda.completeJob({ jobKey: job.jobKey } as never);
    await bed.waitForTermination(key);
    // then
    expect(userTaskIntents(key).slice(-3)).to.deep.equal(['CANCELING', 'COMPLETE_TASK_LISTENER', 'CANCELED']);
  });

  it('answers a completion that waits for its listeners with a rejection when the instance is canceled meanwhile', async () => {
    // given
    const task = withExtension(userTask('pending'), taskListeners(['completing', 'tl-slow']));
    await bed.deploy(process('tl-cancel-waiting', start('s'), task, end('e'), chain('s', 'pending', 'e')));
    const key = await bed.start('tl-cancel-waiting');
    const userTaskKey = await openTaskKey(key);
    await bed.waitFor('the task created', (r) => r.valueType === 'USER_TASK' && r.intent === 'CREATED' && r.key === userTaskKey);
    const completion = camunda.completeUserTask({ userTaskKey } as never).then(() => 'completed', (error: Error) => JSON.stringify(error, Object.getOwnPropertyNames(error)));
    await activateListenerJob(key, 'tl-slow');
    // when
    await bed.sdk.cancelProcessInstance(key);
    // then
    expect(await completion).to.contain('but it was canceled while its task listeners ran');
    await bed.waitForTermination(key);
  });

  it("refuses listener job completions Zeebe refuses: variables, denying a creation, an unknown correction (Zeebe's messages)", async () => {
    // given
    const task = withExtension(userTask('check'), taskListeners(['creating', 'tl-strict']));
    await bed.deploy(process('tl-strict', start('s'), task, end('e'), chain('s', 'check', 'e')));
    const key = await bed.start('tl-strict');
    const job = await activateListenerJob(key, 'tl-strict');
    const failure = (promise: Promise<unknown>) => promise.then(() => 'accepted', (error: Error) => JSON.stringify(error, Object.getOwnPropertyNames(error)));
    // when / then
    expect(await failure(camunda.completeJob({ jobKey: job.jobKey, variables: { x: 1 } } as never))).to.contain('Task Listener job completion with variables payload provided is not yet supported');
    expect(await failure(bed.sdk.completeJob({ jobKey: job.jobKey, variables: { x: 1 } }))).to.contain('Task Listener job completion with variables payload provided is not yet supported');
    expect(await failure(camunda.completeJob({ jobKey: job.jobKey, result: { type: 'userTask', denied: true } } as never))).to.contain("Denying result is not supported for 'CREATING' task listener jobs");
    const response = await fetch(`${bed.gateway.server.restUrl}/v2/jobs/${job.jobKey}/completion`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ result: { type: 'userTask', corrections: { name: 'x' } } }),
    });
    expect(response.status).to.equal(400);
    expect(await response.text()).to.contain("property 'name' cannot be corrected");
    await bed.sdk.cancelProcessInstance(key);
  });

  it('raises a TASK_LISTENER_NO_RETRIES incident when a listener job fails for good; after retries and resolution the listener runs again', async () => {
    // given
    const task = withExtension(userTask('sign'), taskListeners(['creating', 'tl-flaky']));
    await bed.deploy(process('tl-incident', start('s'), task, end('e'), chain('s', 'sign', 'e')));
    let attempts = 0;
    bed.work('tl-flaky', (job) => {
      attempts += 1;
      return attempts === 1 ? job.fail({ errorMessage: 'directory down', retries: 0 }) : job.complete();
    });
    const key = await bed.start('tl-incident');
    // when
    const incident = await bed.waitForIncident(key);
    expect(incident.value).to.include({ errorType: 'TASK_LISTENER_NO_RETRIES', errorMessage: 'directory down', elementId: 'sign' });
    await bed.sdk.updateJobRetries({ jobKey: String(incident.value.jobKey), retries: 1 });
    await bed.sdk.resolveIncident({ incidentKey: incident.key });
    // then
    await bed.waitFor('the task created', (r) => r.valueType === 'USER_TASK' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    expect(attempts).to.equal(2);
    await bed.sdk.cancelProcessInstance(key);
  });

  it('refuses task listeners on anything but a Camunda user task', async () => {
    const xml = process('tl-misplaced', start('s'), withExtension(serviceTask('t', 'w'), taskListeners(['creating', 'x'])), end('e'), chain('s', 't', 'e'));
    const error = await bed.deploy(xml).catch((e: Error) => e);
    expect(String(error)).to.contain('Task listeners are only allowed on Camunda user tasks.');
  });
});
