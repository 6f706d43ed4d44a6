import { expect } from 'chai';
import { createCamundaClient } from '@camunda8/orchestration-cluster-api';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';
import { executionListeners as listeners, withExtension, withProcessExtension } from './support/listener-models';

const { process, start, end, serviceTask, chain, flow } = bpmn;

describe('conformance: execution listeners', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed();
  });
  after(async () => {
    await bed?.close();
  });

  function listenerJobs(key: string): { type: string; kind: unknown; event: unknown; element: unknown; intent: string }[] {
    return bed.records
      .job()
      .withProcessInstanceKey(key)
      .events()
      .asList()
      .filter((r) => r.value.jobKind === 'EXECUTION_LISTENER')
      .map((r) => ({ type: String(r.value.type), kind: r.value.jobKind, event: r.value.listenerEventType, element: r.value.elementId, intent: r.intent }));
  }

  it('runs start listeners before the task and end listeners after it, each a job of kind EXECUTION_LISTENER that must complete first (Zeebe: execution listeners)', async () => {
    // given
    const task = withExtension(serviceTask('check', 'el-work'), listeners(['start', 'el-before-1'], ['start', 'el-before-2'], ['end', 'el-after']));
    await bed.deploy(process('el-order', start('s'), task, end('e'), chain('s', 'check', 'e')));
    const order: string[] = [];
    for (const type of ['el-before-1', 'el-before-2', 'el-work', 'el-after']) {
      bed.work(type, (job) => {
        order.push(type);
        return job.complete();
      });
    }
    // when
    const key = await bed.start('el-order');
    await bed.waitForCompletion(key);
    // then
    expect(order).to.deep.equal(['el-before-1', 'el-before-2', 'el-work', 'el-after']);
    expect(listenerJobs(key).filter((j) => j.intent === 'CREATED')).to.deep.equal([
      { type: 'el-before-1', kind: 'EXECUTION_LISTENER', event: 'START', element: 'check', intent: 'CREATED' },
      { type: 'el-before-2', kind: 'EXECUTION_LISTENER', event: 'START', element: 'check', intent: 'CREATED' },
      { type: 'el-after', kind: 'EXECUTION_LISTENER', event: 'END', element: 'check', intent: 'CREATED' },
    ]);
    const checkTrail = bed.records
      .processInstance()
      .withProcessInstanceKey(key)
      .withElementId('check')
      .asList()
      .map((r) => r.intent)
      .filter((intent) => intent !== 'ACTIVATE_ELEMENT' && intent !== 'COMPLETE_ELEMENT');
    expect(checkTrail).to.deep.equal([
      'ELEMENT_ACTIVATING',
      'COMPLETE_EXECUTION_LISTENER',
      'COMPLETE_EXECUTION_LISTENER',
      'ELEMENT_ACTIVATED',
      'ELEMENT_COMPLETING',
      'COMPLETE_EXECUTION_LISTENER',
      'ELEMENT_COMPLETED',
    ]);
  });

  it('makes start listener variables local to the element and after its input mappings, and end listener variables reach the flow scope (Zeebe: variables in execution listeners)', async () => {
    // given: the start listener sees the input mapping's variable; the task's job type uses the listener's variable
    const task = withExtension(
      serviceTask('route', '=queue', { inputs: { office: '="济南" + suffix' } }),
      listeners(['start', 'el-vars-start'], ['end', 'el-vars-end']),
    );
    await bed.deploy(process('el-vars', start('s'), task, end('e'), chain('s', 'route', 'e')));
    let seenOffice: unknown;
    bed.work('el-vars-start', (job) => {
      seenOffice = job.variables.office;
      return job.complete({ queue: 'el-vars-queue' });
    });
    bed.work('el-vars-queue', (job) => job.complete());
    bed.work('el-vars-end', (job) => job.complete({ archived: true }));
    // when
    const key = await bed.start('el-vars', { suffix: '市' });
    await bed.waitForCompletion(key);
    // then
    expect(seenOffice).to.equal('济南市');
    const variables = bed.variablesOf(key);
    expect(variables).to.include({ suffix: '市', archived: true });
    expect(variables).to.not.have.property('queue');
  });

  it('runs listeners of the process itself, of gateways (start) and of end events (Zeebe: listeners on processes, gateways and events)', async () => {
    // given
    const xml = withProcessExtension(
      process(
        'el-around',
        start('s'),
        withExtension('<bpmn:exclusiveGateway id="g" default="g_e"/>', listeners(['start', 'el-gw'])),
        withExtension(end('e'), listeners(['start', 'el-end-start'], ['end', 'el-end-end'])),
        flow('s', 'g'),
        flow('g', 'e', undefined, 'g_e'),
      ),
      listeners(['start', 'el-proc-start'], ['end', 'el-proc-end']),
    );
    await bed.deploy(xml);
    const order: string[] = [];
    for (const type of ['el-proc-start', 'el-gw', 'el-end-start', 'el-end-end', 'el-proc-end']) {
      bed.work(type, (job) => {
        order.push(`${type}@${job.elementId}`);
        return job.complete(type === 'el-proc-end' ? { closed: true } : {});
      });
    }
    // when
    const key = await bed.start('el-around');
    await bed.waitForCompletion(key);
    // then
    expect(order).to.deep.equal(['el-proc-start@el-around', 'el-gw@g', 'el-end-start@e', 'el-end-end@e', 'el-proc-end@el-around']);
    expect(bed.variablesOf(key)).to.include({ closed: true });
  });

  it('runs the listeners around each inner instance of a multi-instance activity, not around its body (Zeebe: multi-instance)', async () => {
    // given
    const task = withExtension(serviceTask('each', 'el-mi-work', { multiInstance: { inputCollection: '=[1,2,3]', sequential: true } }), listeners(['start', 'el-mi-start'], ['end', 'el-mi-end']));
    await bed.deploy(process('el-mi', start('s'), task, end('e'), chain('s', 'each', 'e')));
    for (const type of ['el-mi-start', 'el-mi-work', 'el-mi-end']) bed.work(type, (job) => job.complete());
    // when
    const key = await bed.start('el-mi');
    await bed.waitForCompletion(key);
    // then
    const jobs = listenerJobs(key).filter((j) => j.intent === 'COMPLETED');
    expect(jobs.map((j) => j.type)).to.deep.equal(['el-mi-start', 'el-mi-end', 'el-mi-start', 'el-mi-end', 'el-mi-start', 'el-mi-end']);
    const listenerElementKeys = new Set(bed.records.job().withProcessInstanceKey(key).withIntent('COMPLETED').asList().filter((r) => r.value.jobKind === 'EXECUTION_LISTENER').map((r) => String(r.value.elementInstanceKey)));
    const innerKeys = new Set(bed.records.processInstance().withProcessInstanceKey(key).withElementType('SERVICE_TASK').withIntent('ELEMENT_COMPLETED').asList().map((r) => r.key));
    expect([...listenerElementKeys].sort()).to.deep.equal([...innerKeys].sort());
  });

  it('raises an EXECUTION_LISTENER_NO_RETRIES incident when a listener job fails for good; after retries and resolution only that listener runs again (Zeebe: incident recovery)', async () => {
    // given
    const task = withExtension(serviceTask('file', 'el-inc-work'), listeners(['start', 'el-inc-first'], ['start', 'el-inc-flaky']));
    await bed.deploy(process('el-incident', start('s'), task, end('e'), chain('s', 'file', 'e')));
    const runs: string[] = [];
    bed.work('el-inc-first', (job) => {
      runs.push('first');
      return job.complete();
    });
    bed.work('el-inc-flaky', (job) => {
      runs.push('flaky');
      return runs.filter((r) => r === 'flaky').length === 1 ? job.fail({ errorMessage: 'archive offline', retries: 0 }) : job.complete();
    });
    bed.work('el-inc-work', (job) => job.complete());
    const key = await bed.start('el-incident');
    // when
    const incident = await bed.waitForIncident(key);
    // then
    expect(incident.value).to.include({ errorType: 'EXECUTION_LISTENER_NO_RETRIES', errorMessage: 'archive offline', elementId: 'file' });
    // when
    await bed.sdk.updateJobRetries({ jobKey: String(incident.value.jobKey), retries: 1 });
    await bed.sdk.resolveIncident({ incidentKey: incident.key });
    await bed.waitForCompletion(key);
    // then
    expect(runs).to.deep.equal(['first', 'flaky', 'flaky']);
  });

  it('raises an incident when a listener type expression fails, and runs the start listeners from the first after resolution (Zeebe: expression evaluation failure)', async () => {
    // given
    const task = withExtension(serviceTask('calc', 'el-expr-work'), listeners(['start', 'el-expr-first'], ['start', '=listenerType']));
    await bed.deploy(process('el-expr', start('s'), task, end('e'), chain('s', 'calc', 'e')));
    let firstRuns = 0;
    bed.work('el-expr-first', (job) => {
      firstRuns += 1;
      return job.complete();
    });
    bed.work('el-expr-second', (job) => job.complete());
    bed.work('el-expr-work', (job) => job.complete());
    const key = await bed.start('el-expr');
    // when
    const incident = await bed.waitForIncident(key);
    // then
    expect(incident.value).to.include({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'calc' });
    // when
    await bed.sdk.setVariables({ elementInstanceKey: key, variables: { listenerType: 'el-expr-second' }, local: false });
    await bed.sdk.resolveIncident({ incidentKey: incident.key });
    await bed.waitForCompletion(key);
    // then
    expect(firstRuns).to.equal(2);
  });

  it('cancels the waiting listener job when the instance is canceled (Zeebe: listener jobs of terminated elements)', async () => {
    // given
    const task = withExtension(serviceTask('hold', 'el-cancel-work'), listeners(['start', 'el-cancel-start']));
    await bed.deploy(process('el-cancel', start('s'), task, end('e'), chain('s', 'hold', 'e')));
    const key = await bed.start('el-cancel');
    await bed.waitFor('the start listener job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    // when
    await bed.sdk.cancelProcessInstance(key);
    await bed.waitForTermination(key);
    // then
    expect(listenerJobs(key).map((j) => j.intent)).to.deep.equal(['CREATED', 'CANCELED']);
  });

  it('lets a zeebe-node worker and the REST orchestration client complete listener jobs, which they see with kind and event type (Zeebe: listeners use the job protocol)', async () => {
    // given
    const task = withExtension(serviceTask('stamp', 'el-clients-work'), listeners(['start', 'el-node'], ['end', 'el-rest']));
    await bed.deploy(process('el-clients', start('s'), task, end('e'), chain('s', 'stamp', 'e')));
    const zeebeNode = bed.gateway.zeebeNode();
    zeebeNode.createWorker({ taskType: 'el-node', taskHandler: (job) => job.complete({ stampedBy: 'zeebe-node' }) });
    bed.work('el-clients-work', (job) => job.complete());
    const camunda = createCamundaClient({ config: { CAMUNDA_REST_ADDRESS: bed.gateway.server.restUrl, CAMUNDA_SDK_LOG_LEVEL: 'silent', CAMUNDA_AUTH_STRATEGY: 'NONE' } as never });
    const key = await bed.start('el-clients');
    // when
    await bed.waitFor('the end listener job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === key && r.value.type === 'el-rest');
    const { jobs } = await camunda.activateJobs({ type: 'el-rest', worker: 'rest', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: -1 } as never);
    await camunda.completeJob({ jobKey: jobs[0].jobKey, variables: { filedBy: 'rest' } } as never);
    await bed.waitForCompletion(key);
    // then
    expect(jobs[0]).to.include({ kind: 'EXECUTION_LISTENER', listenerEventType: 'END', elementId: 'stamp' });
    expect(bed.variablesOf(key)).to.include({ filedBy: 'rest' });
    const local = bed.records.variable().withValue('name', 'stampedBy').asList()[0];
    const stampKey = bed.records.processInstance().withProcessInstanceKey(key).withElementId('stamp').withIntent('ELEMENT_ACTIVATING').asList()[0].key;
    expect(local.value.scopeKey, 'start listener variables are local to the task').to.equal(stampKey);
  });

  it('refuses listener jobs that throw a BPMN error', async () => {
    // given
    const task = withExtension(serviceTask('guard', 'el-err-work'), listeners(['start', 'el-err-start']));
    await bed.deploy(process('el-error', start('s'), task, end('e'), chain('s', 'guard', 'e')));
    const key = await bed.start('el-error');
    const created = await bed.waitFor('the listener job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    // when
    const error = await bed.sdk.throwError({ jobKey: created.key, errorCode: 'X', errorMessage: 'no' }).catch((e: Error) => e);
    // then
    expect(String(error)).to.contain('throwing BPMN errors from listener jobs is not supported');
    await bed.sdk.cancelProcessInstance(key);
  });
});

describe('conformance: execution listener deployment checks', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed();
  });
  after(async () => {
    await bed?.close();
  });

  const cases: [string, string, string][] = [
    ['a start listener on a start event', withExtension(start('s'), listeners(['start', 'x'])), "Execution listeners of type 'start' are not supported by start events"],
    ['an end listener on a gateway', withExtension('<bpmn:parallelGateway id="s2"/>', listeners(['end', 'x'])), "Execution listeners of type 'end' are not supported by gateway element"],
    ['two listeners with the same event type and job type', withExtension(serviceTask('s2', 'w'), listeners(['start', 'dup'], ['start', 'dup'])), "Found '2' duplicates based on eventType[start] and type[dup], these combinations should be unique."],
    ['a listener with an empty job type', withExtension(serviceTask('s2', 'w'), listeners(['end', ''])), "Attribute 'type' must be present and not empty"],
  ];
  for (const [what, element, message] of cases) {
    it(`refuses ${what} with Zeebe's message`, async () => {
      const xml = element.startsWith('<bpmn:startEvent') ? process('el-bad', element, end('e'), chain('s', 'e')) : process('el-bad', start('s'), element, end('e'), chain('s', 's2', 'e'));
      const error = await bed.deploy(xml).catch((e: Error) => e);
      expect(String(error)).to.contain(message);
    });
  }
});
