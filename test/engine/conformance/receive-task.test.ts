import { expect } from 'chai';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, receiveTask, boundary, timerDuration, message, chain } = bpmn;

describe('conformance: receive task', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed({ clock: 'controlled' });
    await bed.deploy(
      process(
        'rt-licence',
        message('licence', 'licence-issued', '=caseId'),
        start('s'),
        receiveTask('awaitLicence', 'licence'),
        boundary('tooLate', 'awaitLicence', timerDuration('P5D')),
        end('e'),
        end('timedOut'),
        chain('s', 'awaitLicence', 'e'),
        chain('tooLate', 'timedOut'),
      ),
    );
  });
  after(async () => {
    await bed?.close();
  });

  it('waits for its message and completes with the message variables (Zeebe: receive tasks)', async () => {
    // given
    const key = await bed.start('rt-licence', { caseId: 'L-7' });
    await bed.waitFor('the subscription', (r) => r.valueType === 'MESSAGE_SUBSCRIPTION' && r.intent === 'CREATED' && r.value.processInstanceKey === key && r.value.elementId === 'awaitLicence');
    // when
    await bed.sdk.publishMessage({ name: 'licence-issued', correlationKey: 'L-7', timeToLive: 0, variables: { licenceNo: '370100-2025-001' } });
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('awaitLicence').withElementType('RECEIVE_TASK').intents()).to.deep.equal([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
      'ELEMENT_COMPLETING',
      'ELEMENT_COMPLETED',
    ]);
    expect(bed.variablesOf(key)).to.deep.equal({ caseId: 'L-7', licenceNo: '370100-2025-001' });
    expect(bed.records.timer().withProcessInstanceKey(key).events().intents()).to.deep.equal(['CREATED', 'CANCELED']);
  });

  it('closes its message subscription when a boundary timer interrupts it (Zeebe: receive tasks with boundary events)', async () => {
    // given
    const key = await bed.start('rt-licence', { caseId: 'L-8' });
    await bed.waitFor('the timer', (r) => r.valueType === 'TIMER' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    // when
    await bed.advanceClock(5 * 24 * 3_600_000 + 1_000);
    await bed.waitForCompletion(key);
    await bed.sdk.publishMessage({ name: 'licence-issued', correlationKey: 'L-8', timeToLive: 0, variables: { late: true } });
    await bed.settle();
    // then
    expect(bed.elements(key).withElementId('awaitLicence').intents()).to.include('ELEMENT_TERMINATED');
    expect(bed.elements(key).withElementId('timedOut').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.records.ofValueType('MESSAGE_SUBSCRIPTION').withProcessInstanceKey(key).events().intents()).to.deep.equal(['CREATED', 'DELETED']);
    expect(bed.variablesOf(key)).to.not.have.property('late');
  });
});
