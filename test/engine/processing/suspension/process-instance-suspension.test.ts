import { expect } from 'chai';
import { TestEngine, bpmn } from '../../../support';
import { ProcessInstanceSuspensionIntent, ValueType } from '../../../../engine/protocol';

const { process, start, end, serviceTask, chain, catchEvent, timerDuration, message, messageRef, signal, signalRef, callActivity } = bpmn;

/** A case: a worker step, a one-hour wait, the applicant's answer (message `answer`), then the end. */
const CASE = process(
  'suspendable',
  message('answer', 'answer', '=caseNo'),
  start('s'),
  serviceTask('check', 'suspend-check'),
  catchEvent('wait', timerDuration('PT1H')),
  catchEvent('reply', messageRef('answer')),
  end('e'),
  chain('s', 'check', 'wait', 'reply', 'e'),
);

/** Waits for a signal `halt`. */
const SIGNALLED = process('signalled', signal('halt', 'halt'), start('s'), catchEvent('stop', signalRef('halt')), end('e'), chain('s', 'stop', 'e'));

const suspend = (engine: TestEngine, key: string) =>
  engine.engine.submitCommand({ key, valueType: ValueType.PROCESS_INSTANCE_SUSPENSION, intent: ProcessInstanceSuspensionIntent.SUSPEND, value: { processInstanceKey: key } });
const resume = (engine: TestEngine, key: string) =>
  engine.engine.submitCommand({ key, valueType: ValueType.PROCESS_INSTANCE_SUSPENSION, intent: ProcessInstanceSuspensionIntent.RESUME, value: { processInstanceKey: key } });

/** Element ids of the instance's elements that are active now. */
function activeElements(engine: TestEngine, processInstanceKey: string): string[] {
  const snapshot = engine.engine.snapshot() as { elementInstances: Record<string, { value: { processInstanceKey: string; elementId: string; bpmnElementType: string } }> };
  return Object.values(snapshot.elementInstances)
    .filter((instance) => instance.value.processInstanceKey === processInstanceKey && instance.value.bpmnElementType !== 'PROCESS')
    .map((instance) => instance.value.elementId);
}

