import { expect } from 'chai';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, serviceTask, subProcess, exclusiveGateway, boundary, error, errorRef, chain, flow } = bpmn;

describe('conformance: error events', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed();
    await bed.deploy(
      process(
        'err-boundary',
        error('rejected', 'MATERIALS_REJECTED'),
        start('s'),
        serviceTask('check', 'err-check'),
        boundary('onRejected', 'check', errorRef('rejected'), { outputs: { rejectionReason: '=reason' } }),
        end('done'),
        end('refused'),
        chain('s', 'check', 'done'),
        chain('onRejected', 'refused'),
      ),
      process(
        'err-catch-all',
        start('s'),
        serviceTask('check', 'err-check-any'),
        boundary('onAnyError', 'check', errorRef()),
        end('done'),
        end('failed'),
        chain('s', 'check', 'done'),
        chain('onAnyError', 'failed'),
      ),
      process(
        'err-end-in-subprocess',
        error('missing', 'MISSING_DOCUMENT'),
        start('s'),
        subProcess('review', [start('rs'), end('missingDoc', errorRef('missing')), chain('rs', 'missingDoc')]),
        boundary('onMissing', 'review', errorRef('missing')),
        end('done'),
        end('askForDocument'),
        chain('s', 'review', 'done'),
        chain('onMissing', 'askForDocument'),
      ),
      process(
        'err-unhandled-end',
        error('oops', 'NOBODY_CATCHES'),
        start('s'),
        end('fail', errorRef('oops')),
        chain('s', 'fail'),
      ),
    );
  });
  after(async () => {
    await bed?.close();
  });

  it('a job error with a matching code is caught by the error boundary event; its variables are local to the catch event and leave only through output mappings (Zeebe: error events)', async () => {
    // given
    bed.work('err-check', (job) => job.error({ errorCode: 'MATERIALS_REJECTED', errorMessage: 'stamp missing', variables: { reason: 'stamp missing', page: 3 } }));
    // when
    const key = await bed.start('err-boundary');
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('check').intents()).to.deep.equal(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(bed.elements(key).withElementId('refused').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.records.job().withProcessInstanceKey(key).intents()).to.deep.equal(['CREATED', 'ERROR_THROWN']);
    expect(bed.variablesOf(key)).to.deep.equal({ rejectionReason: 'stamp missing' });
    const catchEvent = bed.elements(key).withElementId('onRejected').withIntent('ELEMENT_ACTIVATED').first();
    expect(bed.variablesOf(catchEvent.key)).to.deep.equal({ reason: 'stamp missing', page: 3 });
  });

  it('an error boundary event without an error reference catches any error code (Zeebe: error events, catch-all)', async () => {
    // given
    bed.work('err-check-any', (job) => job.error('ANYTHING_AT_ALL', 'whatever happened'));
    // when
    const key = await bed.start('err-catch-all');
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('failed').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.elements(key).withElementId('done').exists()).to.equal(false);
  });

  it('an error end event inside a subprocess terminates the subprocess and is caught by the boundary event on it (Zeebe: error end events)', async () => {
    // when
    const key = await bed.start('err-end-in-subprocess');
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('review').intents()).to.include('ELEMENT_TERMINATED');
    expect(bed.elements(key).withElementId('review').intents()).to.not.include('ELEMENT_COMPLETED');
    expect(bed.elements(key).withElementId('askForDocument').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.elements(key).withElementId('done').exists()).to.equal(false);
  });

  it('raises an UNHANDLED_ERROR_EVENT incident when a job error code matches no catch event (Zeebe: error events)', async () => {
    // given
    await bed.deploy(process('err-unhandled-job', error('known', 'KNOWN'), start('s'), serviceTask('check', 'err-check-unknown'), boundary('onKnown', 'check', errorRef('known')), end('done'), end('handled'), chain('s', 'check', 'done'), chain('onKnown', 'handled')));
    bed.work('err-check-unknown', (job) => job.error('UNKNOWN_CODE', 'no one expects this'));
    // when
    const key = await bed.start('err-unhandled-job');
    const incident = await bed.waitForIncident(key);
    // then
    expect(incident.value).to.include({ errorType: 'UNHANDLED_ERROR_EVENT', elementId: 'check' });
    expect(String(incident.value.errorMessage)).to.contain('UNKNOWN_CODE');
  });

  it('raises an UNHANDLED_ERROR_EVENT incident when an error end event has no catch event (Zeebe: error end events)', async () => {
    // when
    const key = await bed.start('err-unhandled-end');
    const incident = await bed.waitForIncident(key);
    // then
    expect(incident.value).to.include({ errorType: 'UNHANDLED_ERROR_EVENT', elementId: 'fail' });
  });

  it('an error thrown by a job inside a subprocess is caught by the boundary event on the enclosing subprocess, terminating it (Zeebe: error propagation through scopes)', async () => {
    // given
    await bed.deploy(
      process(
        'err-enclosing',
        error('e6', 'REGISTRY_DOWN'),
        start('s'),
        subProcess('register', [start('rs'), serviceTask('call', 'err-registry'), end('re'), chain('rs', 'call', 're')]),
        boundary('onDown', 'register', errorRef('e6')),
        end('done'),
        end('manual'),
        chain('s', 'register', 'done'),
        chain('onDown', 'manual'),
      ),
    );
    bed.work('err-registry', (job) => job.error('REGISTRY_DOWN', 'timeout'));
    // when
    const key = await bed.start('err-enclosing');
    await bed.waitForCompletion(key);
    // then
    const trail = bed.trail(key);
    expect(trail).to.include.members(['call:ELEMENT_TERMINATED', 'register:ELEMENT_TERMINATED', 'manual:ELEMENT_COMPLETED']);
    expect(trail.indexOf('register:ELEMENT_TERMINATED')).to.be.greaterThan(trail.indexOf('call:ELEMENT_TERMINATED'));
  });

  it('an error end event in one iteration of a multi-instance subprocess terminates the whole multi-instance activity and is caught on its boundary (Zeebe: error events and multi-instance)', async () => {
    // given
    await bed.deploy(
      process(
        'err-in-mi',
        error('bad', 'BAD_ITEM'),
        start('s'),
        subProcess(
          'perItem',
          [start('is'), exclusiveGateway('ok', 'ok_fine'), end('fail', errorRef('bad')), serviceTask('fine', 'err-mi-fine'), end('ie'), chain('is', 'ok'), flow('ok', 'fail', '=item = "bad"'), flow('ok', 'fine'), chain('fine', 'ie')],
          { multiInstance: { inputCollection: '=items', inputElement: 'item' } },
        ),
        boundary('onBad', 'perItem', errorRef('bad')),
        end('done'),
        end('rejected'),
        chain('s', 'perItem', 'done'),
        chain('onBad', 'rejected'),
      ),
    );
    // when
    const key = await bed.start('err-in-mi', { items: ['good', 'bad', 'good'] });
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('perItem').withElementType('MULTI_INSTANCE_BODY').intents()).to.include('ELEMENT_TERMINATED');
    expect(bed.elements(key).withElementId('fine').withIntent('ELEMENT_TERMINATED').count()).to.equal(2);
    expect(bed.elements(key).withElementId('rejected').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.records.job().withProcessInstanceKey(key).withIntent('CANCELED').count()).to.equal(2);
  });
});
