import { expect } from 'chai';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, serviceTask, parallelGateway, subProcess, eventSubProcess, message, messageRef, terminate, chain, flow } = bpmn;

describe('conformance: terminate end event', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed();
    await bed.deploy(
      process(
        'term-process',
        start('s'),
        parallelGateway('fork'),
        serviceTask('slow', 'term-slow'),
        end('stop', terminate()),
        end('slowEnd'),
        chain('s', 'fork'),
        flow('fork', 'slow'),
        flow('fork', 'stop'),
        chain('slow', 'slowEnd'),
      ),
      process(
        'term-subprocess',
        start('s'),
        subProcess('inner', [
          start('is'),
          parallelGateway('innerFork'),
          serviceTask('innerSlow', 'term-inner-slow'),
          end('innerStop', terminate()),
          chain('is', 'innerFork'),
          flow('innerFork', 'innerSlow'),
          flow('innerFork', 'innerStop'),
        ]),
        end('after'),
        chain('s', 'inner', 'after'),
      ),
    );
  });
  after(async () => {
    await bed?.close();
  });

  it('terminates every other element of the process and completes the process instance (Zeebe: terminate end events)', async () => {
    // when
    const key = await bed.start('term-process');
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('slow').intents()).to.include('ELEMENT_TERMINATED');
    expect(bed.records.job().withProcessInstanceKey(key).intents()).to.deep.equal(['CREATED', 'CANCELED']);
    expect(bed.elements(key).withElementId('stop').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.elements(key).withElementId('slowEnd').exists()).to.equal(false);
    expect(bed.elements(key).withElementType('PROCESS').intents()).to.not.include('ELEMENT_TERMINATED');
  });

  it('inside a subprocess it terminates only the subprocess content; the subprocess completes and the process goes on (Zeebe: terminate end events)', async () => {
    // when
    const key = await bed.start('term-subprocess');
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('innerSlow').intents()).to.include('ELEMENT_TERMINATED');
    expect(bed.elements(key).withElementId('inner').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.elements(key).withElementId('after').intents()).to.include('ELEMENT_COMPLETED');
  });

  it('inside a non-interrupting event subprocess it ends only the event subprocess; the main flow goes on (Zeebe: terminate end events)', async () => {
    // given
    await bed.deploy(
      process(
        'term-in-esp',
        message('m', 'term-note', '=caseId'),
        start('s'),
        serviceTask('main', 'term-main'),
        end('e'),
        chain('s', 'main', 'e'),
        eventSubProcess('onNote', [start('ns', messageRef('m'), { interrupting: false }), end('nt', terminate()), chain('ns', 'nt')]),
      ),
    );
    const key = await bed.start('term-in-esp', { caseId: 'T-1' });
    await bed.waitFor('the job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    // when
    await bed.sdk.publishMessage({ name: 'term-note', correlationKey: 'T-1', timeToLive: 0, variables: {} });
    await bed.waitForElement(key, 'onNote');
    await bed.settle();
    // then
    expect(bed.elements(key).withElementId('main').intents()).to.deep.equal(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    expect(bed.elements(key).withElementType('PROCESS').intents()).to.deep.equal(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    // when
    bed.work('term-main', (job) => job.complete());
    await bed.waitForCompletion(key);
  });

  it('inside a multi-instance subprocess it ends only its own iteration (Zeebe: terminate end events)', async () => {
    // given each iteration forks a slow task and a terminate end event
    await bed.deploy(
      process(
        'term-in-mi',
        start('s'),
        subProcess(
          'perItem',
          [
            start('is'),
            parallelGateway('fork'),
            serviceTask('slowItem', 'term-slow-item'),
            end('stopItem', terminate()),
            chain('is', 'fork'),
            flow('fork', 'slowItem'),
            flow('fork', 'stopItem'),
          ],
          { multiInstance: { inputCollection: '=[1, 2, 3]', inputElement: 'item' } },
        ),
        end('e'),
        chain('s', 'perItem', 'e'),
      ),
    );
    // when
    const key = await bed.start('term-in-mi');
    await bed.waitForCompletion(key);
    // then each of the three iterations terminated its own slow task and completed
    expect(bed.elements(key).withElementId('slowItem').withIntent('ELEMENT_TERMINATED').count()).to.equal(3);
    expect(bed.elements(key).withElementId('perItem').withElementType('SUB_PROCESS').withIntent('ELEMENT_COMPLETED').count()).to.equal(3);
  });
});
