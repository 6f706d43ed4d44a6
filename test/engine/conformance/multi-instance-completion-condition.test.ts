import { expect } from 'chai';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, serviceTask, chain } = bpmn;

describe('conformance: multi-instance completion condition', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed();
    await bed.deploy(
      process(
        'mi-quorum',
        start('s'),
        serviceTask('vote', 'mi-vote', {
          multiInstance: { inputCollection: '=voters', inputElement: 'voter', completionCondition: '=numberOfCompletedInstances >= 2' },
        }),
        end('e'),
        chain('s', 'vote', 'e'),
      ),
    );
  });
  after(async () => {
    await bed?.close();
  });

  it('stops when the completion condition holds and terminates the instances still active (Zeebe: multi-instance, completion condition with numberOfCompletedInstances)', async () => {
    // given a worker that answers only two voters
    bed.work('mi-vote', (job) => (job.variables.voter === 'absent' ? job.forward() : job.complete({ [`vote_${String(job.variables.loopCounter)}`]: 'yes' })));
    // when
    const key = await bed.start('mi-quorum', { voters: ['张', 'absent', '李'] });
    await bed.waitForCompletion(key);
    // then
    const inner = bed.elements(key).withElementId('vote').withElementType('SERVICE_TASK');
    expect(inner.withIntent('ELEMENT_COMPLETED').count()).to.equal(2);
    expect(inner.withIntent('ELEMENT_TERMINATED').count()).to.equal(1);
    expect(bed.records.job().withProcessInstanceKey(key).withIntent('CANCELED').count()).to.equal(1);
    expect(bed.elements(key).withElementId('vote').withElementType('MULTI_INSTANCE_BODY').intents()).to.include('ELEMENT_COMPLETED');
  });

});
