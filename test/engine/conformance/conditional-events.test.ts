import { expect } from 'chai';
import { createCamundaClient } from '@camunda8/orchestration-cluster-api';
import type { EngineRecord } from '../../../engine/api';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';
import { conditional } from './support/conditional-models';

const { process, start, end, serviceTask, userTask, catchEvent, boundary, eventSubProcess, chain } = bpmn;

describe('conformance: conditional events (Camunda 8.9)', () => {
  let bed: ConformanceBed;
  let camunda: ReturnType<typeof createCamundaClient>;
  before(async () => {
    bed = await startConformanceBed();
    camunda = createCamundaClient({
      config: { CAMUNDA_REST_ADDRESS: bed.gateway.server.restUrl, CAMUNDA_SDK_LOG_LEVEL: 'silent', CAMUNDA_AUTH_STRATEGY: 'NONE', CAMUNDA_SDK_VALIDATION: 'req:none,res:none' } as never,
    });
  });
  after(async () => {
    await bed?.close();
  });

  const subscriptionIntents = (key: string) =>
    bed.records.asList().filter((r: EngineRecord) => r.valueType === 'CONDITIONAL_SUBSCRIPTION' && r.value.processInstanceKey === key).map((r: EngineRecord) => r.intent);
  const elementEvents = (key: string, elementId: string) =>
    bed.records.processInstance().events().withProcessInstanceKey(key).asList().filter((r: EngineRecord) => r.value.elementId === elementId).map((r: EngineRecord) => r.intent);
  const setVariables = (elementInstanceKey: string, variables: Record<string, unknown>, local = false) => bed.sdk.setVariables({ elementInstanceKey, variables, local });

  it('waits at an intermediate conditional catch event until a variable change makes the condition true (Camunda: wait-until condition)', async () => {
    // given
    await bed.deploy(process('cond-catch', start('s'), catchEvent('wait', conditional('=stock > 10')), end('e'), chain('s', 'wait', 'e')));
    const key = await bed.start('cond-catch', { stock: 1 });
    await bed.waitForElement(key, 'wait', 'ELEMENT_ACTIVATED');
    // when a change leaves the condition false, then one makes it true
    await setVariables(key, { stock: 5 });
    await bed.settle();
    expect(elementEvents(key, 'wait')).to.not.include('ELEMENT_COMPLETED');
    await setVariables(key, { stock: 11 });
    await bed.waitForCompletion(key);
    // then the subscription was created, triggered once and deleted, as Zeebe records it
    expect(subscriptionIntents(key)).to.deep.equal(['CREATED', 'TRIGGERED', 'DELETED']);
    const created = bed.records.asList().find((r: EngineRecord) => r.valueType === 'CONDITIONAL_SUBSCRIPTION' && r.value.processInstanceKey === key)!;
    expect(created.value).to.deep.include({ catchEventId: 'wait', condition: '=stock > 10', variableNames: ['stock'], interrupting: true });
  });

  it('lists a waiting conditional catch event as a CONDITION wait state (Camunda 8.10: POST /v2/element-instances/wait-states/search)', async () => {
    await bed.deploy(process('cond-wait-state', start('s'), catchEvent('wait', conditional('=approved = true', { variableEvents: 'update' })), end('e'), chain('s', 'wait', 'e')));
    const key = await bed.start('cond-wait-state', { approved: false });
    await bed.waitForElement(key, 'wait', 'ELEMENT_ACTIVATED');
    // history is eventually consistent: ask until the exporter has caught up
    let items: { elementId: string; elementType: string; details: Record<string, unknown> }[] = [];
    for (let attempt = 0; attempt < 100 && items.length === 0; attempt++) {
      const response = await fetch(`${bed.gateway.server.restUrl}/v2/element-instances/wait-states/search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ filter: { processInstanceKey: key } }),
      });
      items = ((await response.json()) as { items: typeof items }).items;
      if (items.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(items).to.have.length(1);
    expect(items[0]).to.deep.include({ elementId: 'wait', elementType: 'INTERMEDIATE_CATCH_EVENT' });
    expect(items[0].details).to.deep.equal({ waitStateType: 'CONDITION', expression: '=approved = true', events: ['update'] });
  });

  it('passes a catch event whose condition already holds when it is reached (Camunda: triggering on scope activation)', async () => {
    await bed.deploy(process('cond-now', start('s'), catchEvent('wait', conditional('=ready')), end('e'), chain('s', 'wait', 'e')));
    const key = await bed.start('cond-now', { ready: true });
    await bed.waitForCompletion(key);
    expect(subscriptionIntents(key)).to.deep.equal(['CREATED', 'TRIGGERED', 'DELETED']);
  });

  it('interrupts a service task by its conditional boundary event: the job is canceled and the boundary path runs (Camunda: conditional boundary events)', async () => {
    // given
    const model = process('cond-boundary', start('s'), serviceTask('review', 'cond-review'), end('e'), boundary('changed', 'review', conditional('=addressChanged = true')), end('re'), chain('s', 'review', 'e'), chain('changed', 're'));
    await bed.deploy(model);
    const key = await bed.start('cond-boundary', { addressChanged: false });
    await bed.waitFor('the review job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    // when
    await setVariables(key, { addressChanged: true });
    await bed.waitForCompletion(key);
    // then
    expect(elementEvents(key, 'review')).to.include('ELEMENT_TERMINATED');
    expect(elementEvents(key, 're')).to.include('ELEMENT_COMPLETED');
    expect(bed.records.job().withProcessInstanceKey(key).withIntent('CANCELED').count()).to.equal(1);
  });

  it('triggers an interrupting boundary event at once when its condition holds as the task is entered, after the job is created (Camunda: triggering on scope activation)', async () => {
    const model = process('cond-boundary-now', start('s'), serviceTask('a', 'cond-a'), end('e'), boundary('big', 'a', conditional('=x > 10')), end('be'), chain('s', 'a', 'e'), chain('big', 'be'));
    await bed.deploy(model);
    const key = await bed.start('cond-boundary-now', { x: 11 });
    await bed.waitForCompletion(key);
    expect(bed.records.job().withProcessInstanceKey(key).asList().map((r: EngineRecord) => r.intent)).to.deep.equal(['CREATED', 'CANCELED']);
    expect(elementEvents(key, 'be')).to.include('ELEMENT_COMPLETED');
  });

  it('runs a non-interrupting boundary path each time a referenced variable makes the condition true, and not for other variables (Camunda: expression-based evaluation)', async () => {
    // given
    const model = process('cond-remind', start('s'), userTask('handle'), end('e'), boundary('remind', 'handle', conditional('=priority > 5'), { interrupting: false }), end('re'), chain('s', 'handle', 'e'), chain('remind', 're'));
    await bed.deploy(model);
    const key = await bed.start('cond-remind', { priority: 1 });
    await bed.waitForElement(key, 'handle', 'ELEMENT_ACTIVATED');
    // when
    await setVariables(key, { priority: 7 });
    await setVariables(key, { note: 'unrelated' });
    await setVariables(key, { priority: 9 });
    await bed.settle();
    // then twice, and the task still waits
    expect(elementEvents(key, 're').filter((i) => i === 'ELEMENT_COMPLETED')).to.have.length(2);
    expect(elementEvents(key, 'handle')).to.not.include('ELEMENT_TERMINATED');
    expect(subscriptionIntents(key)).to.deep.equal(['CREATED', 'TRIGGERED', 'TRIGGERED']);
  });

  it('evaluates top-down: when a change satisfies both a subprocess boundary and a boundary inside it, only the outer one interrupts (Camunda: top-down evaluation)', async () => {
    const inner = bpmn.subProcess('case', [start('cs'), serviceTask('inner-task', 'cond-inner'), end('ce'), boundary('inner-flag', 'inner-task', conditional('=flag = true')), end('ie'), chain('cs', 'inner-task', 'ce'), chain('inner-flag', 'ie')]);
    const model = process('cond-top-down', start('s'), inner, end('e'), boundary('outer-flag', 'case', conditional('=flag = true')), end('oe'), chain('s', 'case', 'e'), chain('outer-flag', 'oe'));
    await bed.deploy(model);
    const key = await bed.start('cond-top-down', { flag: false });
    await bed.waitFor('the inner job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    await setVariables(key, { flag: true });
    await bed.waitForCompletion(key);
    expect(elementEvents(key, 'oe')).to.include('ELEMENT_COMPLETED');
    expect(elementEvents(key, 'ie')).to.deep.equal([]);
    const triggered = bed.records.asList().filter((r: EngineRecord) => r.valueType === 'CONDITIONAL_SUBSCRIPTION' && r.intent === 'TRIGGERED' && r.value.processInstanceKey === key);
    expect(triggered.map((r: EngineRecord) => r.value.catchEventId)).to.deep.equal(['outer-flag']);
  });

  it('does not trigger a boundary event from a variable set only in another branch\'s local scope (Camunda: scope isolation)', async () => {
    const model = process('cond-isolation', start('s'), bpmn.parallelGateway('fork'), userTask('a'), userTask('b'), end('ea'), end('eb'),
      boundary('a-flag', 'a', conditional('=urgent = true'), { interrupting: false }), boundary('b-flag', 'b', conditional('=urgent = true'), { interrupting: false }), end('af'), end('bf'),
      chain('s', 'fork'), chain('fork', 'a', 'ea'), chain('fork', 'b', 'eb'), chain('a-flag', 'af'), chain('b-flag', 'bf'));
    await bed.deploy(model);
    const key = await bed.start('cond-isolation', { urgent: false });
    const a = await bed.waitForElement(key, 'a', 'ELEMENT_ACTIVATED');
    await bed.waitForElement(key, 'b', 'ELEMENT_ACTIVATED');
    await setVariables(a.key, { urgent: true }, true);
    await bed.waitForElement(key, 'af');
    await bed.settle();
    expect(elementEvents(key, 'bf')).to.deep.equal([]);
  });

  it('honours zeebe:conditionalFilter variableEvents: a create-only filter ignores updates (Camunda: variable filter semantics)', async () => {
    const model = process('cond-filter', start('s'), catchEvent('wait', conditional('=flag = true', { variableEvents: 'create' })), end('e'), chain('s', 'wait', 'e'));
    await bed.deploy(model);
    const key = await bed.start('cond-filter', { flag: false });
    const wait = await bed.waitForElement(key, 'wait', 'ELEMENT_ACTIVATED');
    await setVariables(key, { flag: true });
    await bed.settle();
    expect(elementEvents(key, 'wait')).to.not.include('ELEMENT_COMPLETED');
    // a variable created (locally on the catch event) does trigger it
    await setVariables(wait.key, { flag: true }, true);
    await bed.waitForCompletion(key);
  });

  it('starts an interrupting event subprocess when its condition becomes true in the process scope (Camunda: event subprocess conditional start events)', async () => {
    const esp = eventSubProcess('cancellation', [start('cs', conditional('=canceled = true')), end('ce'), chain('cs', 'ce')]);
    const model = process('cond-esp', start('s'), userTask('work'), end('e'), esp, chain('s', 'work', 'e'));
    await bed.deploy(model);
    const key = await bed.start('cond-esp', { canceled: false });
    await bed.waitForElement(key, 'work', 'ELEMENT_ACTIVATED');
    // over REST this time (PUT /v2/element-instances/{key}/variables)
    await camunda.createElementInstanceVariables({ elementInstanceKey: key, variables: { canceled: true } } as never);
    await bed.waitForCompletion(key);
    expect(elementEvents(key, 'work')).to.include('ELEMENT_TERMINATED');
    expect(elementEvents(key, 'cancellation')).to.include('ELEMENT_COMPLETED');
  });

  it('evaluates root-level conditional start events over REST and starts an instance at each that holds (POST /v2/conditionals/evaluation)', async () => {
    // given
    const deployed = await bed.sdk.deployResource({
      process: Buffer.from(process('cond-start', start('big', conditional('=amount > 100')), end('e'), chain('big', 'e'))),
      name: 'cond-start.bpmn',
    });
    const processDefinitionKey = deployed.deployments[0].process.processDefinitionKey;
    // when (the installed REST client is 8.8's, which has no evaluateConditionals yet: plain HTTP as the 8.9 spec says)
    const evaluate = async (body: unknown) => {
      const response = await fetch(`${bed.gateway.server.restUrl}/v2/conditionals/evaluation`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(response.status).to.equal(200);
      return (await response.json()) as { conditionalEvaluationKey: string; tenantId: string; processInstances: { processDefinitionKey: string; processInstanceKey: string }[] };
    };
    const none = await evaluate({ variables: { amount: 50 }, processDefinitionKey });
    const some = await evaluate({ variables: { amount: 500 } });
    // then
    expect(none.processInstances).to.deep.equal([]);
    expect(some.tenantId).to.equal('<default>');
    expect(some.conditionalEvaluationKey).to.match(/^\d+$/);
    expect(some.processInstances).to.have.length(1);
    expect(some.processInstances[0].processDefinitionKey).to.equal(processDefinitionKey);
    await bed.waitForCompletion(some.processInstances[0].processInstanceKey);
    expect(bed.variablesOf(some.processInstances[0].processInstanceKey)).to.include({ amount: 500 });
    // and an unknown definition is a 404
    const response = await fetch(`${bed.gateway.server.restUrl}/v2/conditionals/evaluation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ processDefinitionKey: '2251799813999999', variables: {} }),
    });
    expect(response.status).to.equal(404);
  });

  it('refuses at deployment a conditional event without a condition', async () => {
    const model = process('cond-bad', start('s'), catchEvent('wait', '<bpmn:conditionalEventDefinition/>'), end('e'), chain('s', 'wait', 'e'));
    const error = await bed.sdk.deployResource({ process: Buffer.from(model), name: 'cond-bad.bpmn' }).then(() => undefined, (e: { code: number; details: string }) => e);
    expect(error?.code).to.equal(3);
    expect(error?.details).to.contain('Must have a condition expression');
  });
});
