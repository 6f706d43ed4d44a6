import { expect } from 'chai';
import { TestEngine, bpmn } from '../../support';

const { process, start, end, serviceTask, chain, flow, exclusiveGateway, parallelGateway, inclusiveGateway } = bpmn;

describe('gateways', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.start();
  });
  afterEach(async () => {
    await engine.close();
  });

  const exclusive = process(
    'p', start('s'), exclusiveGateway('g', 'to_default'), end('big'), end('small'), end('other'),
    chain('s', 'g'), flow('g', 'big', '=amount > 100'), flow('g', 'small', '=amount <= 10'), flow('g', 'other', undefined, 'to_default'),
  );

  it('takes the first exclusive gateway flow whose condition is true', async () => {
    await engine.deployment().withXml(exclusive).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').withVariables({ amount: 500 }).create();
    expect(engine.records().processInstance().withProcessInstanceKey(key).withIntent('ELEMENT_COMPLETED').withElementId('big').exists()).to.equal(true);
    expect(engine.records().processInstance().withProcessInstanceKey(key).withElementId('small').exists()).to.equal(false);
  });

  it('takes the default flow of an exclusive gateway when no condition holds', async () => {
    await engine.deployment().withXml(exclusive).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').withVariables({ amount: 50 }).create();
    expect(engine.records().processInstance().withProcessInstanceKey(key).withIntent('ELEMENT_COMPLETED').withElementId('other').exists()).to.equal(true);
  });

  it('raises a CONDITION_ERROR incident when no condition holds and there is no default flow; resolving re-evaluates', async () => {
    const xml = process('p', start('s'), exclusiveGateway('g'), end('a'), end('b'), chain('s', 'g'), flow('g', 'a', '=x = 1'), flow('g', 'b', '=x = 2'));
    await engine.deployment().withXml(xml).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').withVariables({ x: 3 }).create();
    const [incident] = engine.incident().open(key);
    expect(incident.value.errorType).to.equal('CONDITION_ERROR');
    await engine.engine.setVariables({ elementInstanceKey: key, variables: { x: 2 }, local: false });
    await engine.incident().resolve(incident.key);
    expect(engine.isCompleted(key)).to.equal(true);
    expect(engine.records().processInstance().withIntent('ELEMENT_COMPLETED').withElementId('b').exists()).to.equal(true);
  });

  it('forks with a parallel gateway and joins once every incoming flow arrived', async () => {
    const xml = process(
      'p', start('s'), parallelGateway('fork'), serviceTask('a', 'a'), serviceTask('b', 'b'), parallelGateway('join'), end('e'),
      chain('s', 'fork'), chain('fork', 'a', 'join'), chain('fork', 'b', 'join'), chain('join', 'e'),
    );
    await engine.deployment().withXml(xml).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').create();
    await engine.job().ofType('a').complete();
    expect(engine.records().processInstance().withElementId('join').withIntent('ELEMENT_ACTIVATING').exists()).to.equal(false);
    await engine.job().ofType('b').complete();
    expect(engine.records().processInstance().withElementId('join').withIntent('ELEMENT_ACTIVATING').count()).to.equal(1);
    expect(engine.isCompleted(key)).to.equal(true);
  });

  it('forks an inclusive gateway into every true branch and joins only those', async () => {
    const xml = process(
      'p', start('s'), inclusiveGateway('fork'), serviceTask('a', 'a'), serviceTask('b', 'b'), serviceTask('c', 'c'), inclusiveGateway('join'), end('e'),
      chain('s', 'fork'), flow('fork', 'a', '=wantA'), flow('fork', 'b', '=wantB'), flow('fork', 'c', '=wantC'),
      chain('a', 'join'), chain('b', 'join'), chain('c', 'join'), chain('join', 'e'),
    );
    await engine.deployment().withXml(xml).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').withVariables({ wantA: true, wantB: false, wantC: true }).create();
    expect(engine.records().job().withIntent('CREATED').values().map((v) => v.type)).to.deep.equal(['a', 'c']);
    await engine.job().ofType('a').complete();
    expect(engine.isCompleted(key)).to.equal(false);
    await engine.job().ofType('c').complete();
    expect(engine.records().processInstance().withElementId('join').withIntent('ELEMENT_COMPLETED').count()).to.equal(1);
    expect(engine.isCompleted(key)).to.equal(true);
  });
});

describe('inclusive gateway joins', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.start();
  });
  afterEach(async () => {
    await engine.close();
  });

  it('waits at the join for a branch that can still reach it, and stops waiting once that branch ends elsewhere', async () => {
    const xml = process(
      'p', start('s'), parallelGateway('fork'), serviceTask('a', 'a'), serviceTask('b', 'b'), exclusiveGateway('choose', 'to_join'),
      inclusiveGateway('join'), end('elsewhere'), end('e'),
      chain('s', 'fork'), chain('fork', 'a', 'join'), chain('fork', 'b', 'choose'), flow('choose', 'elsewhere', '=leave'), flow('choose', 'join', undefined, 'to_join'), chain('join', 'e'),
    );
    await engine.deployment().withXml(xml).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').withVariables({ leave: true }).create();
    await engine.job().ofType('a').complete();
    expect(engine.records().processInstance().withElementId('join').withIntent('ELEMENT_ACTIVATING').exists()).to.equal(false);
    await engine.job().ofType('b').complete();
    expect(engine.records().processInstance().withElementId('join').withIntent('ELEMENT_COMPLETED').count()).to.equal(1);
    expect(engine.isCompleted(key)).to.equal(true);
  });
});
