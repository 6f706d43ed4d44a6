import { expect } from 'chai';
import { TestEngine, bpmn } from '../../support';

const { process, start, end, serviceTask, chain, businessRuleTask } = bpmn;

const DMN = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="limits" name="Limits" namespace="http://onego.example/dmn">
  <decision id="limit" name="Limit">
    <decisionTable id="table" hitPolicy="FIRST">
      <input id="in1" label="kind"><inputExpression id="ie1" typeRef="string"><text>kind</text></inputExpression></input>
      <output id="out1" name="days" typeRef="number"/>
      <rule id="r1"><inputEntry id="e1"><text>"simple"</text></inputEntry><outputEntry id="o1"><text>20</text></outputEntry></rule>
      <rule id="r2"><inputEntry id="e2"><text>-</text></inputEntry><outputEntry id="o2"><text>100</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>`;

describe('deployment', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.start();
  });
  afterEach(async () => {
    await engine.close();
  });

  const simple = (type = 'a') => process('p', start('s'), serviceTask('t', type), end('e'), chain('s', 't', 'e'));

  it('versions a process and returns the existing version when identical content is deployed again', async () => {
    const first = await engine.deployment().withXml(simple(), 'p.bpmn').deploy();
    const again = await engine.deployment().withXml(simple(), 'p.bpmn').deploy();
    const changed = await engine.deployment().withXml(simple('b'), 'p.bpmn').deploy();
    const meta = (r: typeof first) => ('process' in r.deployments[0] ? r.deployments[0].process : undefined)!;
    expect(meta(first).version).to.equal(1);
    expect(meta(again)).to.deep.equal(meta(first));
    expect(meta(changed).version).to.equal(2);
    expect(engine.records().process().withIntent('CREATED').count()).to.equal(2);
    const key = await engine.processInstance().ofBpmnProcessId('p').create();
    expect(engine.records().processInstance().withKey(key).first().value.version).to.equal(2);
    const v1 = await engine.processInstance().ofBpmnProcessId('p').withVersion(1).create();
    expect(engine.records().processInstance().withKey(v1).first().value.version).to.equal(1);
  });

  it('stores forms with versions', async () => {
    const form = (label: string) => JSON.stringify({ id: 'f', components: [{ type: 'text', text: label }] });
    const one = await engine.deployment().withResource('f.form', form('一')).deploy();
    const two = await engine.deployment().withResource('f.form', form('二')).deploy();
    const meta = (r: typeof one) => ('form' in r.deployments[0] ? r.deployments[0].form : undefined)!;
    expect([meta(one).version, meta(two).version]).to.deep.equal([1, 2]);
    expect(engine.engine.getForm(meta(two).formKey)?.schema).to.contain('二');
  });

  it('deploys a DMN, evaluates it through EvaluateDecision and from a business rule task', async () => {
    const result = await engine.deployment().withResource('limits.dmn', DMN).deploy();
    expect(result.deployments.map((d) => Object.keys(d)[0])).to.deep.equal(['decision', 'decisionRequirements']);
    const evaluation = await engine.engine.evaluateDecision({ decisionId: 'limit', variables: { kind: 'simple' } });
    expect(JSON.parse(evaluation.decisionOutput)).to.equal(20);
    await engine.deployment().withXml(process('rules', start('s'), businessRuleTask('decide', 'limit', 'days'), end('e'), chain('s', 'decide', 'e'))).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('rules').withVariables({ kind: 'other' }).create();
    expect(engine.isCompleted(key)).to.equal(true);
    expect(engine.records().variable().withName('days').first().value.value).to.equal('100');
    expect(engine.records().decisionEvaluation().withIntent('EVALUATED').count()).to.equal(2);
  });

  it('raises an incident naming the decision when a business rule task calls an undeployed decision', async () => {
    await engine.deployment().withXml(process('rules', start('s'), businessRuleTask('decide', 'nope', 'days'), end('e'), chain('s', 'decide', 'e'))).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('rules').create();
    const [incident] = engine.incident().open(key);
    expect(incident.value.errorMessage).to.contain("'nope'");
  });

  it('refuses XML with a DOCTYPE (XXE / entity expansion) before parsing and loses nothing', async () => {
    const hostile = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"/>`;
    const error = await engine.deployment().withXml(hostile).deploy().catch((e) => e);
    expect(error.rejectionType).to.equal('INVALID_ARGUMENT');
    expect(error.message).to.contain('DOCTYPE');
    await engine.deployment().withXml(simple()).deploy();
    expect(engine.records().process().withIntent('CREATED').count()).to.equal(1);
  });

  it('refuses malformed XML with a clear error', async () => {
    const error = await engine.deployment().withXml('<bpmn:definitions').deploy().catch((e) => e);
    expect(error.rejectionType).to.equal('INVALID_ARGUMENT');
    expect(error.message).to.match(/^Expected to deploy new resources, but encountered the following errors:/);
  });

  it('rejects an unsupported element naming its id and line', async () => {
    const xml = simple().replace('<bpmn:endEvent id="e">', '<bpmn:complexGateway id="weird"/>\n<bpmn:endEvent id="e">');
    const error = await engine.deployment().withXml(xml, 'weird.bpmn').deploy().catch((e) => e);
    expect(error.message).to.contain("'weird.bpmn'");
    expect(error.message).to.match(/Element: weird \(line \d+\)/);
    expect(error.message).to.contain("'ComplexGateway' are not supported");
  });

  it('rejects a service task without a task definition and invalid FEEL at deployment', async () => {
    const noType = process('p', start('s'), '<bpmn:serviceTask id="t"/>', end('e'), chain('s', 't', 'e'));
    const error = await engine.deployment().withXml(noType).deploy().catch((e) => e);
    expect(error.message).to.contain("Must have exactly one 'zeebe:taskDefinition' extension element");
    const badFeel = process('p', start('s'), serviceTask('t', 'a', { inputs: { x: '=1 +* 2' } }), end('e'), chain('s', 't', 'e'));
    const feelError = await engine.deployment().withXml(badFeel).deploy().catch((e) => e);
    expect(feelError.rejectionType).to.equal('INVALID_ARGUMENT');
    expect(feelError.message).to.match(/Element: t .*\n.*Invalid/);
  });

  it('refuses a deployment above the maximum message size', async () => {
    const error = await engine.deployment().withResource('big.bpmn', Buffer.alloc(5 * 1024 * 1024, 32)).deploy().catch((e) => e);
    expect(error.rejectionType).to.equal('INVALID_ARGUMENT');
    expect(error.message).to.contain('at most');
  });

  it('deletes a process definition: no new instances, the previous version becomes the latest', async () => {
    await engine.deployment().withXml(simple('a'), 'p.bpmn').deploy();
    const v2 = await engine.deployment().withXml(simple('b'), 'p.bpmn').deploy();
    const key = 'process' in v2.deployments[0] ? v2.deployments[0].process.processDefinitionKey : '';
    await engine.engine.deleteResource(key);
    const pi = await engine.processInstance().ofBpmnProcessId('p').create();
    expect(engine.records().processInstance().withKey(pi).first().value.version).to.equal(1);
    const missing = await engine.engine.deleteResource(key).catch((e) => e);
    expect(missing.rejectionType).to.equal('NOT_FOUND');
    const v1 = engine.records().processInstance().withKey(pi).first().value.processDefinitionKey as string;
    const busy = await engine.engine.deleteResource(v1).catch((e) => e);
    expect(busy.rejectionType).to.equal('INVALID_STATE');
    expect(busy.message).to.contain('still running instances');
  });
});

