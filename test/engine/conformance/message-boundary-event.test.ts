import { expect } from 'chai';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, serviceTask, boundary, message, messageRef, chain } = bpmn;

describe('conformance: message boundary events', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed();
    await bed.deploy(
      process(
        'mb-withdraw',
        message('withdrawn', 'application-withdrawn', '=applicationId'),
        start('s'),
        serviceTask('examine', 'mb-examine'),
        boundary('onWithdraw', 'examine', messageRef('withdrawn')),
        end('done'),
        end('closed'),
        chain('s', 'examine', 'done'),
        chain('onWithdraw', 'closed'),
      ),
      process(
        'mb-query',
        message('query', 'applicant-query', '=applicationId'),
        start('s'),
        serviceTask('examine', 'mb-examine-long'),
        boundary('onQuery', 'examine', messageRef('query'), { interrupting: false }),
        end('done'),
        end('answered'),
        chain('s', 'examine', 'done'),
        chain('onQuery', 'answered'),
      ),
    );
  });
  after(async () => {
    await bed?.close();
  });

  it('an interrupting message boundary event terminates the task and its job and leaves through the boundary (Zeebe: message boundary events)', async () => {
    // given
    const key = await bed.start('mb-withdraw', { applicationId: 'W-1' });
    await bed.waitFor('the job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    // when
    await bed.sdk.publishMessage({ name: 'application-withdrawn', correlationKey: 'W-1', timeToLive: 0, variables: { reason: 'moved away' } });
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('examine').intents()).to.deep.equal(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(bed.elements(key).withElementId('closed').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.elements(key).withElementId('done').exists()).to.equal(false);
    expect(bed.records.job().withProcessInstanceKey(key).intents()).to.deep.equal(['CREATED', 'CANCELED']);
    expect(bed.variablesOf(key)).to.deep.include({ reason: 'moved away' });
  });

  it('a non-interrupting message boundary event runs its path each time while the task stays active (Zeebe: message boundary events)', async () => {
    // given
    const key = await bed.start('mb-query', { applicationId: 'Q-1' });
    await bed.waitFor('the job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    // when two queries arrive
    await bed.sdk.publishMessage({ name: 'applicant-query', correlationKey: 'Q-1', timeToLive: 0, variables: {} });
    await bed.waitForElement(key, 'answered');
    await bed.sdk.publishMessage({ name: 'applicant-query', correlationKey: 'Q-1', timeToLive: 0, variables: {} });
    await bed.settle();
    // then
    expect(bed.elements(key).withElementId('answered').withIntent('ELEMENT_COMPLETED').count()).to.equal(2);
    expect(bed.elements(key).withElementId('examine').intents()).to.deep.equal(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    // when the task completes, its boundary subscription is closed with it
    bed.work('mb-examine-long', (job) => job.complete());
    await bed.waitForCompletion(key);
    expect(bed.records.ofValueType('MESSAGE_SUBSCRIPTION').withProcessInstanceKey(key).withIntent('DELETED').count()).to.equal(1);
  });
});
