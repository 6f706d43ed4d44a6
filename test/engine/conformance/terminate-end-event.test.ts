import { expect } from 'chai';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, serviceTask, parallelGateway, subProcess, terminate, chain, flow } = bpmn;

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
});
