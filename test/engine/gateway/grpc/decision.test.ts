import { expect } from 'chai';
import { ageDecision } from '../support/bpmn';
import { startGatewayTestBed, type GatewayTestBed } from '../support/test-bed';

type GrpcFailure = { code: number; details: string };
const failure = (e: GrpcFailure) => e;

describe('the gRPC gateway: EvaluateDecision', () => {
  let bed: GatewayTestBed;
  let decisionKey: string;
  before(async () => {
    bed = await startGatewayTestBed();
    const deployed = await bed.sdk().deployResource({ decision: Buffer.from(ageDecision('age-group')), name: 'age-group.dmn' });
    decisionKey = deployed.deployments.find((d) => d.decision)!.decision!.decisionKey;
  });
  after(async () => {
    await bed?.close();
  });

  it('evaluates a decision by id with the SDK', async () => {
    const result = await bed.sdk().evaluateDecision({ decisionId: 'age-group', variables: { age: 30 } });
    expect(result).to.include({ decisionId: 'age-group', decisionName: 'Age group', decisionVersion: 1, decisionKey });
    expect(JSON.parse(result.decisionOutput)).to.equal('adult');
    expect(result.failedDecisionId).to.equal('');
    expect(result.evaluatedDecisions).to.have.length(1);
    expect(result.evaluatedDecisions[0].matchedRules.map((rule) => rule.ruleId)).to.deep.equal(['rule_adult']);
  });

  it('evaluates a decision by key with zeebe-node', async () => {
    const result = await bed.zeebeNode().evaluateDecision({ decisionKey, variables: { age: 12 } });
    expect(JSON.parse(result.decisionOutput)).to.equal('minor');
  });

  it('answers with the key of the DECISION_EVALUATION EVALUATED record as decisionInstanceKey, as Zeebe\'s gateway does', async () => {
    // the SDK's typings predate field 12 of EvaluateDecisionResponse; the decoded message carries it
    const result = (await bed.sdk().evaluateDecision({ decisionId: 'age-group', variables: { age: 40 } })) as { decisionInstanceKey?: string };
    expect(result.decisionInstanceKey).to.match(/^[1-9][0-9]*$/);
    const evaluated = await bed.record((r) => r.valueType === 'DECISION_EVALUATION' && r.key === result.decisionInstanceKey);
    expect(evaluated.intent).to.equal('EVALUATED');
    expect(evaluated.value.decisionKey).to.equal(decisionKey);
    expect(JSON.parse(String(evaluated.value.decisionOutput))).to.equal('adult');
  });

  it('refuses a request with neither id nor key with INVALID_ARGUMENT', async () => {
    const error = await bed.sdk().evaluateDecision({ variables: {} } as never).then(() => undefined, failure);
    expect(error?.code).to.equal(3);
  });

  it('answers NOT_FOUND for a decision id that was never deployed', async () => {
    const error = await bed.sdk().evaluateDecision({ decisionId: 'no-such-decision', variables: {} }).then(() => undefined, failure);
    expect(error?.code).to.equal(5);
    expect(error?.details).to.match(/Expected .*but/);
  });
});
