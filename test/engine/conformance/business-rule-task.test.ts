import { expect } from 'chai';
import { bpmn } from '../../support';
import { ageDecision } from '../gateway/support/bpmn';
import { startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, businessRuleTask, chain } = bpmn;

/**
 * A DMN resource with one literal-expression decision `bind-decision` tagged `tag` (zeebe:versionTag, as
 * Camunda Modeler writes it) whose result is that tag, so the evaluated version shows in the result.
 */
function taggedDecision(tag: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="bind-drg" name="Binding" namespace="http://onego">
  <decision id="bind-decision" name="Binding">
    <extensionElements><zeebe:versionTag value="${tag}" /></extensionElements>
    <variable id="bind-variable" name="version" typeRef="string" />
    <literalExpression id="bind-expression"><text>"${tag}"</text></literalExpression>
  </decision>
</definitions>`;
}

describe('conformance: business rule task', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed();
    await bed.sdk.deployResource({ decision: Buffer.from(ageDecision('conformance-age-group')), name: 'conformance-age-group.dmn' });
    await bed.deploy(
      process('brt-age', start('s'), businessRuleTask('classify', 'conformance-age-group', 'ageGroup'), end('e'), chain('s', 'classify', 'e')),
      process(
        'brt-age-mapped',
        start('s'),
        businessRuleTask('classify', 'conformance-age-group', 'ageGroup', { outputs: { isAdult: '=ageGroup = "adult"' } }),
        end('e'),
        chain('s', 'classify', 'e'),
      ),
      process('brt-missing', start('s'), businessRuleTask('classify', 'never-deployed-decision', 'result'), end('e'), chain('s', 'classify', 'e')),
    );
  });
  after(async () => {
    await bed?.close();
  });

  it('evaluates the called DMN decision and stores its result in the result variable (Zeebe: business rule tasks, zeebe:calledDecision)', async () => {
    // when
    const key = await bed.start('brt-age', { age: 35 });
    await bed.waitForCompletion(key);
    // then
    expect(bed.variablesOf(key)).to.deep.equal({ age: 35, ageGroup: 'adult' });
    const evaluation = bed.records.decisionEvaluation().withProcessInstanceKey(key).withIntent('EVALUATED').first();
    expect(evaluation.value).to.include({ decisionId: 'conformance-age-group', elementId: 'classify' });
    expect(JSON.parse(String(evaluation.value.decisionOutput))).to.equal('adult');
  });

  it('with output mappings, keeps the result local and passes only the mapped outputs (Zeebe: business rule tasks, output mappings)', async () => {
    // when
    const key = await bed.start('brt-age-mapped', { age: 12 });
    await bed.waitForCompletion(key);
    // then
    expect(bed.variablesOf(key)).to.deep.equal({ age: 12, isAdult: false });
  });

  it('raises a CALLED_DECISION_ERROR incident when the decision is not deployed (Zeebe: business rule tasks)', async () => {
    // when
    const key = await bed.start('brt-missing', {});
    const incident = await bed.waitForIncident(key);
    // then
    expect(incident.value).to.include({ errorType: 'CALLED_DECISION_ERROR', elementId: 'classify' });
    expect(String(incident.value.errorMessage)).to.contain('never-deployed-decision');
  });

  describe('binding types: which version of the called decision is evaluated (Zeebe 8.6+: zeebe:calledDecision bindingType)', () => {
    const caller = (id: string, options: { bindingType?: string; versionTag?: string }, decisionId = 'bind-decision') =>
      process(id, start('s'), businessRuleTask('decide', decisionId, 'version', options), end('e'), chain('s', 'decide', 'e'));
    const deploy = (resources: [string, string][]) =>
      bed.sdk.deployResources(resources.map(([name, xml]) => ({ name, process: Buffer.from(xml) })) as never) as Promise<{ key: string }>;
    /** The result of the decision an instance of `bpmnProcessId` evaluated: the version tag of that decision. */
    const evaluatedVersion = async (bpmnProcessId: string) => {
      const key = await bed.start(bpmnProcessId);
      await bed.waitForCompletion(key);
      return bed.variablesOf(key).version;
    };
    let firstDeploymentKey: string;

    before(async () => {
      // v1 of the decision is deployed together with the callers; v2 comes later on its own
      firstDeploymentKey = (
        await deploy([
          ['bind-decision.dmn', taggedDecision('v1')],
          ['brt-bind-deployment.bpmn', caller('brt-bind-deployment', { bindingType: 'deployment' })],
          ['brt-bind-tag.bpmn', caller('brt-bind-tag', { bindingType: 'versionTag', versionTag: 'v1' })],
          ['brt-bind-latest.bpmn', caller('brt-bind-latest', {})],
          ['brt-bind-missing-tag.bpmn', caller('brt-bind-missing-tag', { bindingType: 'versionTag', versionTag: 'v9' })],
          ['brt-bind-expression.bpmn', caller('brt-bind-expression', { bindingType: 'deployment' }, '=decisionId')],
        ])
      ).key;
      await deploy([['bind-decision.dmn', taggedDecision('v2')]]);
    });

    it('records the zeebe:versionTag of each deployed decision on its DECISION CREATED record', () => {
      const created = bed.records.ofValueType('DECISION').withIntent('CREATED').withValue('decisionId', 'bind-decision').asList();
      expect(created.map((record) => [record.value.version, record.value.versionTag])).to.deep.equal([
        [1, 'v1'],
        [2, 'v2'],
      ]);
    });

    it('latest (the default) evaluates the newest version', async () => {
      expect(await evaluatedVersion('brt-bind-latest')).to.equal('v2');
    });

    it('deployment evaluates the version deployed together with the calling process', async () => {
      expect(await evaluatedVersion('brt-bind-deployment')).to.equal('v1');
    });

    it('versionTag evaluates the newest version carrying that zeebe:versionTag', async () => {
      expect(await evaluatedVersion('brt-bind-tag')).to.equal('v1');
    });

    it('versionTag raises a CALLED_DECISION_ERROR incident with Zeebe\'s message when no version carries the tag', async () => {
      const key = await bed.start('brt-bind-missing-tag');
      const incident = await bed.waitForIncident(key);
      expect(incident.value).to.include({
        errorType: 'CALLED_DECISION_ERROR',
        errorMessage:
          "Expected to evaluate decision with id 'bind-decision' and version tag 'v9', but no such decision found. To resolve this incident, deploy a decision with the given id and version tag.",
      });
    });

    it('deployment raises a CALLED_DECISION_ERROR incident naming the deployment when an evaluated decision id is not in it', async () => {
      const key = await bed.start('brt-bind-expression', { decisionId: 'conformance-age-group' });
      const incident = await bed.waitForIncident(key);
      expect(incident.value).to.include({
        errorType: 'CALLED_DECISION_ERROR',
        errorMessage: `Expected to evaluate decision 'conformance-age-group' with binding type 'deployment', but no such decision found in the deployment with key ${firstDeploymentKey} which contained the current process. To resolve this incident, migrate the process instance to a process definition that is deployed together with the intended decision to evaluate.`,
      });
    });

    it('refuses a deployment whose static deployment-bound decision id it does not carry, naming the element', async () => {
      const refused = await deploy([['brt-bind-alone.bpmn', caller('brt-bind-alone', { bindingType: 'deployment' })]]).then(
        () => undefined,
        (e: { code: number; details: string }) => e,
      );
      expect(refused?.code).to.equal(3);
      expect(refused?.details).to.contain(
        "'brt-bind-alone.bpmn': - Element: decide > extensionElements > calledDecision\n    - ERROR: Expected to find decision with id 'bind-decision' in current deployment, but not found.",
      );
    });
  });
});
