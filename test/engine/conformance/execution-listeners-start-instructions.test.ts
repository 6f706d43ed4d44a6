import { expect } from 'chai';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';
import { executionListeners as listeners, withProcessExtension } from './support/listener-models';

const { process, start, end, serviceTask, chain } = bpmn;

describe('conformance: start instructions on a process with start execution listeners', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed();
    await bed.deploy(
      withProcessExtension(
        process('el-instructed', start('s'), serviceTask('intake', 'el-si-intake'), serviceTask('review', 'el-si-review'), end('e'), chain('s', 'intake', 'review', 'e')),
        listeners(['start', 'el-si-process-start'], ['end', 'el-si-process-end']),
      ),
    );
  });
  after(async () => {
    await bed?.close();
  });

  it('starts at the instructed element without the process’s start listeners, as Zeebe activates the process by events; its end listeners still run', async () => {
    // given
    bed.work('el-si-review', (job) => job.complete());
    bed.work('el-si-process-end', (job) => job.complete({ closedBy: 'end listener' }));
    // when
    const created = await bed.sdk.createProcessInstance({ bpmnProcessId: 'el-instructed', variables: { caseNo: 'JN-7' }, startInstructions: [{ elementId: 'review' }] } as never);
    const key = created.processInstanceKey;
    await bed.waitForCompletion(key);
    // then
    expect(bed.trail(key).slice(0, 3)).to.deep.equal(['el-instructed:ELEMENT_ACTIVATING', 'el-instructed:ELEMENT_ACTIVATED', 'review:ELEMENT_ACTIVATING']);
    expect(bed.records.job().withProcessInstanceKey(key).withType('el-si-process-start').exists()).to.equal(false);
    expect(bed.elements(key).withElementId('intake').exists()).to.equal(false);
    expect(bed.variablesOf(key)).to.include({ closedBy: 'end listener' });
  });

  it('runs the process’s start listeners before the none start event when no instruction is given', async () => {
    // given
    bed.work('el-si-process-start', (job) => job.complete());
    bed.work('el-si-intake', (job) => job.complete());
    // when
    const key = await bed.start('el-instructed');
    await bed.waitForCompletion(key);
    // then
    expect(bed.records.job().withProcessInstanceKey(key).withType('el-si-process-start').withIntent('COMPLETED').count()).to.equal(1);
    expect(bed.elements(key).withElementId('s').intents()).to.include('ELEMENT_COMPLETED');
  });
});
