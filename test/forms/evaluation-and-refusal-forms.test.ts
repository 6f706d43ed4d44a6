import { expect } from 'chai';
import { findComponent, formIdsWithPrefix, formProblems, isHidden, readForm } from './service-form-checks';

describe('好差评 and refusal-approval forms', () => {
  it('are the two 好差评 forms the model links', () => {
    expect(formIdsWithPrefix('evaluation-')).to.deep.equal(['evaluation-rectification', 'evaluation-return-visit']);
  });

  for (const formId of [...formIdsWithPrefix('evaluation-'), 'refusal-approval']) {
    it(`${formId} is a well-formed Camunda 8.8 form with Chinese labels`, () => {
      expect(formProblems(formId, readForm(formId))).to.deep.equal([]);
    });
  }

  it('makes the department say what it found and what it changed, both required', () => {
    const form = readForm('evaluation-rectification');
    for (const key of ['rectificationCause', 'rectificationMeasures']) expect(findComponent(form, key).validate?.required, key).to.equal(true);
  });

  it('records the applicant’s view at the return visit as one of three outcomes', () => {
    expect(findComponent(readForm('evaluation-return-visit'), 'returnVisitOutcome').values!.map((option) => option.value)).to.deep.equal(['satisfied', 'dissatisfied', 'unreachable']);
  });

  it('asks the supervisor for reasons when confirming a refusal and for a note when returning it', () => {
    const form = readForm('refusal-approval');
    expect(findComponent(form, 'refusalDecision').values!.map((option) => option.value)).to.deep.equal(['confirm', 'return']);
    expect(isHidden(findComponent(form, 'rejectionReasons'), { refusalDecision: 'confirm' })).to.equal(false);
    expect(isHidden(findComponent(form, 'rejectionReasons'), { refusalDecision: 'return' })).to.equal(true);
    expect(isHidden(findComponent(form, 'refusalReturnNote'), { refusalDecision: 'return' })).to.equal(false);
  });
});
