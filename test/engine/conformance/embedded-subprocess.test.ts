import { expect } from 'chai';
import { bpmn } from '../../support';
import { flowScopeOf, startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, serviceTask, subProcess, boundary, timerDuration, message, messageRef, chain } = bpmn;

describe('conformance: embedded subprocess', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed({ clock: 'controlled' });
    await bed.deploy(
      process(
        'sub-basic',
        start('s'),
        subProcess(
          'verify',
          [start('vs'), serviceTask('verifyId', 'sub-verify-id'), end('ve'), chain('vs', 'verifyId', 've')],
          { inputs: { idNumber: '=applicant.id' }, outputs: { verified: '=verifiedId = idNumber' } },
        ),
        end('e'),
        chain('s', 'verify', 'e'),
      ),
      process(
        'sub-deadline',
        start('s'),
        subProcess('review', [start('rs'), serviceTask('reviewA', 'sub-review-a'), end('re'), chain('rs', 'reviewA', 're')]),
        boundary('tooSlow', 'review', timerDuration('PT2H')),
        end('e'),
        end('late'),
        chain('s', 'review', 'e'),
        chain('tooSlow', 'late'),
      ),
    );
  });
  after(async () => {
    await bed?.close();
  });

  it('runs its content in its own scope: inner elements have the subprocess as flow scope, input mappings stay local and outputs reach the process (Zeebe: embedded subprocesses)', async () => {
    // given
    const jobVariables: Record<string, unknown>[] = [];
    bed.work('sub-verify-id', (job) => {
      jobVariables.push({ ...job.variables });
      return job.complete({ verifiedId: job.variables.idNumber });
    });
    // when
    const key = await bed.start('sub-basic', { applicant: { id: '370102199001011234' } });
    await bed.waitForCompletion(key);
    // then
    const subprocess = bed.elements(key).withElementId('verify').withIntent('ELEMENT_ACTIVATED').first();
    expect(flowScopeOf(bed.elements(key).withElementId('verifyId').withIntent('ELEMENT_ACTIVATED').first())).to.equal(subprocess.key);
    expect(flowScopeOf(subprocess)).to.equal(key);
    expect(jobVariables[0]).to.deep.include({ idNumber: '370102199001011234' });
    expect(bed.variablesOf(subprocess.key)).to.deep.equal({ idNumber: '370102199001011234' });
    // the job's result was propagated to the root (no scope had it) and the output mapping set "verified"
    expect(bed.variablesOf(key)).to.deep.equal({ applicant: { id: '370102199001011234' }, verifiedId: '370102199001011234', verified: true });
    const trail = bed.trail(key);
    expect(trail.indexOf('verify:ELEMENT_COMPLETED')).to.be.greaterThan(trail.indexOf('ve:ELEMENT_COMPLETED'));
  });

  it('an interrupting boundary event on the subprocess terminates everything inside it (Zeebe: embedded subprocesses with boundary events)', async () => {
    // given
    const key = await bed.start('sub-deadline');
    await bed.waitFor('the inner job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    // when
    await bed.advanceClock(2 * 3_600_000 + 1_000);
    await bed.waitForCompletion(key);
    // then
    const trail = bed.trail(key);
    expect(trail).to.include.members(['reviewA:ELEMENT_TERMINATED', 'review:ELEMENT_TERMINATED', 'late:ELEMENT_COMPLETED']);
    expect(trail.indexOf('review:ELEMENT_TERMINATED')).to.be.greaterThan(trail.indexOf('reviewA:ELEMENT_TERMINATED'));
    expect(bed.records.job().withProcessInstanceKey(key).intents()).to.deep.equal(['CREATED', 'CANCELED']);
  });

  it('a non-interrupting message boundary event on the subprocess runs its path while the content goes on (Zeebe: embedded subprocesses with boundary events)', async () => {
    // given
    await bed.deploy(
      process(
        'sub-query',
        message('q', 'sub-applicant-query', '=caseId'),
        start('s'),
        subProcess('review', [start('rs'), serviceTask('reviewB', 'sub-review-b'), end('re'), chain('rs', 'reviewB', 're')]),
        boundary('onQuery', 'review', messageRef('q'), { interrupting: false }),
        end('e'),
        end('answered'),
        chain('s', 'review', 'e'),
        chain('onQuery', 'answered'),
      ),
    );
    const key = await bed.start('sub-query', { caseId: 'SQ-1' });
    await bed.waitFor('the inner job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    // when
    await bed.sdk.publishMessage({ name: 'sub-applicant-query', correlationKey: 'SQ-1', timeToLive: 0, variables: {} });
    await bed.waitForElement(key, 'answered');
    // then
    expect(bed.elements(key).withElementId('reviewB').intents()).to.deep.equal(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    // when
    bed.work('sub-review-b', (job) => job.complete());
    await bed.waitForCompletion(key);
    // then the subscription closed with the subprocess, on both sides
    expect(bed.records.ofValueType('MESSAGE_SUBSCRIPTION').withProcessInstanceKey(key).events().intents()).to.deep.equal(['CREATED', 'CORRELATING', 'CORRELATED', 'DELETED']);
    expect(bed.records.ofValueType('PROCESS_MESSAGE_SUBSCRIPTION').withProcessInstanceKey(key).events().intents()).to.deep.equal(['CREATING', 'CREATED', 'CORRELATED', 'DELETING', 'DELETED']);
  });

  it('canceling the instance terminates the subprocess content and cancels its timers and jobs (Zeebe: cancel process instance)', async () => {
    // given
    const key = await bed.start('sub-deadline');
    await bed.waitFor('the inner job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    // when
    await bed.sdk.cancelProcessInstance(key);
    await bed.waitForTermination(key);
    // then
    expect(bed.trail(key)).to.include.members(['reviewA:ELEMENT_TERMINATED', 'review:ELEMENT_TERMINATED', 'sub-deadline:ELEMENT_TERMINATED']);
    expect(bed.records.timer().withProcessInstanceKey(key).events().intents()).to.deep.equal(['CREATED', 'CANCELED']);
    expect(bed.records.job().withProcessInstanceKey(key).intents()).to.deep.equal(['CREATED', 'CANCELED']);
  });
});
