import { expect } from 'chai';
import { deadlineStarts, extension, lightsByHost, next, parseModel, itPassesTheCommonServiceModelChecks, type ParsedModel } from './service-model-checks';

describe('bpmn/talent-staffing.bpmn', () => {
  let model: ParsedModel;
  before(async () => {
    model = await parseModel('talent-staffing');
  });

  itPassesTheCommonServiceModelChecks('talent-staffing', () => model);

  it('can be started on its own from the employer’s filing form', () => {
    expect(extension(model.elements.get('StartEvent_Applied')!, 'zeebe:FormDefinition')!.formId).to.equal('talent-staffing-application');
  });

  it('gives the Provincial Staffing Office 2 working days, with lights, after the competent department’s pre-review', () => {
    expect(deadlineStarts(model).get('staffing')!.limitWorkingDays).to.equal('=2');
    expect(lightsByHost(model).get('SubProcess_StaffingOffice')!.deadline).to.equal('staffing');
    expect(next(model, 'Gateway_PreReview')).to.deep.include({ target: 'Task_NotifyReturned', condition: '=preReviewDecision = "return"', flow: 'Flow_PreReviewReturned' });
    expect(extension(model.elements.get('Task_StaffingOfficeDecision')!, 'zeebe:AssignmentDefinition')!.candidateGroups).to.equal('staffing-office');
  });

  it('records the real-name staffing only when the office agrees, and refuses only when its supervisors confirm', () => {
    expect(model.elements.get('Gateway_StaffingDecision')!.default.targetRef.id).to.equal('Task_RecordStaffing');
    expect(next(model, 'Gateway_StaffingDecision')).to.deep.include({ target: 'Task_StaffingRefusalApproval', condition: '=staffingDecision = "refuse"', flow: 'Flow_StaffingRefused' });
    expect(extension(model.elements.get('Task_StaffingRefusalApproval')!, 'zeebe:AssignmentDefinition')!.candidateGroups).to.equal('staffing-office-supervisors');
    expect(next(model, 'Gateway_StaffingRefusalConfirmed')).to.deep.include({ target: 'Task_NotifyRefused', condition: '=refusalDecision = "confirm"', flow: 'Flow_StaffingRefusalConfirmed' });
    expect(model.elements.get('Gateway_StaffingRefusalConfirmed')!.default.targetRef.id).to.equal('Gateway_StaffingOfficeMerge');
  });
});
