import { expect } from 'chai';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, serviceTask, inclusiveGateway, flow, chain } = bpmn;

describe('conformance: inclusive gateway', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed();
    await bed.deploy(
      process(
        'or-fork-join',
        start('s'),
        inclusiveGateway('fork', 'fork_fallback'),
        serviceTask('fire', 'or-fire'),
        serviceTask('health', 'or-health'),
        serviceTask('environment', 'or-environment'),
        serviceTask('fallback', 'or-fallback'),
        inclusiveGateway('join'),
        end('e'),
        chain('s', 'fork'),
        flow('fork', 'fire', '=list contains(checks, "fire")'),
        flow('fork', 'health', '=list contains(checks, "health")'),
        flow('fork', 'environment', '=list contains(checks, "environment")'),
        flow('fork', 'fallback'),
        flow('fire', 'join'),
        flow('health', 'join'),
        flow('environment', 'join'),
        flow('fallback', 'join'),
        chain('join', 'e'),
      ),
    );
    for (const type of ['or-fire', 'or-health', 'or-environment', 'or-fallback']) bed.work(type, (job) => job.complete({ [type.slice(3)]: 'done' }));
  });
  after(async () => {
    await bed?.close();
  });

  it('forks into every flow whose condition holds and joins only those branches (Zeebe: inclusive gateways)', async () => {
    // when
    const key = await bed.start('or-fork-join', { checks: ['fire', 'health'] });
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('fire').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.elements(key).withElementId('health').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.elements(key).withElementId('environment').exists()).to.equal(false);
    expect(bed.elements(key).withElementId('fallback').exists()).to.equal(false);
    expect(bed.elements(key).withElementId('join').withIntent('ELEMENT_COMPLETED').count()).to.equal(1);
    expect(bed.elements(key).withElementId('e').withIntent('ELEMENT_COMPLETED').count()).to.equal(1);
    expect(bed.variablesOf(key)).to.deep.include({ fire: 'done', health: 'done' });
  });

  it('takes only the default flow when no condition holds (Zeebe: inclusive gateways, default flow)', async () => {
    // when
    const key = await bed.start('or-fork-join', { checks: [] });
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('fallback').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.elements(key).withElementType('SERVICE_TASK').withIntent('ELEMENT_ACTIVATED').values().map((v) => v.elementId)).to.deep.equal(['fallback']);
    expect(bed.elements(key).withElementId('join').withIntent('ELEMENT_COMPLETED').count()).to.equal(1);
  });

  it('does not take the default flow when some condition holds (Zeebe: inclusive gateways)', async () => {
    // when
    const key = await bed.start('or-fork-join', { checks: ['environment'] });
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementType('SERVICE_TASK').withIntent('ELEMENT_ACTIVATED').values().map((v) => v.elementId)).to.deep.equal(['environment']);
  });
});