describe('deployment of features this engine does not run', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.start();
  });
  afterEach(async () => {
    await engine.close();
  });

  it('refuses an execution listener with an empty job type, as Zeebe does, instead of skipping it', async () => {
    const xml = bpmn.process(
      'p', bpmn.start('s'),
      '<bpmn:serviceTask id="t"><bpmn:extensionElements><zeebe:taskDefinition type="a"/><zeebe:executionListeners><zeebe:executionListener eventType="start" type=""/></zeebe:executionListeners></bpmn:extensionElements></bpmn:serviceTask>',
      bpmn.end('e'), bpmn.chain('s', 't', 'e'),
    );
    const error = await engine.deployment().withXml(xml).deploy().catch((e) => e);
    expect(error.rejectionType).to.equal('INVALID_ARGUMENT');
    expect(error.message).to.match(/Element: t \(line \d+\)/);
    expect(error.message).to.contain("Attribute 'type' must be present and not empty");
  });

  it('refuses conditional events where Camunda has none (a conditional end event), naming the element', async () => {
    const xml = bpmn.process('p', bpmn.start('s'), bpmn.end('e', '<bpmn:conditionalEventDefinition><bpmn:condition>=x</bpmn:condition></bpmn:conditionalEventDefinition>'), bpmn.chain('s', 'e'));
    const error = await engine.deployment().withXml(xml).deploy().catch((e) => e);
    expect(error.message).to.match(/Element: e \(line \d+\)/);
    expect(error.message).to.contain('conditional end events are not supported');
  });

});

