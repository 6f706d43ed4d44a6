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
    expect(failed?.details).to.contain("Execution listeners of type 'cancel' are only supported by processes");
  });
});
