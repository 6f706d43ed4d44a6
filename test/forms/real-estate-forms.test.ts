import { expect } from 'chai';
import { findComponent, formIdsWithPrefix, formProblems, isHidden, patternAccepts, readForm } from './service-form-checks';

describe('real-estate-registration forms', () => {
  it('are the four forms the model links', () => {
    expect(formIdsWithPrefix('real-estate-')).to.deep.equal([
      'real-estate-application',
      'real-estate-registration-review',
      'real-estate-tax-assessment',
      'real-estate-transaction-review',
    ]);
  });

  for (const formId of formIdsWithPrefix('real-estate-')) {
    it(`${formId} is a well-formed Camunda 8.8 form with Chinese labels`, () => {
      expect(formProblems(formId, readForm(formId))).to.deep.equal([]);
    });
  }

  it('asks for the agent and the power of attorney only for an agent filing (帮办代办)', () => {
    const agent = findComponent(readForm('real-estate-application'), 'agent');
    expect(isHidden(agent, { agentFiling: true })).to.equal(false);
    expect(isHidden(agent, { agentFiling: false })).to.equal(true);
    expect(agent.components!.map((field) => field.key)).to.include('powerOfAttorneyNumber');
  });

  it('offers every registration type of the decision table and checks the 28-character property unit number', () => {
    const form = readForm('real-estate-application');
    expect(findComponent(form, 'registrationType').values).to.have.length(14);
    expect(patternAccepts(findComponent(form, 'propertyUnitNumber'), '370102001001GB00001F00010001')).to.equal(true);
    expect(patternAccepts(findComponent(form, 'propertyUnitNumber'), '370102001001')).to.equal(false);
  });

  it('asks for reasons only when the reviewer proposes a refusal', () => {
    const reasons = findComponent(readForm('real-estate-registration-review'), 'rejectionReasons');
    expect(isHidden(reasons, { registrationDecision: 'reject' })).to.equal(false);
    expect(isHidden(reasons, { registrationDecision: 'approve' })).to.equal(true);
  });
});
