import { expect } from 'chai';
import { createCamundaClient } from '@camunda8/orchestration-cluster-api';
import type { EngineRecord } from '../../../engine/api';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';
import { taskListeners, withExtension } from './support/listener-models';

const { process, start, end, userTask, chain } = bpmn;

describe('conformance: `updating` user task listeners on variables set on the task (Camunda 8.8)', () => {
  let bed: ConformanceBed;
  let camunda: ReturnType<typeof createCamundaClient>;
  before(async () => {
    bed = await startConformanceBed();
    camunda = createCamundaClient({ config: { CAMUNDA_REST_ADDRESS: bed.gateway.server.restUrl, CAMUNDA_SDK_LOG_LEVEL: 'silent', CAMUNDA_AUTH_STRATEGY: 'NONE' } as never });
    await bed.deploy(
      process('utl-vars', start('s'), withExtension(userTask('review'), taskListeners(['updating', 'utl-vars-check'])), end('e'), chain('s', 'review', 'e')),
      process('utl-vars-plain', start('s'), userTask('review'), end('e'), chain('s', 'review', 'e')),
    );
  });
  after(async () => {
    await bed?.close();
  });

  async function taskOf(key: string): Promise<EngineRecord> {
    return bed.waitFor('the user task', (r) => r.valueType === 'USER_TASK' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
  }

  /** USER_TASK and VARIABLE_DOCUMENT events about the task's element, in log order. */
  function trail(elementInstanceKey: string): string[] {
    return bed.records
      .events()
      .filter((r) => (r.valueType === 'USER_TASK' && r.value.elementInstanceKey === elementInstanceKey) || (r.valueType === 'VARIABLE_DOCUMENT' && r.value.scopeKey === elementInstanceKey))
      .asList()
      .map((r) => `${r.valueType} ${r.intent}`);
  }

  async function listenerJob(key: string, after?: string) {
    await bed.waitFor('the updating listener job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === key && r.value.type === 'utl-vars-check' && r.key !== after);
    const { jobs } = await camunda.activateJobs({ type: 'utl-vars-check', worker: 'check', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: -1 } as never);
    return jobs[0] as { jobKey: string; listenerEventType: string; customHeaders: Record<string, string> };
  }

  it('SetVariables on the task waits for its updating listener, which may deny the update (the variables are not set) or let it through', async () => {
    // given
    const key = await bed.start('utl-vars');
    const task = await taskOf(key);
    const elementInstanceKey = String(task.value.elementInstanceKey);
    // when a clerk sets a variable on the task (gRPC SetVariables) and the listener denies it
    const denied = bed.sdk.setVariables({ elementInstanceKey, variables: { opinion: '不同意' }, local: true }).then(
      () => 'accepted',
      (e: { details: string }) => e.details,
    );
    const first = await listenerJob(key);
    expect(first.listenerEventType).to.equal('UPDATING');
    expect(JSON.parse(first.customHeaders['io.camunda.zeebe:changedAttributes'])).to.deep.equal(['variables']);
    await camunda.completeJob({ jobKey: first.jobKey, result: { type: 'userTask', denied: true, deniedReason: '意见须由科长填写' } } as never);
    // then
    expect(await denied).to.contain('was denied by Task Listener').and.contain('意见须由科长填写');
    expect(bed.variablesOf(elementInstanceKey)).to.not.have.property('opinion');
    // when set again and the listener lets it through
    const accepted = bed.sdk.setVariables({ elementInstanceKey, variables: { opinion: '同意' }, local: true });
    const second = await listenerJob(key, first.jobKey);
    await camunda.completeJob({ jobKey: second.jobKey, result: { type: 'userTask' } } as never);
    await accepted;
    // then
    expect(bed.variablesOf(elementInstanceKey)).to.include({ opinion: '同意' });
    expect(trail(elementInstanceKey)).to.deep.equal([
      'USER_TASK CREATING',
      'USER_TASK CREATED',
      'VARIABLE_DOCUMENT UPDATING',
      'USER_TASK UPDATING',
      'USER_TASK UPDATE_DENIED',
      'VARIABLE_DOCUMENT UPDATE_DENIED',
      'VARIABLE_DOCUMENT UPDATING',
      'USER_TASK UPDATING',
      'USER_TASK UPDATED',
      'VARIABLE_DOCUMENT UPDATED',
    ]);
  });

  it('SetVariables on a task without updating listeners updates it at once (USER_TASK UPDATING, UPDATED), as Zeebe does', async () => {
    // given
    const key = await bed.start('utl-vars-plain');
    const elementInstanceKey = String((await taskOf(key)).value.elementInstanceKey);
    // when
    await bed.sdk.setVariables({ elementInstanceKey, variables: { note: '材料齐全' }, local: true });
    // then
    expect(bed.variablesOf(elementInstanceKey)).to.include({ note: '材料齐全' });
    expect(trail(elementInstanceKey).slice(2)).to.deep.equal(['VARIABLE_DOCUMENT UPDATING', 'USER_TASK UPDATING', 'USER_TASK UPDATED', 'VARIABLE_DOCUMENT UPDATED']);
    const updated = bed.records.userTask().withIntent('UPDATED').withValue('elementInstanceKey', elementInstanceKey).first();
    expect(updated.value.changedAttributes).to.deep.equal(['variables']);
  });
});
