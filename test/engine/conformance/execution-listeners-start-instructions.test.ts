import { expect } from 'chai';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';
import { executionListeners as listeners, withProcessExtension } from './support/listener-models';

const { process, start, end, serviceTask, message, messageRef, chain } = bpmn;

describe('conformance: start instructions on a process with start execution listeners', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed();
    await bed.deploy(
      withProcessExtension(
        process('el-instructed', start('s'), serviceTask('intake', 'el-si-intake'), serviceTask('review', 'el-si-review'), end('e'), chain('s', 'intake', 'review', 'e')),
        listeners(['start', 'el-si-process-start'], ['end', 'el-si-process-end']),
      ),
      withProcessExtension(
        process(
          'el-message-start',
          message('applied', 'el-ms-applied'),
          start('byHand'),
          start('byMessage', messageRef('applied')),
          serviceTask('manual', 'el-ms-manual'),
          serviceTask('online', 'el-ms-online'),
          end('e1'),
          end('e2'),
          chain('byHand', 'manual', 'e1'),
          chain('byMessage', 'online', 'e2'),
        ),
        listeners(['start', 'el-ms-process-start']),
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

  it('a message start event keeps its place while the process’s start listener runs: the instance goes on from it, not from the none start event', async () => {
    // given
    bed.work('el-ms-process-start', (job) => job.complete({ checkedBy: 'start listener' }));
    bed.work('el-ms-online', (job) => job.complete());
    // when
    await bed.sdk.publishMessage({ name: 'el-ms-applied', correlationKey: '', variables: { channel: '网上' } });
    const started = await bed.waitFor('the instance', (r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_ACTIVATED' && r.value.bpmnProcessId === 'el-message-start' && r.value.bpmnElementType === 'PROCESS');
    const key = String(started.value.processInstanceKey);
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('byMessage').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.elements(key).withElementId('byHand').exists()).to.equal(false);
    expect(bed.variablesOf(key)).to.include({ channel: '网上', checkedBy: 'start listener' });
    expect(bed.records.ofValueType('PROCESS_EVENT').withProcessInstanceKey(key).intents()).to.deep.equal(['TRIGGERING', 'TRIGGERED']);
  });
});
