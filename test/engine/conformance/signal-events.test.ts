import { expect } from 'chai';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, serviceTask, catchEvent, throwEvent, boundary, signal, signalRef, chain } = bpmn;

/**
 * Waits until `elementId` of the instance (the catch event, or the task a boundary event is attached to) has its
 * signal subscription open, so a broadcast can reach it. As Zeebe's, the subscription names the catch event
 * instance, not the process instance.
 */
async function subscribed(bed: ConformanceBed, key: string, elementId = 'wait') {
  const element = await bed.waitForElement(key, elementId, 'ELEMENT_ACTIVATED');
  return bed.waitFor('the signal subscription', (r) => r.valueType === 'SIGNAL_SUBSCRIPTION' && r.intent === 'CREATED' && r.value.catchEventInstanceKey === element.key);
}

describe('conformance: signal events', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed();
    await bed.deploy(
      process('sig-wait', signal('sig', 'holiday-schedule-published'), start('s'), catchEvent('wait', signalRef('sig')), end('e'), chain('s', 'wait', 'e')),
      process('sig-wait-too', signal('sig', 'holiday-schedule-published'), start('s'), catchEvent('wait', signalRef('sig')), end('e'), chain('s', 'wait', 'e')),
      process('sig-throw', signal('sig', 'holiday-schedule-published'), start('s'), throwEvent('announce', signalRef('sig')), end('e'), chain('s', 'announce', 'e')),
      process('sig-end', signal('sig', 'holiday-schedule-published'), start('s'), end('announce', signalRef('sig')), chain('s', 'announce')),
      process(
        'sig-boundary',
        signal('halt', 'service-halted'),
        start('s'),
        serviceTask('handle', 'sig-handle'),
        boundary('halted', 'handle', signalRef('halt')),
        end('done'),
        end('stopped'),
        chain('s', 'handle', 'done'),
        chain('halted', 'stopped'),
      ),
      process(
        'sig-boundary-soft',
        signal('notice', 'policy-notice'),
        start('s'),
        serviceTask('handle', 'sig-handle-soft'),
        boundary('noticed', 'handle', signalRef('notice'), { interrupting: false }),
        end('done'),
        end('logged'),
        chain('s', 'handle', 'done'),
        chain('noticed', 'logged'),
      ),
    );
  });
  after(async () => {
    await bed?.close();
  });

  it('a broadcast signal triggers every waiting instance of every process and merges the signal variables (Zeebe: signal intermediate catch events)', async () => {
    // given
    const waiting = [await bed.start('sig-wait'), await bed.start('sig-wait'), await bed.start('sig-wait-too')];
    for (const key of waiting) await subscribed(bed, key);
    // when zeebe-node broadcasts
    await bed.gateway.zeebeNode().broadcastSignal({ signalName: 'holiday-schedule-published', variables: { year: 2026 } });
    // then
    for (const key of waiting) {
      await bed.waitForCompletion(key);
      expect(bed.variablesOf(key)).to.deep.equal({ year: 2026 });
    }
  });

  it('a signal intermediate throw event broadcasts its signal and goes on (Zeebe: signal intermediate throw events)', async () => {
    // given
    const waiting = await bed.start('sig-wait');
    await subscribed(bed, waiting);
    // when
    const thrower = await bed.start('sig-throw');
    // then
    await bed.waitForCompletion(thrower);
    await bed.waitForCompletion(waiting);
    expect(bed.elements(thrower).withElementId('announce').withElementType('INTERMEDIATE_THROW_EVENT').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.records.signal().withIntent('BROADCASTED').withValue('signalName', 'holiday-schedule-published').count()).to.be.at.least(2);
  });

  it('a signal end event broadcasts its signal and ends the path (Zeebe: signal end events)', async () => {
    // given
    const waiting = await bed.start('sig-wait-too');
    await subscribed(bed, waiting);
    // when
    const thrower = await bed.start('sig-end');
    // then
    await bed.waitForCompletion(thrower);
    await bed.waitForCompletion(waiting);
  });

  it('an interrupting signal boundary event terminates the task and takes its flow (Zeebe: signal boundary events)', async () => {
    // given
    const key = await bed.start('sig-boundary');
    await subscribed(bed, key, 'handle');
    // when
    await bed.sdk.broadcastSignal({ signalName: 'service-halted', variables: {} });
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('handle').intents()).to.include('ELEMENT_TERMINATED');
    expect(bed.elements(key).withElementId('stopped').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.records.job().withProcessInstanceKey(key).intents()).to.deep.equal(['CREATED', 'CANCELED']);
  });

  it('a non-interrupting signal boundary event takes its flow and leaves the task active (Zeebe: signal boundary events)', async () => {
    // given
    const key = await bed.start('sig-boundary-soft');
    await subscribed(bed, key, 'handle');
    // when
    await bed.sdk.broadcastSignal({ signalName: 'policy-notice', variables: { notice: 'N-1' } });
    await bed.waitForElement(key, 'logged');
    // then
    expect(bed.elements(key).withElementId('handle').intents()).to.deep.equal(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    // when
    bed.work('sig-handle-soft', (job) => job.complete());
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('done').intents()).to.include('ELEMENT_COMPLETED');
  });

  it('applies output mappings of a signal catch event to the signal variables (Zeebe: signal events, variable mappings)', async () => {
    // given
    await bed.deploy(
      process('sig-mapped', signal('sig', 'fee-schedule-changed'), start('s'), catchEvent('wait', signalRef('sig'), { outputs: { newFee: '=fee' } }), end('e'), chain('s', 'wait', 'e')),
    );
    const key = await bed.start('sig-mapped');
    await subscribed(bed, key);
    // when
    await bed.sdk.broadcastSignal({ signalName: 'fee-schedule-changed', variables: { fee: 35, note: 'not wanted' } });
    await bed.waitForCompletion(key);
    // then
    expect(bed.variablesOf(key)).to.deep.equal({ newFee: 35 });
  });
});
