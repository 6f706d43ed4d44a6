import { expect } from 'chai';
import { createCamundaClient } from '@camunda8/orchestration-cluster-api';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';
import { executionListeners as listeners, withExtension, withProcessExtension } from './support/listener-models';

const { process, start, end, serviceTask, userTask, chain } = bpmn;

describe('conformance: cancel execution listeners (Camunda 8.10)', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed();
    await bed.deploy(
      withProcessExtension(
        process('el-cancel', start('s'), userTask('review', { assignee: 'zhang.san' }), end('e'), chain('s', 'review', 'e')),
        listeners(['start', 'el-cancel-start'], ['cancel', 'el-cancel-notify'], ['cancel', 'el-cancel-archive']),
      ),
    );
    bed.work('el-cancel-start', (job) => job.complete());
  });
  after(async () => {
    await bed?.close();
  });

  it('runs the process’s cancel listeners one after the other once everything inside is terminated, then the instance is terminated', async () => {
    // given
    const camunda = createCamundaClient({ config: { CAMUNDA_REST_ADDRESS: bed.gateway.server.restUrl, CAMUNDA_SDK_LOG_LEVEL: 'silent', CAMUNDA_AUTH_STRATEGY: 'NONE' } as never });
    const key = await bed.start('el-cancel');
    await bed.waitForElement(key, 'review', 'ELEMENT_ACTIVATED');
    // when
    await bed.sdk.cancelProcessInstance(key);
    await bed.waitFor('the first cancel listener job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.type === 'el-cancel-notify');
    // then the task is gone and the instance still terminating
    expect(bed.elements(key).withElementId('review').intents()).to.include('ELEMENT_TERMINATED');
    expect(bed.elements(key).withElementType('PROCESS').intents().slice(-1)).to.deep.equal(['ELEMENT_TERMINATING']);
    // when the listeners' workers complete them (REST, as Camunda's newer clients do)
    const { jobs } = await camunda.activateJobs({ type: 'el-cancel-notify', worker: 'rest', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: -1 } as never);
    expect(jobs[0]).to.include({ kind: 'EXECUTION_LISTENER', listenerEventType: 'CANCEL', elementId: 'el-cancel' });
    await camunda.completeJob({ jobKey: jobs[0].jobKey, variables: { notified: true } } as never);
    await bed.waitFor('the second cancel listener job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.type === 'el-cancel-archive');
    expect(bed.elements(key).withElementType('PROCESS').intents().slice(-1)).to.deep.equal(['ELEMENT_TERMINATING']);
    bed.work('el-cancel-archive', (job) => job.complete({ archived: job.variables.notified }));
    await bed.waitForTermination(key);
    // then
    expect(bed.variablesOf(key)).to.include({ notified: true, archived: true });
    const listenerJobs = bed.records.job().withIntent('CREATED').withProcessInstanceKey(key).values().map((v) => [v.type, v.listenerEventType]);
    expect(listenerJobs).to.deep.equal([
      ['el-cancel-start', 'START'],
      ['el-cancel-notify', 'CANCEL'],
      ['el-cancel-archive', 'CANCEL'],
    ]);
    // and the job search (8.9) answers each job's listener event type, and filters by it
    const found = await camunda.searchJobs(
      { filter: { processInstanceKey: key, listenerEventType: 'CANCEL' }, sort: [{ field: 'jobKey', order: 'ASC' }] } as never,
      { consistency: { waitUpToMs: 5_000, predicate: (r: { items: unknown[] }) => r.items.length >= 2 } } as never,
    );
    expect(found.items!.map((job) => [job.type, job.kind, job.listenerEventType, job.state])).to.deep.equal([
      ['el-cancel-notify', 'EXECUTION_LISTENER', 'CANCEL', 'COMPLETED'],
      ['el-cancel-archive', 'EXECUTION_LISTENER', 'CANCEL', 'COMPLETED'],
    ]);
  });

  it('does not run cancel listeners when the instance completes', async () => {
    // given
    const key = await bed.start('el-cancel');
    const [task] = await bed.waitFor('the review task', (r) => r.valueType === 'USER_TASK' && r.intent === 'CREATED' && r.value.processInstanceKey === key).then((r) => [r]);
    // when
    await bed.rest().completeUserTask({ userTaskKey: String(task.key) });
    await bed.waitForCompletion(key);
    // then
    expect(bed.records.job().withProcessInstanceKey(key).values().some((v) => v.listenerEventType === 'CANCEL')).to.equal(false);
  });

  it('refuses a cancel listener on anything but the process at deployment', async () => {
    const model = process('el-cancel-task', start('s'), withExtension(serviceTask('t', 'x'), listeners(['cancel', 'el-no'])), end('e'), chain('s', 't', 'e'));
    const failed = await bed.sdk.deployResource({ process: Buffer.from(model), name: 'el-cancel-task.bpmn' }).then(
      () => undefined,
      (e: { code: number; details: string }) => e,
    );
    expect(failed?.code).to.equal(3);
    // Zeebe 8.10's text, naming the element as the XML does (as a cluster answers the same model)
    expect(failed?.details).to.contain(
      "The 'cancel' execution listener event type is not supported for the 'serviceTask' element. The 'cancel' event type is only supported on the 'process' element.",
    );
    expect(failed?.details).to.contain('- Element: t');
  });

  it('refuses a second cancellation while the instance waits for its cancel listener, as not found (Zeebe: a terminating instance cannot be terminated)', async () => {
    // given an instance whose cancellation waits for its first cancel listener
    const key = await bed.start('el-cancel');
    await bed.waitForElement(key, 'review', 'ELEMENT_ACTIVATED');
    await bed.sdk.cancelProcessInstance(key);
    await bed.waitFor('the cancel listener job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.type === 'el-cancel-notify' && r.value.processInstanceKey === key);
    // when it is canceled again
    const again = await bed.sdk.cancelProcessInstance(key).then(
      () => undefined,
      (e: { code: number; details: string }) => e,
    );
    // then gRPC NOT_FOUND with Zeebe's text, and the instance still waits for the listener
    expect(again?.code).to.equal(5);
    expect(again?.details).to.contain(`Expected to cancel a process instance with key '${key}', but no such process was found`);
    const rest = await fetch(`${bed.gateway.server.restUrl}/v2/process-instances/${key}/cancellation`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(rest.status).to.equal(404);
    expect(bed.elements(key).withElementId('el-cancel').withIntent('ELEMENT_TERMINATED').count()).to.equal(0);
  });

  it('frees an instance whose cancel listener ran out of retries by resolving the incident: the listener job runs again, then the instance is terminated', async () => {
    // given a cancellation whose listener job fails with no retries left
    const key = await bed.start('el-cancel');
    await bed.waitForElement(key, 'review', 'ELEMENT_ACTIVATED');
    await bed.sdk.cancelProcessInstance(key);
    const created = await bed.waitFor('the cancel listener job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.type === 'el-cancel-notify' && r.value.processInstanceKey === key);
    const activated = await bed.sdk.activateJobs({ type: 'el-cancel-notify', worker: 'w', maxJobsToActivate: 5, timeout: 60_000, requestTimeout: 1000 } as never);
    expect(activated.map((job) => job.key)).to.include(String(created.key));
    await bed.sdk.failJob({ jobKey: String(created.key), retries: 0, errorMessage: 'notifier down', retryBackOff: 0 });
    const incident = await bed.waitForIncident(key);
    expect(incident.value).to.deep.include({ errorType: 'EXECUTION_LISTENER_NO_RETRIES', elementId: 'el-cancel' });
    // when the operator gives the job a retry and resolves the incident
    await bed.sdk.updateJobRetries({ jobKey: String(created.key), retries: 1 });
    await bed.sdk.resolveIncident({ incidentKey: String(incident.key) });
    bed.work('el-cancel-notify', (job) => job.complete());
    bed.work('el-cancel-archive', (job) => job.complete());
    // then both cancel listeners complete and the instance is terminated
    await bed.waitForTermination(key);
    expect(bed.records.job().withProcessInstanceKey(key).withIntent('COMPLETED').values().map((v) => v.type)).to.include.members(['el-cancel-notify', 'el-cancel-archive']);
  });
});
