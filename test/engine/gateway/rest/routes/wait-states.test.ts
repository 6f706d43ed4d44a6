import { expect } from 'chai';
import { bpmn } from '../../../../support';
import { ADMIN, AUDITOR, startRestTestBed, type RestTestBed } from '../rest-test-bed';
import { executionListeners, taskListeners, withExtension } from '../../../conformance/support/listener-models';

const { process: bpmnProcess, start, parallelGateway, serviceTask, userTask, receiveTask, catchEvent, boundary, timerDuration, message, signal, signalRef, end, chain, flow } = bpmn;
const NOW = { consistency: { waitUpToMs: 0 } } as never;

/** 并联审批: one case waits on five things at once — a job, a user task, a 补正 message, a timer and a signal. */
const FIVE_WAITS = bpmnProcess(
  'five-waits',
  message('supplement', 'materials-supplemented', '=caseId'),
  signal('policy', 'policy-changed'),
  start('applied'),
  parallelGateway('split'),
  serviceTask('check-credit', 'credit-check'),
  userTask('review', { candidateGroups: 'window' }),
  boundary('review-yellow', 'review', timerDuration('P3D'), { interrupting: false }),
  receiveTask('await-supplement', 'supplement'),
  catchEvent('cooling-off', timerDuration('PT2H')),
  catchEvent('await-policy', signalRef('policy')),
  end('done-credit'),
  end('done-review'),
  end('done-supplement'),
  end('done-cooling'),
  end('done-policy'),
  end('yellow-noted'),
  chain('applied', 'split'),
  flow('split', 'check-credit'),
  flow('split', 'review'),
  flow('split', 'await-supplement'),
  flow('split', 'cooling-off'),
  flow('split', 'await-policy'),
  chain('check-credit', 'done-credit'),
  chain('review', 'done-review'),
  chain('await-supplement', 'done-supplement'),
  chain('cooling-off', 'done-cooling'),
  chain('await-policy', 'done-policy'),
  chain('review-yellow', 'yellow-noted'),
);

interface WaitItem { elementId: string; elementType: string; processInstanceKey: string; rootProcessInstanceKey: string | null; details: Record<string, unknown> }

