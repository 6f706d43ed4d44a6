import { expect } from 'chai';
import { findComponent, formIdsWithPrefix, formProblems, isHidden, patternAccepts, readForm } from './service-form-checks';

describe('enterprise-opening forms', () => {
  it('are the four forms the model links', () => {
    expect(formIdsWithPrefix('enterprise-')).to.deep.equal([
      'enterprise-application',
      'enterprise-material-guidance',
      'enterprise-registration-review',
      'enterprise-window-pickup',
    ]);
  });

  for (const formId of formIdsWithPrefix('enterprise-')) {
    it(`${formId} is a well-formed Camunda 8.8 form with Chinese labels`, () => {
      expect(formProblems(formId, readForm(formId))).to.deep.equal([]);
    });
  }

  it('asks for the mailing address only when free mailing is chosen', () => {
    const mailingAddress = findComponent(readForm('enterprise-application'), 'mailingAddress');
    expect(isHidden(mailingAddress, { deliveryMode: 'window' })).to.equal(true);
    expect(isHidden(mailingAddress, {})).to.equal(true);
    expect(isHidden(mailingAddress, { deliveryMode: 'mail' })).to.equal(false);
  });

  it('offers exactly the seven entity types, four of them eligible for smart approval', () => {
    const entityType = findComponent(readForm('enterprise-application'), 'entityType');
    expect(entityType.values!.map((option) => option.value)).to.deep.equal([
      'natural-person-llc',
      'individual-business',
      'sole-proprietorship',
      'branch',
      'other-llc',
      'joint-stock',
      'partnership',
    ]);
  });

  it('checks ID numbers and mobile numbers by pattern', () => {
    const form = readForm('enterprise-application');
    const idNumber = findComponent(readForm('enterprise-application'), 'legalRepresentative').components!.find((c) => c.key === 'idNumber')!;
    expect(patternAccepts(idNumber, '37010219900101123X')).to.equal(true);
    expect(patternAccepts(idNumber, '3701021990')).to.equal(false);
    const phone = findComponent(form, 'mailingAddress').components!.find((c) => c.key === 'phone')!;
    expect(patternAccepts(phone, '13800000000')).to.equal(true);
    expect(patternAccepts(phone, '02388888888')).to.equal(false);
  });

  it('never offers VAT special invoices', () => {
    const invoiceTypes = findComponent(readForm('enterprise-application'), 'invoiceTypes');
    expect(invoiceTypes.values!.map((option) => option.value)).to.not.include('vat-special');
  });

  it('asks for the one-time notice only when materials are incomplete', () => {
    const notice = findComponent(readForm('enterprise-material-guidance'), 'correctionNotice');
    expect(isHidden(notice, { materialsComplete: false })).to.equal(false);
    expect(isHidden(notice, { materialsComplete: true })).to.equal(true);
  });

  it('asks the reviewer for a notice on supplement and reasons on rejection', () => {
    const form = readForm('enterprise-registration-review');
    expect(findComponent(form, 'registrationDecision').values!.map((option) => option.value)).to.deep.equal(['approve', 'supplement', 'reject']);
    expect(isHidden(findComponent(form, 'supplementNotice'), { registrationDecision: 'supplement' })).to.equal(false);
    expect(isHidden(findComponent(form, 'supplementNotice'), { registrationDecision: 'approve' })).to.equal(true);
    expect(isHidden(findComponent(form, 'rejectionReasons'), { registrationDecision: 'reject' })).to.equal(false);
    expect(findComponent(form, 'rejectionReasons').validate).to.include({ required: true });
  });
});
