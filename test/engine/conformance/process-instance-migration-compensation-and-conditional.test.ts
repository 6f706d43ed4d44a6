import { expect } from 'chai';
import type { EngineRecord } from '../../../engine/api';
import { bpmn } from '../../support';
import { migrationSteps, startConformanceBed, type ConformanceBed, type MigrationSteps } from './support';
import { compensate, compensationBoundary, forCompensation } from './support/compensation-models';
import { conditional } from './support/conditional-models';

const { process, start, end, serviceTask, userTask, catchEvent, boundary, throwEvent, timerDuration, chain } = bpmn;

/**
 * What migration does to conditional and compensation subscriptions, as Zeebe's
 * ProcessInstanceMigrationCatchEventBehavior (camunda/camunda, zeebe/engine/.../processinstance): a mapped
 * conditional event keeps its subscription (key and condition) and only learns the target (MIGRATED); an
 * unmapped one is closed and the target's own is opened and evaluated; compensation subscriptions of completed
 * activities survive only through a mapped compensation boundary event, all others are deleted.
 */
describe('conformance: migrating conditional and compensation subscriptions (Zeebe 8.9 catch event rules)', () => {
  let bed: ConformanceBed;
  let steps: MigrationSteps;
  before(async () => {
    bed = await startConformanceBed();
    steps = migrationSteps(bed);
  });
  after(async () => {
    await bed?.close();
  });

  const conditionalRecords = (key: string) => bed.records.asList().filter((r: EngineRecord) => r.valueType === 'CONDITIONAL_SUBSCRIPTION' && r.value.processInstanceKey === key);
  const compensationRecords = (key: string) => bed.records.asList().filter((r: EngineRecord) => r.valueType === 'COMPENSATION_SUBSCRIPTION' && r.value.processInstanceKey === key);

  const reviewWithBoundary = (id: string, boundaryId: string, condition: string, after: string) =>
    process(id, start('s'), userTask('review'), end('e'), boundary(boundaryId, 'review', conditional(condition)), serviceTask(after, `mig-${after}`), end('be'), chain('s', 'review', 'e'), chain(boundaryId, after, 'be'));

  it('keeps a mapped conditional boundary subscription (same key and condition), which then triggers the target boundary path', async () => {
    // given
    await steps.deploy(reviewWithBoundary('mig-cond-keep', 'changed', '=addressChanged = true', 'recheck'), 'mig-cond-keep.bpmn');
    const key = await bed.start('mig-cond-keep', { addressChanged: false });
    const created = await bed.waitFor('the subscription', (r) => r.valueType === 'CONDITIONAL_SUBSCRIPTION' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    const v2 = await steps.deploy(reviewWithBoundary('mig-cond-keep', 'address-changed', '=addressChanged = true and urgent = true', 'reroute'), 'mig-cond-keep.bpmn');
    // when
    await steps.migrate(key, v2, [['review', 'review'], ['changed', 'address-changed']]);
    // then the subscription is re-pointed, its condition as it was subscribed
    const migrated = conditionalRecords(key).find((r) => r.intent === 'MIGRATED')!;
    expect(migrated.key).to.equal(created.key);
    expect(migrated.value).to.deep.include({ catchEventId: 'address-changed', processDefinitionKey: v2, condition: '=addressChanged = true' });
    // and a change that fulfils it leaves through the target's boundary path
    await bed.sdk.setVariables({ elementInstanceKey: key, variables: { addressChanged: true }, local: false });
    const job = await bed.waitFor('the target path job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    expect(job.value).to.include({ type: 'mig-reroute', elementId: 'reroute' });
  });

  it('closes an unmapped conditional boundary subscription and opens the target’s, evaluated at once', async () => {
    // given
    await steps.deploy(reviewWithBoundary('mig-cond-new', 'changed', '=addressChanged = true', 'recheck'), 'mig-cond-new.bpmn');
    const key = await bed.start('mig-cond-new', { addressChanged: false, overdue: true });
    const created = await bed.waitFor('the subscription', (r) => r.valueType === 'CONDITIONAL_SUBSCRIPTION' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    const v2 = await steps.deploy(reviewWithBoundary('mig-cond-new', 'late', '=overdue = true', 'escalate'), 'mig-cond-new.bpmn');
    // when only the task is mapped
    await steps.migrate(key, v2, [['review', 'review']]);
    // then the old subscription is deleted, the new one created and, as its condition holds, triggered
    const job = await bed.waitFor('the escalation job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    expect(job.value).to.include({ type: 'mig-escalate' });
    const trail = conditionalRecords(key).map((r) => `${r.value.catchEventId}:${r.intent}`);
    expect(trail).to.deep.equal(['changed:CREATED', 'changed:DELETED', 'late:CREATED', 'late:TRIGGERED', 'late:DELETED']);
    expect(conditionalRecords(key).find((r) => r.intent === 'DELETED')!.key).to.equal(created.key);
  });

  it('migrates an active conditional intermediate catch event with its subscription', async () => {
    const waiting = (next: string) => process('mig-cond-catch', start('s'), catchEvent('wait', conditional('=ready = true')), serviceTask(next, `mig-${next}`), end('e'), chain('s', 'wait', next, 'e'));
    await steps.deploy(waiting('ship'), 'mig-cond-catch.bpmn');
    const key = await bed.start('mig-cond-catch', { ready: false });
    await bed.waitForElement(key, 'wait', 'ELEMENT_ACTIVATED');
    const v2 = await steps.deploy(waiting('deliver'), 'mig-cond-catch.bpmn');
    await steps.migrate(key, v2, [['wait', 'wait']]);
    expect(conditionalRecords(key).map((r) => r.intent)).to.deep.equal(['CREATED', 'MIGRATED']);
    await bed.sdk.setVariables({ elementInstanceKey: key, variables: { ready: true }, local: false });
    const job = await bed.waitFor('the deliver job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    expect(job.value).to.include({ type: 'mig-deliver' });
  });

  /** A payment with a compensation boundary, then a review; compensation thrown after the review. */
  const payThenReview = (id: string, payId: string, boundaryId: string, handlerId: string, boundaryDefinition?: string) =>
    process(
      id,
      start('s'),
      serviceTask(payId, 'mig-pay'),
      boundaryDefinition ? boundary(boundaryId, payId, boundaryDefinition) : compensationBoundary(boundaryId, payId, handlerId),
      ...(boundaryDefinition ? [end('be'), chain(boundaryId, 'be')] : [forCompensation(serviceTask(handlerId, `mig-${handlerId}`))]),
      userTask('review'),
      throwEvent('undo', compensate()),
      end('e'),
      chain('s', payId, 'review', 'undo', 'e'),
    );

  it('keeps the compensation subscription of a completed activity whose compensation boundary is mapped, pointing at the target activity and handler', async () => {
    // given a completed payment and an instance at the review
    bed.work('mig-pay', (job) => job.complete());
    await steps.deploy(payThenReview('mig-comp-keep', 'pay', 'payUndo', 'refund'), 'mig-comp-keep.bpmn');
    const key = await bed.start('mig-comp-keep');
    await bed.waitForElement(key, 'review', 'ELEMENT_ACTIVATED');
    const created = compensationRecords(key).find((r) => r.intent === 'CREATED')!;
    const v2 = await steps.deploy(payThenReview('mig-comp-keep', 'charge', 'chargeUndo', 'reimburse'), 'mig-comp-keep.bpmn');
    // when
    await steps.migrate(key, v2, [['review', 'review'], ['payUndo', 'chargeUndo']]);
    // then
    const migrated = compensationRecords(key).find((r) => r.intent === 'MIGRATED')!;
    expect(migrated.key).to.equal(created.key);
    expect(migrated.value).to.deep.include({ compensableActivityId: 'charge', compensationHandlerId: 'reimburse', processDefinitionKey: v2 });
    // and compensation thrown after the review runs the target's handler
    bed.work('mig-reimburse', (job) => job.complete());
    const [task] = await bed.rest().searchUserTasks({ filter: { processInstanceKey: key } } as never).then((r: { items: { userTaskKey: string }[] }) => r.items);
    await bed.rest().completeUserTask({ userTaskKey: task.userTaskKey });
    await bed.waitForCompletion(key);
    expect(bed.elements(key).withElementId('reimburse').withIntent('ELEMENT_COMPLETED').count()).to.equal(1);
  });

  it('deletes the compensation subscriptions whose compensation boundary is not mapped: compensation afterwards has nothing to undo', async () => {
    await steps.deploy(payThenReview('mig-comp-drop', 'pay', 'payUndo', 'refund'), 'mig-comp-drop.bpmn');
    const key = await bed.start('mig-comp-drop');
    await bed.waitForElement(key, 'review', 'ELEMENT_ACTIVATED');
    const v2 = await steps.deploy(payThenReview('mig-comp-drop', 'pay', 'payUndo', 'refund'), 'mig-comp-drop.bpmn');
    await steps.migrate(key, v2, [['review', 'review']]);
    expect(compensationRecords(key).map((r) => r.intent)).to.deep.equal(['CREATED', 'DELETED']);
  });

  it('modification closes the conditional subscription of a terminated task, opens and evaluates one for an activated task, and leaves completed activities’ compensation subscriptions alone (Zeebe: modification terminates and activates as the engine does)', async () => {
    // given a completed payment and a review whose boundary condition is false
    const model = process(
      'mod-subs',
      start('s'),
      serviceTask('pay', 'mod-pay'),
      compensationBoundary('payUndo', 'pay', 'refund'),
      forCompensation(serviceTask('refund', 'mod-refund')),
      userTask('review'),
      boundary('changed', 'review', conditional('=addressChanged = true')),
      serviceTask('recheck', 'mod-recheck'),
      end('be'),
      end('e'),
      chain('s', 'pay', 'review', 'e'),
      chain('changed', 'recheck', 'be'),
    );
    await steps.deploy(model, 'mod-subs.bpmn');
    bed.work('mod-pay', (job) => job.complete());
    const key = await bed.start('mod-subs', { addressChanged: false });
    const review = await bed.waitForElement(key, 'review', 'ELEMENT_ACTIVATED');
    // when the review is terminated and activated again, with a local variable that fulfils the condition
    await bed.sdk.modifyProcessInstance({
      processInstanceKey: key,
      activateInstructions: [{ elementId: 'review', ancestorElementInstanceKey: '-1', variableInstructions: [{ variables: { addressChanged: true }, scopeId: 'review' }] }],
      terminateInstructions: [{ elementInstanceKey: String(review.key) }],
    });
    // then the old subscription is deleted, the new one created and triggered on activation
    const job = await bed.waitFor('the recheck job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === key && r.value.type === 'mod-recheck');
    expect(job.value).to.include({ elementId: 'recheck' });
    const bySubscription = (elementInstanceKey: string) => conditionalRecords(key).filter((r) => r.value.elementInstanceKey === elementInstanceKey).map((r) => r.intent);
    expect(bySubscription(String(review.key))).to.deep.equal(['CREATED', 'DELETED']);
    const [again] = bed.elements(key).withElementId('review').withIntent('ELEMENT_ACTIVATED').asList().filter((r) => r.key !== review.key);
    expect(bySubscription(String(again.key))).to.deep.equal(['CREATED', 'TRIGGERED', 'DELETED']);
    expect(bed.variablesOf(String(again.key))).to.deep.equal({ addressChanged: true });
    expect(compensationRecords(key).map((r) => r.intent)).to.deep.equal(['CREATED']);
  });

  it('refuses mapping a compensation boundary event to a boundary event of another type (INVALID_ARGUMENT, Zeebe’s text)', async () => {
    await steps.deploy(payThenReview('mig-comp-retype', 'pay', 'payUndo', 'refund'), 'mig-comp-retype.bpmn');
    const key = await bed.start('mig-comp-retype');
    await bed.waitForElement(key, 'review', 'ELEMENT_ACTIVATED');
    const v2 = await steps.deploy(payThenReview('mig-comp-retype', 'pay', 'payLate', 'refund', timerDuration('PT1H')), 'mig-comp-retype.bpmn');
    const refused = await steps.refusal(steps.migrate(key, v2, [['review', 'review'], ['payUndo', 'payLate']]));
    expect(refused?.code).to.equal(3);
    expect(refused?.details).to.contain(
      "Expected to migrate process instance with id 'mig-comp-retype' but compensation boundary event 'payUndo' is mapped to a target boundary event 'payLate' that has event type 'TIMER' different than compensation boundary event type.",
    );
    expect(compensationRecords(key).map((r) => r.intent)).to.deep.equal(['CREATED']);
  });
});
