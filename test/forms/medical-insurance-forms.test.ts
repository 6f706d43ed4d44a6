import { expect } from 'chai';
import { findComponent, formIdsWithPrefix, formProblems, isHidden, patternAccepts, readForm } from './service-form-checks';

describe('medical-insurance-transfer forms', () => {
  it('are the three forms the model links', () => {
    expect(formIdsWithPrefix('medical-insurance-')).to.deep.equal([
      'medical-insurance-application',
      'medical-insurance-application-review',
      'medical-insurance-transfer-out-verification',
    ]);
  });

  for (const formId of formIdsWithPrefix('medical-insurance-')) {
    it(`${formId} is a well-formed Camunda 8.8 form with Chinese labels`, () => {
      expect(formProblems(formId, readForm(formId))).to.deep.equal([]);
    });
  }

  it('asks for the new employer only under the employee scheme', () => {
    const employer = findComponent(readForm('medical-insurance-application'), 'newEmployerUscc');
    expect(isHidden(employer, { scheme: 'resident' })).to.equal(true);
    expect(isHidden(employer, { scheme: 'employee' })).to.equal(false);
    expect(patternAccepts(employer, '91370102MA3C4D5E6F')).to.equal(true);
    expect(patternAccepts(employer, '91370102')).to.equal(false);
  });

  it('asks for a one-time notice on correction and reasons on rejection', () => {
    const form = readForm('medical-insurance-application-review');
    expect(findComponent(form, 'reviewDecision').values!.map((option) => option.value)).to.deep.equal(['accept', 'correction', 'reject']);
    expect(isHidden(findComponent(form, 'correctionNotice'), { reviewDecision: 'correction' })).to.equal(false);
    expect(isHidden(findComponent(form, 'correctionNotice'), { reviewDecision: 'accept' })).to.equal(true);
    expect(isHidden(findComponent(form, 'rejectionReasons'), { reviewDecision: 'reject' })).to.equal(false);
  });

  it('has no field for a postal address: nothing is mailed on paper', () => {
    const text = JSON.stringify(readForm('medical-insurance-application'));
    expect(text).to.not.match(/mailingAddress|邮寄地址/);
  });
});
