import { expect } from 'chai';
import { findComponent, formIdsWithPrefix, formProblems, isHidden, patternAccepts, readForm } from './service-form-checks';

describe('talent-card and talent-staffing forms', () => {
  it('are the eleven forms the three talent models link', () => {
    expect(formIdsWithPrefix('talent-')).to.deep.equal([
      'talent-application',
      'talent-commissioner-supplement',
      'talent-expert-evaluation',
      'talent-hrss-decision',
      'talent-level-review',
      'talent-schooling-application',
      'talent-schooling-enrolment',
      'talent-schooling-review',
      'talent-staffing-application',
      'talent-staffing-decision',
      'talent-staffing-prereview',
    ]);
  });

  for (const formId of formIdsWithPrefix('talent-')) {
    it(`${formId} is a well-formed Camunda 8.8 form with Chinese labels`, () => {
      expect(formProblems(formId, readForm(formId))).to.deep.equal([]);
    });
  }

  it('lets an applicant choose only the reviewed and evaluated categories (direct comes from a department list)', () => {
    expect(findComponent(readForm('talent-application'), 'category').values!.map((option) => option.value)).to.deep.equal(['reviewed', 'evaluated']);
  });

  it('asks for staffing details only when the staffing green channel is requested', () => {
    const staffing = findComponent(readForm('talent-application'), 'staffing');
    expect(isHidden(staffing, { staffingRequested: false })).to.equal(true);
    expect(isHidden(staffing, { staffingRequested: true })).to.equal(false);
  });

  it('makes the commissioner write the one-time notice when materials are missing', () => {
    const notice = findComponent(readForm('talent-commissioner-supplement'), 'correctionNotice');
    expect(isHidden(notice, { materialsComplete: false })).to.equal(false);
    expect(isHidden(notice, { materialsComplete: true })).to.equal(true);
  });

  it('gives HRSS the three outcomes, with reasons for a refusal', () => {
    const form = readForm('talent-hrss-decision');
    expect(findComponent(form, 'hrssDecision').values!.map((option) => option.value)).to.deep.equal(['approve', 'reject', 'supplement']);
    expect(isHidden(findComponent(form, 'rejectionReasons'), { hrssDecision: 'reject' })).to.equal(false);
    expect(isHidden(findComponent(form, 'rejectionReasons'), { hrssDecision: 'approve' })).to.equal(true);
  });

  it('accepts only card numbers the talent system issues', () => {
    const cardNumber = findComponent(readForm('talent-staffing-application'), 'cardNumber');
    expect(patternAccepts(cardNumber, 'HCK-2025-123456')).to.equal(true);
    expect(patternAccepts(cardNumber, 'HCK-25-1')).to.equal(false);
  });

  it('asks for return and refusal reasons only on those outcomes', () => {
    expect(isHidden(findComponent(readForm('talent-staffing-prereview'), 'returnReasons'), { preReviewDecision: 'return' })).to.equal(false);
    expect(isHidden(findComponent(readForm('talent-staffing-decision'), 'refusalReasons'), { staffingDecision: 'approve' })).to.equal(true);
    expect(isHidden(findComponent(readForm('talent-level-review'), 'levelComment'), { levelDecision: 'return' })).to.equal(false);
  });

  it('asks for the current school only for a transfer, and for a school or reasons by the review outcome', () => {
    expect(isHidden(findComponent(readForm('talent-schooling-application'), 'currentSchool'), { requestType: 'enrol' })).to.equal(true);
    expect(isHidden(findComponent(readForm('talent-schooling-application'), 'currentSchool'), { requestType: 'transfer' })).to.equal(false);
    const review = readForm('talent-schooling-review');
    expect(isHidden(findComponent(review, 'assignedSchool'), { schoolingDecision: 'arrange' })).to.equal(false);
    expect(isHidden(findComponent(review, 'refusalReasons'), { schoolingDecision: 'arrange' })).to.equal(true);
  });
});
