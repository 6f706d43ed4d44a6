import { expect } from 'chai';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, serviceTask, parallelGateway, chain, flow } = bpmn;

describe('conformance: parallel gateway', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed();
    await bed.deploy(
      process(
        'and-fork-join',
        start('s'),
        parallelGateway('fork'),
        serviceTask('checkLicence', 'and-licence'),
        serviceTask('checkTax', 'and-tax'),
        parallelGateway('join'),
        end('e'),
        chain('s', 'fork'),
        flow('fork', 'checkLicence'),
        flow('fork', 'checkTax'),
        flow('checkLicence', 'join'),
        flow('checkTax', 'join'),
        chain('join', 'e'),
      ),
    );
  });
  after(async () => {
    await bed?.close();
  });

  it('forks into every outgoing flow and joins once, only after every incoming flow was taken (Zeebe: parallel gateways)', async () => {
    // given
    bed.work('and-licence', (job) => job.complete({ licenceOk: true }));
    const key = await bed.start('and-fork-join');
    // when only one branch is done
    await bed.waitForElement(key, 'checkLicence');
    await bed.waitFor('the tax job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === key && r.value.elementId === 'checkTax');
    // then the join has not been activated
    expect(bed.elements(key).withElementId('join').exists()).to.equal(false);
    expect(bed.elements(key).withElementId('checkLicence_join').intents()).to.deep.equal(['SEQUENCE_FLOW_TAKEN']);
    // when the other branch is done
    bed.work('and-tax', (job) => job.complete({ taxOk: true }));
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('join').intents()).to.deep.equal([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
      'ELEMENT_COMPLETING',
      'ELEMENT_COMPLETED',
    ]);
    expect(bed.elements(key).withElementId('e').withIntent('ELEMENT_COMPLETED').count()).to.equal(1);
    expect(bed.variablesOf(key)).to.deep.equal({ licenceOk: true, taxOk: true });
  });
});