describe('deployment validation: catch events one scope waits for at once must be told apart, else the scope is refused (Zeebe: duplicate event definitions)', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.start();
  });
  afterEach(async () => {
    await engine.close();
  });

  const { message, messageRef, boundary, signal, signalRef, eventBasedGateway, catchEvent, eventSubProcess, errorRef, escalation, escalationRef } = bpmn;
  const refusal = (xml: string) => engine.deployment().withXml(xml).deploy().then(() => '', (e: Error) => e.message);

  it('refuses two boundary events of one task waiting for the same message name', async () => {
    const xml = process(
      'dup-boundary',
      message('m1', 'correction', '=caseId'),
      message('m2', 'correction', '=applicantId'),
      start('s'),
      serviceTask('review', 'review'),
      boundary('b1', 'review', messageRef('m1')),
      boundary('b2', 'review', messageRef('m2')),
      end('e'),
      end('e1'),
      end('e2'),
      chain('s', 'review', 'e'),
      chain('b1', 'e1'),
      chain('b2', 'e2'),
    );
    const message_ = await refusal(xml);
    expect(message_).to.match(/Element: review \(line \d+\)/);
    expect(message_).to.contain("Multiple message event definitions with the same name 'correction' are not allowed.");
  });

  it('refuses two events after one event-based gateway waiting for the same signal', async () => {
    const xml = process(
      'dup-gateway',
      signal('sig1', 'policy-changed'),
      signal('sig2', 'policy-changed'),
      start('s'),
      eventBasedGateway('g'),
      catchEvent('c1', signalRef('sig1')),
      catchEvent('c2', signalRef('sig2')),
      end('e1'),
      end('e2'),
      chain('s', 'g', 'c1', 'e1'),
      chain('g', 'c2', 'e2'),
    );
    const message_ = await refusal(xml);
    expect(message_).to.match(/Element: g \(line \d+\)/);
    expect(message_).to.contain("Multiple signal event definitions with the same name 'policy-changed' are not allowed.");
  });

  it('refuses two event subprocesses catching every error, and two catching the same escalation code', async () => {
    const xml = process(
      'dup-handlers',
      escalation('x1', 'LATE'),
      start('s'),
      serviceTask('t', 'work'),
      end('e'),
      chain('s', 't', 'e'),
      eventSubProcess('h1', [start('h1s', errorRef()), end('h1e'), chain('h1s', 'h1e')]),
      eventSubProcess('h2', [start('h2s', errorRef()), end('h2e'), chain('h2s', 'h2e')]),
      eventSubProcess('h3', [start('h3s', escalationRef('x1'), { interrupting: false }), end('h3e'), chain('h3s', 'h3e')]),
      eventSubProcess('h4', [start('h4s', escalationRef('x1'), { interrupting: false }), end('h4e'), chain('h4s', 'h4e')]),
    );
    const message_ = await refusal(xml);
    expect(message_).to.match(/Element: dup-handlers \(line \d+\)/);
    expect(message_).to.contain('The same scope can not contain more than one error catch event without error code. An error catch event without error code catches all errors.');
    expect(message_).to.contain("Multiple escalation catch events with the same escalation code 'LATE' are not supported on the same scope.");
  });

  it('still accepts the same message name on boundary events of different tasks', async () => {
    const xml = process(
      'same-name-elsewhere',
      message('m', 'correction', '=caseId'),
      start('s'),
      serviceTask('a', 'a'),
      serviceTask('b', 'b'),
      boundary('ba', 'a', messageRef('m')),
      boundary('bb', 'b', messageRef('m')),
      end('e'),
      end('ea'),
      end('eb'),
      chain('s', 'a', 'b', 'e'),
      chain('ba', 'ea'),
      chain('bb', 'eb'),
    );
    expect(await refusal(xml)).to.equal('');
  });
});
