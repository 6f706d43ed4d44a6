import { expect } from 'chai';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, subProcess, throwEvent, boundary, escalation, escalationRef, serviceTask, callActivity, chain } = bpmn;

describe('conformance: escalation events', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed();
    await bed.deploy(
      process(
        'esc-soft',
        escalation('late', 'DEADLINE_NEAR'),
        start('s'),
        subProcess('handle', [start('hs'), throwEvent('warn', escalationRef('late')), serviceTask('work', 'esc-work'), end('he'), chain('hs', 'warn', 'work', 'he')]),
        boundary('onLate', 'handle', escalationRef('late'), { interrupting: false }),
        end('done'),
        end('supervised'),
        chain('s', 'handle', 'done'),
        chain('onLate', 'supervised'),
      ),
      process(
        'esc-hard',
        escalation('overdue', 'OVERDUE'),
        start('s'),
        subProcess('handle', [start('hs'), end('giveUp', escalationRef('overdue')), chain('hs', 'giveUp')]),
        boundary('onOverdue', 'handle', escalationRef('overdue')),
        end('done'),
        end('escalatedToLeader'),
        chain('s', 'handle', 'done'),
        chain('onOverdue', 'escalatedToLeader'),
      ),
      process(
        'esc-uncaught',
        escalation('nobody', 'NOBODY_LISTENS'),
        start('s'),
        throwEvent('shout', escalationRef('nobody')),
        end('e'),
        chain('s', 'shout', 'e'),
      ),
    );
  });
  after(async () => {
    await bed?.close();
  });

  it('a non-interrupting escalation boundary event catches an intermediate escalation while the subprocess goes on (Zeebe: escalation events)', async () => {
    // given
    const key = await bed.start('esc-soft');
    // when the escalation was thrown, the subprocess still waits in its task
    await bed.waitForElement(key, 'supervised');
    expect(bed.elements(key).withElementId('work').intents()).to.deep.equal(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    expect(bed.elements(key).withElementId('warn').intents()).to.include('ELEMENT_COMPLETED');
    // when
    bed.work('esc-work', (job) => job.complete());
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('handle').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.elements(key).withElementId('done').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.records.ofValueType('ESCALATION').withIntent('ESCALATED').withValue('escalationCode', 'DEADLINE_NEAR').count()).to.equal(1);
  });

  it('an interrupting escalation boundary event catches an escalation end event and terminates the subprocess (Zeebe: escalation end events)', async () => {
    // when
    const key = await bed.start('esc-hard');
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('handle').intents()).to.include('ELEMENT_TERMINATED');
    expect(bed.elements(key).withElementId('escalatedToLeader').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.elements(key).withElementId('done').exists()).to.equal(false);
  });

  it('an escalation nobody catches raises no incident and the flow goes on (Zeebe: escalation events, uncaught)', async () => {
    // when
    const key = await bed.start('esc-uncaught');
    await bed.waitForCompletion(key);
    // then
    expect(bed.records.incident().withProcessInstanceKey(key).exists()).to.equal(false);
    expect(bed.elements(key).withElementId('e').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.records.ofValueType('ESCALATION').withIntent('NOT_ESCALATED').withValue('escalationCode', 'NOBODY_LISTENS').count()).to.equal(1);
  });

  it('an escalation end event nobody catches completes the process without an incident (Zeebe: escalation end events, uncaught)', async () => {
    // given
    await bed.deploy(process('esc-uncaught-end', escalation('x', 'UNHEARD'), start('s'), end('shoutAndStop', escalationRef('x')), chain('s', 'shoutAndStop')));
    // when
    const key = await bed.start('esc-uncaught-end');
    await bed.waitForCompletion(key);
    // then
    expect(bed.records.incident().withProcessInstanceKey(key).exists()).to.equal(false);
  });

  it('an escalation boundary event without an escalation reference catches any escalation code (Zeebe: escalation events, catch-all)', async () => {
    // given
    await bed.deploy(
      process(
        'esc-catch-all',
        escalation('any', 'ANYTHING'),
        start('s'),
        subProcess('handle', [start('hs'), end('he', escalationRef('any')), chain('hs', 'he')]),
        boundary('onAny', 'handle', escalationRef()),
        end('done'),
        end('caught'),
        chain('s', 'handle', 'done'),
        chain('onAny', 'caught'),
      ),
    );
    // when
    const key = await bed.start('esc-catch-all');
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('caught').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.elements(key).withElementId('done').exists()).to.equal(false);
  });

  it('an escalation thrown in a called process is caught by a non-interrupting boundary event on the call activity (Zeebe: escalation events across call activities)', async () => {
    // given
    await bed.deploy(
      process(
        'esc-child',
        escalation('late', 'CHILD_LATE'),
        start('s'),
        throwEvent('warn', escalationRef('late')),
        serviceTask('finish', 'esc-child-finish'),
        end('e'),
        chain('s', 'warn', 'finish', 'e'),
      ),
      process(
        'esc-parent',
        escalation('late', 'CHILD_LATE'),
        start('s'),
        callActivity('call', 'esc-child'),
        boundary('onLate', 'call', escalationRef('late'), { interrupting: false }),
        end('done'),
        end('noted'),
        chain('s', 'call', 'done'),
        chain('onLate', 'noted'),
      ),
    );
    // when
    const key = await bed.start('esc-parent');
    await bed.waitForElement(key, 'noted');
    // then the call activity is still active
    expect(bed.elements(key).withElementId('call').intents()).to.deep.equal(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    // when the child finishes
    bed.work('esc-child-finish', (job) => job.complete());
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('done').intents()).to.include('ELEMENT_COMPLETED');
  });
});