describe('process instance suspension (Camunda 8.10): a suspended case stands still and resumes exactly', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.start();
    await engine.deployment().withXml(CASE).withXml(SIGNALLED).deploy();
  });
  afterEach(async () => {
    await engine?.close();
  });

  it('hands out no job of a suspended instance, and the job again once it resumes', async () => {
    // given two cases at the worker step, one suspended
    const suspended = await engine.processInstance().ofBpmnProcessId('suspendable').withVariables({ caseNo: 'A' }).create();
    const running = await engine.processInstance().ofBpmnProcessId('suspendable').withVariables({ caseNo: 'B' }).create();
    await suspend(engine, suspended);
    // when a worker asks for jobs
    const handedOut = await engine.job().ofType('suspend-check').activate(10);
    // then only the running case's job is handed out
    expect(handedOut.map((job) => job.processInstanceKey)).to.deep.equal([running]);
    // and after resumption the suspended case's job is
    await resume(engine, suspended);
    const afterResume = await engine.job().ofType('suspend-check').activate(10);
    expect(afterResume.map((job) => job.processInstanceKey)).to.deep.equal([suspended]);
  });

  it('accepts a worker completion while suspended, applies it only on resumption, and records SUSPENDED, DEFERRED, RESUMED', async () => {
    // given a case whose job a worker holds, then suspended
    const key = await engine.processInstance().ofBpmnProcessId('suspendable').withVariables({ caseNo: 'C' }).create();
    const [job] = await engine.job().ofType('suspend-check').activate(1);
    await suspend(engine, key);
    // when the worker completes it
    await engine.engine.completeJob(job.key, { checked: true });
    // then the case has not moved
    expect(activeElements(engine, key)).to.deep.equal(['check']);
    expect(engine.variables(key)).to.not.have.property('checked');
    // when it resumes, the completion goes through and the case waits at the timer
    await resume(engine, key);
    expect(activeElements(engine, key)).to.deep.equal(['wait']);
    expect(engine.variables(key)).to.include({ checked: true });
    const intents = engine.records().ofValueType(ValueType.PROCESS_INSTANCE_SUSPENSION).events().intents();
    expect(intents).to.deep.equal(['SUSPENDED', 'DEFERRED', 'RESUMED']);
  });

  it('fires no timer while suspended; the due timer fires when the case resumes', async () => {
    const key = await engine.processInstance().ofBpmnProcessId('suspendable').withVariables({ caseNo: 'D' }).create();
    await engine.job().ofType('suspend-check').complete();
    await suspend(engine, key);
    // when two hours pass
    await engine.clock.advance(2 * 3_600_000);
    // then the case still waits
    expect(activeElements(engine, key)).to.deep.equal(['wait']);
    expect(engine.records().ofValueType('TIMER').events().withIntent('TRIGGERED').exists()).to.equal(false);
    // when it resumes
    await resume(engine, key);
    await engine.engine.whenIdle();
    // then the timer fired and the case waits for the answer
    expect(activeElements(engine, key)).to.deep.equal(['reply']);
  });

  it('correlates no message while suspended; a buffered message reaches the case when it resumes', async () => {
    const key = await engine.processInstance().ofBpmnProcessId('suspendable').withVariables({ caseNo: 'E' }).create();
    await engine.job().ofType('suspend-check').complete();
    await engine.clock.advance(3_600_000 + 1);
    expect(activeElements(engine, key)).to.deep.equal(['reply']);
    await suspend(engine, key);
    // when the applicant answers, with a message kept for a day
    await engine.message().withName('answer').withCorrelationKey('E').withVariables({ answered: 'yes' }).withTimeToLive(86_400_000).publish();
    // then the suspended case did not take it
    expect(activeElements(engine, key)).to.deep.equal(['reply']);
    // and a message that is never buffered finds nobody
    let refusal: Error | undefined;
    await engine.message().withName('answer').withCorrelationKey('E').correlate().catch((error: Error) => (refusal = error));
    expect(refusal?.message).to.match(/no .*subscription|not found|Expected to find/i);
    // when it resumes, the buffered answer ends the case
    await resume(engine, key);
    expect(engine.isCompleted(key)).to.equal(true);
    expect(engine.variables(key)).to.equal(undefined);
  });

  it('lets a signal pass a suspended instance by', async () => {
    const suspended = await engine.processInstance().ofBpmnProcessId('signalled').create();
    const running = await engine.processInstance().ofBpmnProcessId('signalled').create();
    await suspend(engine, suspended);
    await engine.signal('halt').broadcast();
    expect(engine.isCompleted(running)).to.equal(true);
    expect(activeElements(engine, suspended)).to.deep.equal(['stop']);
  });

  it('suspends only the instance named: a called instance is suspended on its own, as in Camunda 8.10', async () => {
    await engine.deployment().withXml(process('caller', start('s'), callActivity('call', 'suspendable'), end('e'), chain('s', 'call', 'e'))).deploy();
    const parent = await engine.processInstance().ofBpmnProcessId('caller').withVariables({ caseNo: 'F' }).create();
    const child = engine.records().ofValueType('PROCESS_INSTANCE').events().withIntent('ELEMENT_ACTIVATED').asList().find((r) => r.value.bpmnElementType === 'PROCESS' && r.value.parentProcessInstanceKey === parent)!.key;
    // suspending the caller leaves the called instance's work available
    await suspend(engine, parent);
    expect((await engine.job().ofType('suspend-check').withTimeout(1).activate(10)).map((job) => job.processInstanceKey)).to.deep.equal([child]);
    await resume(engine, parent);
    // the called instance can be suspended and resumed by itself
    await engine.clock.advance(10);
    await suspend(engine, child);
    expect(await engine.job().ofType('suspend-check').activate(10)).to.be.empty;
    await resume(engine, child);
    expect(await engine.job().ofType('suspend-check').activate(10)).to.have.length(1);
  });

  it('refuses to suspend twice, to resume a running instance, and names an unknown one', async () => {
    const key = await engine.processInstance().ofBpmnProcessId('suspendable').withVariables({ caseNo: 'G' }).create();
    const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: Error & { rejectionType?: string }) => `${error.rejectionType}: ${error.message}`);
    expect(await refusal(resume(engine, key))).to.match(/^INVALID_STATE: .*not suspended/);
    await suspend(engine, key);
    expect(await refusal(suspend(engine, key))).to.match(/^INVALID_STATE: .*already suspended/);
    expect(await refusal(suspend(engine, '2251799813685249'))).to.match(/^NOT_FOUND: /);
  });

  for (const replayAll of [true, false]) {
    it(`keeps a suspension and its parked commands across a restart (${replayAll ? 'full replay' : 'snapshot and tail'})`, async () => {
      // given a suspended case with a parked completion
      const key = await engine.processInstance().ofBpmnProcessId('suspendable').withVariables({ caseNo: 'H' }).create();
      const [job] = await engine.job().ofType('suspend-check').activate(1);
      await suspend(engine, key);
      if (!replayAll) await engine.engine.takeSnapshot();
      await engine.engine.completeJob(job.key, { afterRestart: true });
      const before = engine.engine.snapshot();
      // when the engine restarts
      await engine.restart({ replayAll });
      // then the state is the same: still suspended, completion still parked
      expect(engine.engine.snapshot()).to.deep.equal(before);
      expect(await engine.job().ofType('suspend-check').activate(10)).to.be.empty;
      // and resuming applies the parked completion
      await resume(engine, key);
      expect(activeElements(engine, key)).to.deep.equal(['wait']);
      expect(engine.variables(key)).to.include({ afterRestart: true });
    });
  }
});
