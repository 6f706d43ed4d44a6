import { expect } from 'chai';
import type { EngineRecord } from '../../../engine/api';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';
import { conditional } from './support/conditional-models';

const { process, start, end, userTask, catchEvent, boundary, eventSubProcess, chain } = bpmn;

/**
 * How Zeebe evaluates conditions (camunda/camunda, zeebe/engine: CatchEventBehavior#tryEvaluateSubscription,
 * BpmnConditionalBehavior#shouldTrigger, ConditionalEvaluationEvaluateProcessor#evaluateSubscription): a
 * condition that fails to evaluate counts as not fulfilled, with no incident; the root-level evaluation only
 * logs it, and skips start events whose condition reads none of the given variables.
 */
describe('conformance: conditional events whose condition cannot be evaluated (Camunda 8.9)', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed();
  });
  after(async () => {
    await bed?.close();
  });

  // `assert` fails (a FEEL error, not null) while `level` is missing or not above 3.
  const failing = conditional('=assert(level, level > 3) > 3');
  const incidentsOf = (key: string) => bed.records.asList().filter((r: EngineRecord) => r.valueType === 'INCIDENT' && r.value.processInstanceKey === key);
  const completed = (key: string, elementId: string) => bed.elements(key).withElementId(elementId).withIntent('ELEMENT_COMPLETED').count();
  const evaluate = async (body: unknown) => {
    const response = await fetch(`${bed.gateway.server.restUrl}/v2/conditionals/evaluation`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as { processInstances: { processInstanceKey: string }[]; detail?: string } };
  };

  it('keeps an intermediate catch event waiting without an incident while its condition fails, and passes once it holds', async () => {
    await bed.deploy(process('cond-fail-catch', start('s'), catchEvent('wait', failing), end('e'), chain('s', 'wait', 'e')));
    const key = await bed.start('cond-fail-catch', { level: 1 });
    await bed.waitForElement(key, 'wait', 'ELEMENT_ACTIVATED');
    await bed.sdk.setVariables({ elementInstanceKey: key, variables: { level: 2 }, local: false });
    await bed.settle();
    expect(incidentsOf(key)).to.deep.equal([]);
    expect(completed(key, 'wait')).to.equal(0);
    await bed.sdk.setVariables({ elementInstanceKey: key, variables: { level: 5 }, local: false });
    await bed.waitForCompletion(key);
  });

  it('leaves a task with a conditional boundary event active without an incident while the condition fails, and interrupts it once it holds', async () => {
    await bed.deploy(process('cond-fail-boundary', start('s'), userTask('review'), end('e'), boundary('escalate', 'review', failing), end('be'), chain('s', 'review', 'e'), chain('escalate', 'be')));
    const key = await bed.start('cond-fail-boundary');
    await bed.waitForElement(key, 'review', 'ELEMENT_ACTIVATED');
    await bed.sdk.setVariables({ elementInstanceKey: key, variables: { level: 0 }, local: false });
    await bed.settle();
    expect(incidentsOf(key)).to.deep.equal([]);
    expect(bed.elements(key).withElementId('review').withIntent('ELEMENT_TERMINATED').count()).to.equal(0);
    await bed.sdk.setVariables({ elementInstanceKey: key, variables: { level: 4 }, local: false });
    await bed.waitForCompletion(key);
    expect(completed(key, 'be')).to.equal(1);
  });

  it('does not start an event subprocess, nor raise an incident, while its conditional start event fails', async () => {
    const esp = eventSubProcess('raise', [start('rs', failing, { interrupting: false }), end('re'), chain('rs', 're')]);
    await bed.deploy(process('cond-fail-esp', start('s'), userTask('work'), end('e'), esp, chain('s', 'work', 'e')));
    const key = await bed.start('cond-fail-esp', { level: 'high' });
    await bed.waitForElement(key, 'work', 'ELEMENT_ACTIVATED');
    await bed.sdk.setVariables({ elementInstanceKey: key, variables: { level: 'higher' }, local: false });
    await bed.settle();
    expect(incidentsOf(key)).to.deep.equal([]);
    expect(bed.elements(key).withElementId('raise').count()).to.equal(0);
    await bed.sdk.setVariables({ elementInstanceKey: key, variables: { level: 9 }, local: false });
    await bed.waitForElement(key, 're', 'ELEMENT_COMPLETED');
  });

  it('answers POST /v2/conditionals/evaluation with no instance for a root start event whose condition fails, and one once it holds', async () => {
    const deployed = await bed.sdk.deployResource({ process: Buffer.from(process('cond-fail-root', start('go', failing), end('e'), chain('go', 'e'))), name: 'cond-fail-root.bpmn' });
    const processDefinitionKey = deployed.deployments[0].process.processDefinitionKey;
    const failed = await evaluate({ processDefinitionKey, variables: { level: 'not a number' } });
    expect(failed.status).to.equal(200);
    expect(failed.body.processInstances).to.deep.equal([]);
    const held = await evaluate({ processDefinitionKey, variables: { level: 7 } });
    expect(held.body.processInstances).to.have.length(1);
  });

  it('skips a root start event whose condition reads none of the given variables, even when it would hold (Zeebe: variable names filter)', async () => {
    const deployed = await bed.sdk.deployResource({
      process: Buffer.from(process('cond-names-root', start('go', conditional('=not(blocked = true)')), end('e'), chain('go', 'e'))),
      name: 'cond-names-root.bpmn',
    });
    const processDefinitionKey = deployed.deployments[0].process.processDefinitionKey;
    const unrelated = await evaluate({ processDefinitionKey, variables: { other: 1 } });
    expect(unrelated.body.processInstances).to.deep.equal([]);
    const related = await evaluate({ processDefinitionKey, variables: { blocked: false } });
    expect(related.body.processInstances).to.have.length(1);
  });

  it('answers an unknown process definition with 404 and Zeebe’s text', async () => {
    const unknown = await evaluate({ processDefinitionKey: '2251799813999999', variables: { level: 5 } });
    expect(unknown.status).to.equal(404);
    expect(unknown.body.detail).to.match(/^Expected to evaluate conditional with command key '-?\d+' for process definition key '2251799813999999', but no such process was found\.$/);
  });
});
