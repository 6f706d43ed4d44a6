import { expect } from 'chai';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, serviceTask, subProcess, throwEvent, eventSubProcess, message, messageRef, signal, signalRef, timerDuration, error, errorRef, escalation, escalationRef, chain } = bpmn;

const HOUR = 3_600_000;

describe('conformance: event subprocess', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed({ clock: 'controlled' });
    await bed.deploy(
      process(
        'esp-cancel',
        message('cancelMsg', 'application-cancelled', '=caseId'),
        start('s'),
        serviceTask('process', 'esp-process'),
        end('e'),
        chain('s', 'process', 'e'),
        eventSubProcess('onCancel', [start('cs', messageRef('cancelMsg')), end('ce'), chain('cs', 'ce')]),
      ),
      process(
        'esp-reminder',
        start('s'),
        serviceTask('process', 'esp-slow'),
        end('e'),
        chain('s', 'process', 'e'),
        eventSubProcess('remind', [start('rs', timerDuration('PT1H'), { interrupting: false }), serviceTask('notify', 'esp-notify'), end('re'), chain('rs', 'notify', 're')]),
      ),
      process(
        'esp-error',
        error('fatal', 'DATA_CORRUPT'),
        start('s'),
        serviceTask('process', 'esp-corrupt'),
        end('e'),
        chain('s', 'process', 'e'),
        eventSubProcess('onError', [start('es', errorRef('fatal')), end('ee'), chain('es', 'ee')]),
      ),
      process(
        'esp-inquiries',
        message('inquiry', 'applicant-inquiry', '=caseId'),
        start('s'),
        serviceTask('process', 'esp-long'),
        end('e'),
        chain('s', 'process', 'e'),
        eventSubProcess('onInquiry', [start('is', messageRef('inquiry'), { interrupting: false }), end('ie'), chain('is', 'ie')]),
      ),
      process(
        'esp-scoped',
        signal('recall', 'recall-all'),
        start('s'),
        subProcess('inner', [
          start('ins'),
          serviceTask('innerWork', 'esp-inner'),
          end('ine'),
          chain('ins', 'innerWork', 'ine'),
          eventSubProcess('onRecall', [start('rs', signalRef('recall')), end('re'), chain('rs', 're')]),
        ]),
        serviceTask('after', 'esp-after'),
        end('e'),
        chain('s', 'inner', 'after', 'e'),
      ),
      process(
        'esp-escalation',
        escalation('help', 'NEED_HELP'),
        start('s'),
        subProcess('inner', [start('ins'), throwEvent('ask', escalationRef('help')), end('ine'), chain('ins', 'ask', 'ine')]),
        end('e'),
        chain('s', 'inner', 'e'),
        eventSubProcess('onHelp', [start('hs', escalationRef('help'), { interrupting: false }), end('he'), chain('hs', 'he')]),
      ),
    );
  });
  after(async () => {
    await bed?.close();
  });

  it('an interrupting message event subprocess terminates the rest of the process, runs, and completes the process (Zeebe: event subprocesses)', async () => {
    // given
    const key = await bed.start('esp-cancel', { caseId: 'X-1' });
    await bed.waitFor('the job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    // when
    await bed.sdk.publishMessage({ name: 'application-cancelled', correlationKey: 'X-1', timeToLive: 0, variables: { cancelledBy: 'applicant' } });
    await bed.waitForCompletion(key);
    // then
    const trail = bed.trail(key);
    expect(trail).to.include.members(['process:ELEMENT_TERMINATED', 'onCancel:ELEMENT_COMPLETED', 'ce:ELEMENT_COMPLETED']);
    expect(trail.indexOf('onCancel:ELEMENT_ACTIVATING')).to.be.greaterThan(trail.indexOf('process:ELEMENT_TERMINATED'));
    expect(bed.elements(key).withElementId('e').exists()).to.equal(false);
    expect(bed.variablesOf(key)).to.deep.include({ cancelledBy: 'applicant' });
  });

  it('a non-interrupting timer event subprocess runs beside the main flow, which goes on (Zeebe: event subprocesses)', async () => {
    // given
    bed.work('esp-notify', (job) => job.complete({ notified: true }));
    const key = await bed.start('esp-reminder');
    await bed.waitFor('the timer', (r) => r.valueType === 'TIMER' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    // when
    await bed.advanceClock(HOUR + 1_000);
    await bed.waitForElement(key, 'remind');
    // then the main task is untouched
    expect(bed.elements(key).withElementId('process').intents()).to.deep.equal(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    // when
    bed.work('esp-slow', (job) => job.complete());
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('e').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.variablesOf(key)).to.deep.include({ notified: true });
  });

  it('an error event subprocess catches a job error thrown in the process (Zeebe: error event subprocesses)', async () => {
    // given
    bed.work('esp-corrupt', (job) => job.error('DATA_CORRUPT', 'checksum mismatch'));
    // when
    const key = await bed.start('esp-error');
    await bed.waitForCompletion(key);
    // then
    expect(bed.trail(key)).to.include.members(['process:ELEMENT_TERMINATED', 'onError:ELEMENT_COMPLETED', 'ee:ELEMENT_COMPLETED']);
    expect(bed.elements(key).withElementId('e').exists()).to.equal(false);
    expect(bed.records.incident().withProcessInstanceKey(key).exists()).to.equal(false);
  });

  it('a non-interrupting message event subprocess starts once per correlated message while the process goes on (Zeebe: event subprocesses)', async () => {
    // given
    const key = await bed.start('esp-inquiries', { caseId: 'Q-9' });
    await bed.waitFor('the job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    // when two inquiries arrive
    await bed.sdk.publishMessage({ name: 'applicant-inquiry', correlationKey: 'Q-9', timeToLive: 0, variables: {} });
    await bed.waitForElement(key, 'onInquiry');
    await bed.sdk.publishMessage({ name: 'applicant-inquiry', correlationKey: 'Q-9', timeToLive: 0, variables: {} });
    await bed.settle();
    // then
    expect(bed.elements(key).withElementId('onInquiry').withIntent('ELEMENT_COMPLETED').count()).to.equal(2);
    expect(bed.elements(key).withElementId('process').intents()).to.deep.equal(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    await bed.sdk.cancelProcessInstance(key);
  });

  it('an event subprocess inside an embedded subprocess interrupts only that subprocess, which then completes and the process goes on (Zeebe: event subprocesses, scope)', async () => {
    // given
    bed.work('esp-after', (job) => job.complete());
    const key = await bed.start('esp-scoped');
    const inner = await bed.waitForElement(key, 'innerWork', 'ELEMENT_ACTIVATED');
    await bed.waitFor('the signal subscription', (r) => r.valueType === 'SIGNAL_SUBSCRIPTION' && r.intent === 'CREATED' && r.value.catchEventInstanceKey === inner.value.flowScopeKey);
    // when
    await bed.sdk.broadcastSignal({ signalName: 'recall-all', variables: {} });
    await bed.waitForCompletion(key);
    // then
    expect(bed.trail(key)).to.include.members(['innerWork:ELEMENT_TERMINATED', 'onRecall:ELEMENT_COMPLETED', 'inner:ELEMENT_COMPLETED', 'after:ELEMENT_COMPLETED']);
  });

  it('a non-interrupting escalation event subprocess of the process catches an escalation thrown in a subprocess (Zeebe: escalation event subprocesses)', async () => {
    // when
    const key = await bed.start('esp-escalation');
    await bed.waitForCompletion(key);
    // then
    expect(bed.trail(key)).to.include.members(['onHelp:ELEMENT_COMPLETED', 'inner:ELEMENT_COMPLETED', 'e:ELEMENT_COMPLETED']);
  });
});