describe('the REST gateway: what instances wait for (Camunda 8.10 wait states, 8.8 message subscriptions)', function () {
  this.timeout(60_000);
  let bed: RestTestBed;
  let processInstanceKey: string;

  before(async () => {
    bed = await startRestTestBed({ auth: 'basic' });
    await bed.sdk(ADMIN).deployResources([{ name: 'five-waits.bpmn', content: FIVE_WAITS }]);
    processInstanceKey = String((await bed.sdk(ADMIN).createProcessInstance({ processDefinitionId: 'five-waits', variables: { caseId: 'JN-7' } })).processInstanceKey);
    await bed.record((record) => record.valueType === 'PROCESS_MESSAGE_SUBSCRIPTION' && record.intent === 'CREATED');
    await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'CREATED');
  });
  after(() => bed?.close());

  async function waits(filter: Record<string, unknown>): Promise<WaitItem[]> {
    const response = await bed.call('POST', '/element-instances/wait-states/search', { caller: AUDITOR, body: { filter, sort: [{ field: 'elementId' }] } });
    expect(response.status).to.equal(200);
    return ((await response.json()) as { items: WaitItem[] }).items;
  }

  it('names each active element’s wait with its details, and leaves the boundary timer to its activity', async () => {
    const items = await waits({ processInstanceKey });
    expect(items.map((item) => [item.elementId, item.elementType, item.details.waitStateType])).to.deep.equal([
      ['await-policy', 'INTERMEDIATE_CATCH_EVENT', 'SIGNAL'],
      ['await-supplement', 'RECEIVE_TASK', 'MESSAGE'],
      ['check-credit', 'SERVICE_TASK', 'JOB'],
      ['cooling-off', 'INTERMEDIATE_CATCH_EVENT', 'TIMER'],
      ['review', 'USER_TASK', 'USER_TASK'],
    ]);
    const byElement = Object.fromEntries(items.map((item) => [item.elementId, item.details]));
    expect(byElement['await-policy']).to.deep.equal({ waitStateType: 'SIGNAL', signalName: 'policy-changed' });
    expect(byElement['await-supplement']).to.deep.equal({ waitStateType: 'MESSAGE', messageName: 'materials-supplemented', correlationKey: 'JN-7' });
    expect(byElement['check-credit']).to.include({ waitStateType: 'JOB', jobType: 'credit-check', jobKind: 'BPMN_ELEMENT', listenerEventType: null, retries: 3 });
    // Camunda: "the number of remaining timer repetitions (-1 for infinite, 0 for non-repeating)".
    expect(byElement['cooling-off']).to.include({ waitStateType: 'TIMER', repetitions: 0 });
    expect(byElement['cooling-off'].dueDate).to.be.a('number');
    expect(byElement.review).to.include({ waitStateType: 'USER_TASK', dueDate: null });
    expect(items.every((item) => item.rootProcessInstanceKey === processInstanceKey)).to.equal(true);
  });

  it('names the listener event type of a listener job wait (START for an execution listener, CREATING for a task listener), as Camunda 8.10 documents', async () => {
    // given an element held by its start execution listener, and a user task held by its creating task listener
    const held = bpmnProcess(
      'held-by-listeners',
      start('applied'),
      parallelGateway('split'),
      withExtension(serviceTask('stamp', 'stamp-case'), executionListeners(['start', 'stamp-prepare'])),
      withExtension(userTask('sign'), taskListeners(['creating', 'sign-assign'])),
      end('done-stamp'),
      end('done-sign'),
      chain('applied', 'split'),
      flow('split', 'stamp'),
      flow('split', 'sign'),
      chain('stamp', 'done-stamp'),
      chain('sign', 'done-sign'),
    );
    await bed.sdk(ADMIN).deployResources([{ name: 'held-by-listeners.bpmn', content: held }]);
    const key = String((await bed.sdk(ADMIN).createProcessInstance({ processDefinitionId: 'held-by-listeners', variables: {} })).processInstanceKey);
    await bed.record((record) => record.valueType === 'JOB' && record.intent === 'CREATED' && record.value.type === 'sign-assign');
    // when (history is eventually consistent: ask until both waits are there)
    let items: WaitItem[] = [];
    for (let attempt = 0; attempt < 100 && items.length < 2; attempt++) {
      items = await waits({ processInstanceKey: key, waitStateType: 'JOB' });
      if (items.length < 2) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // then
    const byElement = Object.fromEntries(items.map((item) => [item.elementId, item.details]));
    expect(byElement.stamp).to.include({ waitStateType: 'JOB', jobType: 'stamp-prepare', jobKind: 'EXECUTION_LISTENER', listenerEventType: 'START' });
    expect(byElement.sign).to.include({ waitStateType: 'JOB', jobType: 'sign-assign', jobKind: 'TASK_LISTENER', listenerEventType: 'CREATING' });
  });

  it('filters by wait state type and by root instance, and counts the waits per element', async () => {
    expect((await waits({ waitStateType: 'TIMER' })).map((item) => item.elementId)).to.deep.equal(['cooling-off']);
    expect(await waits({ rootProcessInstanceKey: processInstanceKey })).to.have.length(5);
    expect(await waits({ rootProcessInstanceKey: '2251799813999999' })).to.deep.equal([]);
    const statistics = await bed.call('GET', `/process-instances/${processInstanceKey}/statistics/wait-states`, { caller: AUDITOR });
    expect(await statistics.json()).to.deep.equal({
      items: ['await-policy', 'await-supplement', 'check-credit', 'cooling-off', 'review'].map((elementId) => ({ elementId, waitingCount: 1 })),
    });
  });

  it('lists the message subscription through the 8.8 client, CORRELATED once the 补正 arrives, and the wait is gone', async () => {
    const camunda = bed.orchestration(AUDITOR);
    const before = await camunda.searchMessageSubscriptions({ filter: { processInstanceKey } } as never, NOW);
    expect((before.items ?? []).map((item) => [item.elementId, item.messageName, item.correlationKey, item.messageSubscriptionState])).to.deep.equal([
      ['await-supplement', 'materials-supplemented', 'JN-7', 'CREATED'],
    ]);
    expect((await bed.call('POST', '/messages/correlation', { caller: ADMIN, body: { name: 'materials-supplemented', correlationKey: 'JN-7' } })).status).to.equal(200);
    await bed.record((record) => record.valueType === 'PROCESS_INSTANCE' && record.intent === 'ELEMENT_COMPLETED' && record.value.elementId === 'await-supplement');
    const after = await camunda.searchMessageSubscriptions({ filter: { processInstanceKey, messageSubscriptionState: 'CORRELATED' } } as never, NOW);
    expect((after.items ?? []).map((item) => item.elementId)).to.deep.equal(['await-supplement']);
    expect((await waits({ processInstanceKey })).map((item) => item.elementId)).to.not.include('await-supplement');
  });
});
