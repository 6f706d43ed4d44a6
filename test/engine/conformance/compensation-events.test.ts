import { expect } from 'chai';
import { createCamundaClient } from '@camunda8/orchestration-cluster-api';
import type { EngineRecord } from '../../../engine/api';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';
import { compensate, compensationBoundary, forCompensation } from './support/compensation-models';

const { process, start, end, serviceTask, task, subProcess, throwEvent, parallelGateway, eventSubProcess, error, errorRef, chain, flow } = bpmn;

describe('conformance: compensation events (Zeebe 8.5+)', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed();
  });
  after(async () => {
    await bed?.close();
  });

  /** Element events and compensation subscription events of one instance, in log order. */
  function trail(key: string): string[] {
    return bed.records
      .events()
      .withProcessInstanceKey(key)
      .filter((r) => r.valueType === 'PROCESS_INSTANCE' || r.valueType === 'COMPENSATION_SUBSCRIPTION')
      .asList()
      .map((r: EngineRecord) => (r.valueType === 'PROCESS_INSTANCE' ? `${r.value.elementId}:${r.intent}` : `subscription(${r.value.compensableActivityId}):${r.intent}`));
  }

  function subscriptions(key: string) {
    return bed.records.ofValueType('COMPENSATION_SUBSCRIPTION').withProcessInstanceKey(key);
  }

  it('an intermediate throw event invokes the handler of a completed activity and waits for it, with Zeebe’s record sequence', async () => {
    // given
    await bed.deploy(
      process(
        'comp-basic',
        start('s'),
        serviceTask('pay', 'comp-pay'),
        compensationBoundary('payUndo', 'pay', 'refund'),
        forCompensation(serviceTask('refund', 'comp-refund')),
        throwEvent('undo', compensate()),
        end('e'),
        chain('s', 'pay', 'undo', 'e'),
      ),
    );
    bed.work('comp-pay', (job) => job.complete({ paid: 100 }));
    // when
    const key = await bed.start('comp-basic');
    await bed.waitForElement(key, 'refund', 'ELEMENT_ACTIVATED');
    // then the throw event waits for the handler
    expect(bed.elements(key).withElementId('undo').intents()).to.deep.equal(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    // when
    bed.work('comp-refund', (job) => job.complete({ refunded: job.variables.paid }));
    await bed.waitForCompletion(key);
    // then
    expect(trail(key)).to.deep.equal([
      'comp-basic:ELEMENT_ACTIVATING',
      'comp-basic:ELEMENT_ACTIVATED',
      's:ELEMENT_ACTIVATING',
      's:ELEMENT_ACTIVATED',
      's:ELEMENT_COMPLETING',
      's:ELEMENT_COMPLETED',
      's_pay:SEQUENCE_FLOW_TAKEN',
      'pay:ELEMENT_ACTIVATING',
      'pay:ELEMENT_ACTIVATED',
      'pay:ELEMENT_COMPLETING',
      'subscription(pay):CREATED',
      'pay:ELEMENT_COMPLETED',
      'pay_undo:SEQUENCE_FLOW_TAKEN',
      'undo:ELEMENT_ACTIVATING',
      'undo:ELEMENT_ACTIVATED',
      'payUndo:ELEMENT_ACTIVATING',
      'payUndo:ELEMENT_ACTIVATED',
      'payUndo:ELEMENT_COMPLETING',
      'payUndo:ELEMENT_COMPLETED',
      'subscription(pay):TRIGGERED',
      'refund:ELEMENT_ACTIVATING',
      'refund:ELEMENT_ACTIVATED',
      'refund:ELEMENT_COMPLETING',
      'refund:ELEMENT_COMPLETED',
      'subscription(pay):COMPLETED',
      'undo:ELEMENT_COMPLETING',
      'undo:ELEMENT_COMPLETED',
      'undo_e:SEQUENCE_FLOW_TAKEN',
      'e:ELEMENT_ACTIVATING',
      'e:ELEMENT_ACTIVATED',
      'e:ELEMENT_COMPLETING',
      'e:ELEMENT_COMPLETED',
      'comp-basic:ELEMENT_COMPLETING',
      'comp-basic:ELEMENT_COMPLETED',
    ]);
    const handler = bed.elements(key).withElementId('refund').first();
    expect(handler.value).to.include({ bpmnEventType: 'COMPENSATION', bpmnElementType: 'SERVICE_TASK', flowScopeKey: key });
    const triggered = subscriptions(key).withIntent('TRIGGERED').first().value;
    expect(triggered).to.include({
      compensableActivityId: 'pay',
      compensableActivityScopeKey: key,
      compensationHandlerId: 'refund',
      compensationHandlerInstanceKey: handler.key,
      throwEventId: 'undo',
      throwEventInstanceKey: bed.elements(key).withElementId('undo').first().key,
    });
    expect(bed.variablesOf(key)).to.include({ refunded: 100 });
  });

  it('invokes handlers only for completed activities: an activity still active when compensation is thrown is not compensated', async () => {
    // given two branches: 'reserve' waits for its worker, 'charge' completes and compensation follows it
    await bed.deploy(
      process(
        'comp-only-completed',
        start('s'),
        parallelGateway('fork'),
        serviceTask('reserve', 'comp-oc-reserve'),
        compensationBoundary('reserveUndo', 'reserve', 'release'),
        forCompensation(task('release')),
        task('charge'),
        compensationBoundary('chargeUndo', 'charge', 'refund'),
        forCompensation(task('refund')),
        throwEvent('undo', compensate()),
        end('e1'),
        end('e2'),
        chain('s', 'fork', 'reserve', 'e1'),
        chain('fork', 'charge', 'undo', 'e2'),
      ),
    );
    // when
    const key = await bed.start('comp-only-completed');
    await bed.waitForElement(key, 'undo');
    // then
    expect(bed.elements(key).withElementId('refund').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.elements(key).withElementId('release').exists()).to.equal(false);
    expect(subscriptions(key).withIntent('CREATED').values().map((v) => v.compensableActivityId)).to.deep.equal(['charge']);
    await bed.sdk.cancelProcessInstance(key);
  });

  it('compensates only the activity named by activityRef, one after another in the order the throw events stand', async () => {
    // given
    await bed.deploy(
      process(
        'comp-activity-ref',
        start('s'),
        task('book'),
        compensationBoundary('bookUndo', 'book', 'cancelBooking'),
        forCompensation(serviceTask('cancelBooking', 'comp-ref-cancel')),
        task('notify'),
        compensationBoundary('notifyUndo', 'notify', 'retract'),
        forCompensation(serviceTask('retract', 'comp-ref-retract')),
        throwEvent('undoNotify', compensate({ activityRef: 'notify' })),
        end('undoBook', compensate({ activityRef: 'book' })),
        chain('s', 'book', 'notify', 'undoNotify', 'undoBook'),
      ),
    );
    bed.work('comp-ref-cancel', (job) => job.complete());
    bed.work('comp-ref-retract', (job) => job.complete());
    // when
    const key = await bed.start('comp-activity-ref');
    await bed.waitForCompletion(key);
    // then retract ran (and completed) before cancelBooking began
    const order = trail(key).filter((line) => /^(retract|cancelBooking|undoNotify|undoBook):ELEMENT_(ACTIVATING|COMPLETED)$/.test(line));
    expect(order).to.deep.equal([
      'undoNotify:ELEMENT_ACTIVATING',
      'retract:ELEMENT_ACTIVATING',
      'retract:ELEMENT_COMPLETED',
      'undoNotify:ELEMENT_COMPLETED',
      'undoBook:ELEMENT_ACTIVATING',
      'cancelBooking:ELEMENT_ACTIVATING',
      'cancelBooking:ELEMENT_COMPLETED',
      'undoBook:ELEMENT_COMPLETED',
    ]);
  });

  it('reaches into a completed embedded subprocess, and a throw event inside a subprocess compensates only inside it', async () => {
    // given
    await bed.deploy(
      process(
        'comp-subprocess',
        start('s'),
        task('outside'),
        compensationBoundary('outsideUndo', 'outside', 'undoOutside'),
        forCompensation(task('undoOutside')),
        subProcess('steps', [
          start('ss'),
          task('inner'),
          compensationBoundary('innerUndo', 'inner', 'undoInner'),
          forCompensation(task('undoInner')),
          end('se'),
          chain('ss', 'inner', 'se'),
        ]),
        subProcess('local', [
          start('ls'),
          task('localStep'),
          compensationBoundary('localUndo', 'localStep', 'undoLocal'),
          forCompensation(task('undoLocal')),
          end('le', compensate()),
          chain('ls', 'localStep', 'le'),
        ]),
        throwEvent('undoAll', compensate()),
        end('e'),
        chain('s', 'outside', 'steps', 'local', 'undoAll', 'e'),
      ),
    );
    // when
    const key = await bed.start('comp-subprocess');
    await bed.waitForCompletion(key);
    // then the end event inside 'local' compensated 'localStep' only
    const localEnd = bed.elements(key).withElementId('le').first().key;
    const byThrow = (throwKey: string) =>
      subscriptions(key).withIntent('TRIGGERED').values().filter((v) => v.throwEventInstanceKey === throwKey).map((v) => v.compensableActivityId);
    expect(byThrow(localEnd)).to.deep.equal(['localStep']);
    // and the top-level throw reached 'outside' and, through the completed subprocess, 'inner' (not 'local' again)
    const undoAll = bed.elements(key).withElementId('undoAll').first().key;
    expect(byThrow(undoAll)).to.deep.equal(['outside', 'steps', 'inner']);
    expect(subscriptions(key).withIntent('TRIGGERED').values().find((v) => v.compensableActivityId === 'steps')).to.include({ compensationHandlerId: '', compensationHandlerInstanceKey: '-1' });
    expect(bed.elements(key).withElementId('undoInner').first().value).to.include({ flowScopeKey: key, bpmnEventType: 'COMPENSATION' });
    expect(subscriptions(key).withIntent('COMPLETED').values().map((v) => v.compensableActivityId)).to.have.members(['localStep', 'outside', 'inner', 'steps']);
  });

  it('invokes the handler of a multi-instance activity once, after all its instances completed', async () => {
    // given
    await bed.deploy(
      process(
        'comp-multi',
        start('s'),
        serviceTask('notify', 'comp-mi-notify', { multiInstance: { inputCollection: '=recipients', inputElement: 'recipient' } }),
        compensationBoundary('notifyUndo', 'notify', 'retractAll'),
        forCompensation(task('retractAll')),
        end('e', compensate()),
        chain('s', 'notify', 'e'),
      ),
    );
    bed.work('comp-mi-notify', (job) => job.complete());
    // when
    const key = await bed.start('comp-multi', { recipients: ['张三', '李四', '王五'] });
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('retractAll').withIntent('ELEMENT_ACTIVATING').count()).to.equal(1);
    const created = subscriptions(key).withIntent('CREATED').values();
    expect(created).to.have.length(1);
    expect(created[0]).to.include({ compensableActivityId: 'notify', compensationHandlerId: 'retractAll', compensableActivityScopeKey: key });
  });

  it('an error event subprocess compensates the completed activities of the scope around it', async () => {
    // given
    await bed.deploy(
      process(
        'comp-event-subprocess',
        error('failed', 'PAYMENT_FAILED'),
        start('s'),
        task('reserve'),
        compensationBoundary('reserveUndo', 'reserve', 'release'),
        forCompensation(serviceTask('release', 'comp-esp-release')),
        serviceTask('pay', 'comp-esp-pay'),
        end('e'),
        chain('s', 'reserve', 'pay', 'e'),
        eventSubProcess('onFailure', [start('fs', errorRef('failed')), end('fe', compensate()), chain('fs', 'fe')]),
      ),
    );
    bed.work('comp-esp-pay', (job) => job.error('PAYMENT_FAILED', 'card declined'));
    bed.work('comp-esp-release', (job) => job.complete({ released: true }));
    // when
    const key = await bed.start('comp-event-subprocess');
    await bed.waitForCompletion(key);
    // then
    const esp = bed.elements(key).withElementId('onFailure').first().key;
    expect(bed.elements(key).withElementId('release').first().value).to.include({ flowScopeKey: esp, bpmnEventType: 'COMPENSATION' });
    expect(bed.elements(key).withElementId('fe').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.variablesOf(key)).to.include({ released: true });
  });

  it('a throw event with nothing to compensate completes at once, and a completing instance deletes the subscriptions it holds', async () => {
    // given
    await bed.deploy(
      process(
        'comp-nothing',
        start('s'),
        throwEvent('undoNothing', compensate()),
        task('work'),
        compensationBoundary('workUndo', 'work', 'undoWork'),
        forCompensation(task('undoWork')),
        end('e'),
        chain('s', 'undoNothing', 'work', 'e'),
      ),
    );
    // when
    const key = await bed.start('comp-nothing');
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('undoNothing').intents()).to.deep.equal(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(subscriptions(key).intents()).to.deep.equal(['CREATED', 'DELETED']);
    const lines = trail(key);
    expect(lines.indexOf('subscription(work):DELETED')).to.be.greaterThan(lines.indexOf('comp-nothing:ELEMENT_COMPLETING'));
    expect(lines.indexOf('subscription(work):DELETED')).to.be.lessThan(lines.indexOf('comp-nothing:ELEMENT_COMPLETED'));
  });

  it('a canceled instance deletes its compensation subscriptions (zeebe-node)', async () => {
    // given
    await bed.deploy(
      process(
        'comp-cancel',
        start('s'),
        task('done'),
        compensationBoundary('doneUndo', 'done', 'undoDone'),
        forCompensation(task('undoDone')),
        serviceTask('wait', 'comp-cancel-wait'),
        end('e'),
        chain('s', 'done', 'wait', 'e'),
      ),
    );
    const zeebeNode = bed.gateway.zeebeNode();
    const { processInstanceKey: key } = await zeebeNode.createProcessInstance({ bpmnProcessId: 'comp-cancel', variables: {} });
    await bed.waitForElement(key, 'wait', 'ELEMENT_ACTIVATED');
    // when
    await zeebeNode.cancelProcessInstance(key);
    await bed.waitForTermination(key);
    await zeebeNode.close();
    // then
    expect(subscriptions(key).intents()).to.deep.equal(['CREATED', 'DELETED']);
  });

  it('runs through the REST API v2 (orchestration cluster client): deploy, start, handler job, and the handler listed among the element instances', async () => {
    // given
    const camunda = createCamundaClient({ config: { CAMUNDA_REST_ADDRESS: bed.gateway.server.restUrl, CAMUNDA_SDK_LOG_LEVEL: 'silent', CAMUNDA_AUTH_STRATEGY: 'NONE' } as never });
    const model = process(
      'comp-rest',
      start('s'),
      task('approve', { name: '核准' }),
      compensationBoundary('approveUndo', 'approve', 'revoke'),
      forCompensation(serviceTask('revoke', 'comp-rest-revoke', { name: '撤销核准' })),
      end('e', compensate()),
      chain('s', 'approve', 'e'),
    );
    await camunda.createDeployment({ resources: [new File([model], 'comp-rest.bpmn')] } as never);
    const created = await camunda.createProcessInstance({ processDefinitionId: 'comp-rest', variables: {} } as never);
    const key = String(created.processInstanceKey);
    // when
    await bed.waitFor('the handler job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    const { jobs } = await camunda.activateJobs({ type: 'comp-rest-revoke', worker: 'rest', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: -1 } as never);
    await camunda.completeJob({ jobKey: jobs[0].jobKey, variables: { revoked: true } } as never);
    await bed.waitForCompletion(key);
    // then
    expect(jobs[0]).to.include({ elementId: 'revoke', kind: 'BPMN_ELEMENT' });
    const found = await camunda.searchElementInstances({ filter: { processInstanceKey: key } } as never, { consistency: { waitUpToMs: 5_000, predicate: (r: { items: unknown[] }) => r.items.length >= 4 } } as never);
    const items = (found.items ?? []) as { elementId: string; type: string; state: string }[];
    expect(items.map((item) => [item.elementId, item.type, item.state])).to.deep.include.members([
      ['approve', 'TASK', 'COMPLETED'],
      ['approveUndo', 'BOUNDARY_EVENT', 'COMPLETED'],
      ['revoke', 'SERVICE_TASK', 'COMPLETED'],
      ['e', 'END_EVENT', 'COMPLETED'],
    ]);
  });

  describe('deployment validation (Zeebe’s messages)', () => {
    async function refusal(model: string): Promise<{ code: number; details: string } | undefined> {
      return bed.sdk.deployResource({ process: Buffer.from(model), name: 'comp-refused.bpmn' }).then(
        () => undefined,
        (e: { code: number; details: string }) => e,
      );
    }

    it('refuses a compensation boundary event without an association to its handler', async () => {
      const failed = await refusal(process('comp-bad-1', start('s'), task('a'), compensationBoundary('aUndo', 'a'), end('e'), chain('s', 'a', 'e')));
      expect(failed?.code).to.equal(3);
      expect(failed?.details).to.contain('aUndo').and.contain('Compensation boundary events must have a compensation association and no outgoing sequence flows');
    });

    it('refuses a compensation handler with sequence flows', async () => {
      const failed = await refusal(
        process('comp-bad-2', start('s'), task('a'), compensationBoundary('aUndo', 'a', 'h'), forCompensation(task('h')), end('e'), chain('s', 'a', 'h', 'e')),
      );
      expect(failed?.details).to.contain('A compensation handler should have no incoming sequence flows').and.contain('A compensation handler should have no outgoing sequence flows');
    });

    it('refuses an activityRef outside the throw event’s scope, and waitForCompletion="false"', async () => {
      const failed = await refusal(
        process(
          'comp-bad-3',
          start('s'),
          task('a'),
          compensationBoundary('aUndo', 'a', 'h'),
          forCompensation(task('h')),
          subProcess('sub', [start('ss'), throwEvent('t', compensate({ activityRef: 'a', waitForCompletion: false })), end('se'), chain('ss', 't', 'se')]),
          end('e'),
          chain('s', 'a', 'sub', 'e'),
        ),
      );
      expect(failed?.details).to.contain("The referenced compensation activity 'a' must be in the same scope as the compensation throw event");
      expect(failed?.details).to.contain('A compensation intermediate throwing event waitForCompletion attribute must be true or not present');
    });

    it('refuses an activityRef to an activity that has no compensation boundary event and is no subprocess', async () => {
      const failed = await refusal(process('comp-bad-4', start('s'), task('a'), throwEvent('t', compensate({ activityRef: 'a' })), end('e'), chain('s', 'a', 't', 'e')));
      expect(failed?.details).to.contain("The referenced compensation activity 'a' must have either a compensation boundary event or be a subprocess");
    });
  });

  void flow;
});
