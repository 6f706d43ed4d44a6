import { expect } from 'chai';
import { bpmn } from '../../support';
import { ageDecision } from '../gateway/support/bpmn';
import { startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, businessRuleTask, chain } = bpmn;

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
});
