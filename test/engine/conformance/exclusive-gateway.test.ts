import { expect } from 'chai';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, task, serviceTask, exclusiveGateway, chain, flow } = bpmn;

/** start → gateway → big | medium | small(default) → one end each. */
function routing(id: string, withDefault: boolean): string {
  return process(
    id,
    start('s'),
    exclusiveGateway('route', withDefault ? 'route_small' : undefined),
    task('big'),
    task('medium'),
    task('small'),
    end('e_big'),
    end('e_medium'),
    end('e_small'),
    flow('s', 'route'),
    flow('route', 'big', '=amount > 100'),
    flow('route', 'medium', '=amount > 10'),
    withDefault ? flow('route', 'small') : flow('route', 'small', '=amount < 0'),
    flow('big', 'e_big'),
    flow('medium', 'e_medium'),
    flow('small', 'e_small'),
  );
}

describe('conformance: exclusive gateway', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed();
    await bed.deploy(routing('xor-default', true), routing('xor-no-default', false));
  });
  after(async () => {
    await bed?.close();
  });

  it('takes only the first outgoing flow whose condition is true, in the order of the model (Zeebe: exclusive gateways)', async () => {
    // when both "> 100" and "> 10" hold
    const key = await bed.start('xor-default', { amount: 500 });
    await bed.waitForCompletion(key);
    // then
    const taken = bed.elements(key).withIntent('SEQUENCE_FLOW_TAKEN').values().map((v) => v.elementId);
    expect(taken).to.include('route_big');
    expect(taken).to.not.include('route_medium');
    expect(bed.elements(key).withElementId('medium').exists()).to.equal(false);
  });

  it('takes the default flow when no condition holds (Zeebe: exclusive gateways, default flow)', async () => {
    // when
    const key = await bed.start('xor-default', { amount: 3 });
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('small').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.elements(key).withElementId('big').exists()).to.equal(false);
    expect(bed.elements(key).withElementId('medium').exists()).to.equal(false);
  });

  it('raises a CONDITION_ERROR incident when no condition holds and there is no default flow; resolving after setVariables re-evaluates (Zeebe: exclusive gateways)', async () => {
    // given
    const key = await bed.start('xor-no-default', { amount: 3 });
    // when
    const incident = await bed.waitForIncident(key);
    // then
    expect(incident.value).to.include({ errorType: 'CONDITION_ERROR', elementId: 'route' });
    // as Zeebe, the gateway picks its flow while activating, so it stays ELEMENT_ACTIVATING
    expect(bed.elements(key).withElementId('route').intents()).to.deep.equal(['ELEMENT_ACTIVATING']);
    // when the data is fixed and the incident resolved
    await bed.sdk.setVariables({ elementInstanceKey: key, variables: { amount: 50 }, local: false });
    await bed.sdk.resolveIncident({ incidentKey: incident.key });
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('medium').intents()).to.include('ELEMENT_COMPLETED');
  });

  it('routes on variables given by zeebe-node at creation (Zeebe: exclusive gateways)', async () => {
    // when
    const { processInstanceKey } = await bed.gateway.zeebeNode().createProcessInstance({ bpmnProcessId: 'xor-default', variables: { amount: 42 } });
    await bed.waitForCompletion(processInstanceKey);
    // then
    expect(bed.elements(processInstanceKey).withElementId('e_medium').intents()).to.include('ELEMENT_COMPLETED');
  });

  it('loops back through a merging exclusive gateway until a condition lets the token out (Zeebe: exclusive gateways as joins, loops)', async () => {
    // given
    await bed.deploy(
      process(
        'xor-loop',
        start('s'),
        exclusiveGateway('merge'),
        serviceTask('attempt', 'xor-attempt'),
        exclusiveGateway('again', 'again_e'),
        end('e'),
        chain('s', 'merge', 'attempt', 'again'),
        flow('again', 'merge', '=attempts < 3'),
        flow('again', 'e'),
      ),
    );
    bed.work('xor-attempt', (job) => job.complete({ attempts: Number(job.variables.attempts) + 1 }));
    // when
    const key = await bed.start('xor-loop', { attempts: 0 });
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('attempt').withIntent('ELEMENT_COMPLETED').count()).to.equal(3);
    expect(bed.elements(key).withElementId('merge').withIntent('ELEMENT_COMPLETED').count()).to.equal(3);
    expect(bed.variablesOf(key)).to.deep.equal({ attempts: 3 });
  });
});
