import { expect } from 'chai';
import { deadlineStarts, extension, next, parseModel, itPassesTheCommonServiceModelChecks, type ParsedModel } from './service-model-checks';

describe('bpmn/talent-schooling.bpmn', () => {
  let model: ParsedModel;
  before(async () => {
    model = await parseModel('talent-schooling');
  });

  itPassesTheCommonServiceModelChecks('talent-schooling', () => model);

  it('goes from the talent’s application to the education department, then the school, with no invented time limit', () => {
    expect(extension(model.elements.get('StartEvent_Applied')!, 'zeebe:FormDefinition')!.formId).to.equal('talent-schooling-application');
    expect(extension(model.elements.get('Task_EducationReview')!, 'zeebe:AssignmentDefinition')!.candidateGroups).to.equal('education');
    expect(next(model, 'Gateway_ReviewDecision').map((flow) => [flow.target, flow.condition])).to.deep.equal([
      ['Task_NotifyPlacement', undefined],
      ['Task_NotifyRefusal', '=schoolingDecision = "refuse"'],
    ]);
    expect(deadlineStarts(model).size).to.equal(0);
  });
});
