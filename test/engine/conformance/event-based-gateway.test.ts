import { expect } from 'chai';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, eventBasedGateway, catchEvent, message, messageRef, signal, signalRef, timerDuration, chain, flow } = bpmn;

describe('conformance: event-based gateway', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed({ clock: 'controlled' });
    await bed.deploy(
      process(
        'ebg-reply',
        message('reply', 'applicant-reply', '=caseId'),
        start('s'),
        eventBasedGateway('which'),
        catchEvent('replied', messageRef('reply')),
        catchEvent('silence', timerDuration('P10D')),
        end('continued'),
        end('closed'),
        chain('s', 'which'),
        flow('which', 'replied'),
        flow('which', 'silence'),
        chain('replied', 'continued'),
        chain('silence', 'closed'),
      ),
    );
  });
  after(async () => {
    await bed?.close();
  });

  it('takes the branch of the message that arrives first and closes the timer of the other branch (Zeebe: event-based gateways)', async () => {
    // given
    const key = await bed.start('ebg-reply', { caseId: 'R-1' });
    await bed.waitFor('the timer', (r) => r.valueType === 'TIMER' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    await bed.waitFor('the subscription', (r) => r.valueType === 'MESSAGE_SUBSCRIPTION' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    // then the gateway waits, the events themselves are not yet activated
    expect(bed.elements(key).withElementId('which').intents()).to.deep.equal(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    expect(bed.elements(key).withElementId('replied').exists()).to.equal(false);
    // when
    await bed.sdk.publishMessage({ name: 'applicant-reply', correlationKey: 'R-1', timeToLive: 0, variables: { answer: 'yes' } });
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('replied').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.elements(key).withElementId('silence').exists()).to.equal(false);
    expect(bed.records.timer().withProcessInstanceKey(key).events().intents()).to.deep.equal(['CREATED', 'CANCELED']);
    expect(bed.variablesOf(key)).to.deep.include({ answer: 'yes' });
  });

  it('takes the timer branch when the time runs out first and closes the message subscription (Zeebe: event-based gateways)', async () => {
    // given
    const key = await bed.start('ebg-reply', { caseId: 'R-2' });
    await bed.waitFor('the timer', (r) => r.valueType === 'TIMER' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    // when
    await bed.advanceClock(10 * 24 * 3_600_000 + 1_000);
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('silence').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.elements(key).withElementId('replied').exists()).to.equal(false);
    expect(bed.records.ofValueType('MESSAGE_SUBSCRIPTION').withProcessInstanceKey(key).events().intents()).to.deep.equal(['CREATED', 'DELETED']);
  });

  it('takes a signal branch when the signal is broadcast first (Zeebe: event-based gateways with signal events)', async () => {
    // given
    await bed.deploy(
      process(
        'ebg-signal',
        signal('g', 'office-closed'),
        start('s'),
        eventBasedGateway('which'),
        catchEvent('closed', signalRef('g')),
        catchEvent('silence', timerDuration('P1D')),
        end('e1'),
        end('e2'),
        chain('s', 'which'),
        flow('which', 'closed'),
        flow('which', 'silence'),
        chain('closed', 'e1'),
        chain('silence', 'e2'),
      ),
    );
    const key = await bed.start('ebg-signal');
    const gateway = await bed.waitForElement(key, 'which', 'ELEMENT_ACTIVATED');
    await bed.waitFor('the signal subscription', (r) => r.valueType === 'SIGNAL_SUBSCRIPTION' && r.intent === 'CREATED' && r.value.catchEventInstanceKey === gateway.key);
    // when
    await bed.sdk.broadcastSignal({ signalName: 'office-closed', variables: {} });
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('closed').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.records.timer().withProcessInstanceKey(key).events().intents()).to.deep.equal(['CREATED', 'CANCELED']);
  });
});
