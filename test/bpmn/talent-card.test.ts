import { expect } from 'chai';
import {
  deadlineStarts,
  describeChain,
  extension,
  followChain,
  lightsByHost,
  next,
  parseModel,
  itPassesTheCommonServiceModelChecks,
  type ParsedModel,
} from './service-model-checks';

describe('bpmn/talent-card.bpmn', () => {
  let model: ParsedModel;
  before(async () => {
    model = await parseModel('talent-card');
  });

  itPassesTheCommonServiceModelChecks('talent-card', () => model);

  it('starts from a provincial department’s direct list (message) or from the talent’s form', () => {
    const message = model.elements.get('StartEvent_DirectList')!.eventDefinitions[0].messageRef;
    expect(message.name).to.equal('talent-direct-list');
    expect(extension(model.elements.get('StartEvent_Applied')!, 'zeebe:FormDefinition')!.formId).to.equal('talent-application');
  });

  it('sends direct issuance straight to card production and the rest to the service commissioner', () => {
    expect(next(model, 'Gateway_Category')).to.deep.include({ target: 'Gateway_ProductionMerge', condition: '=category = "direct"', flow: 'Flow_Direct' });
    expect(model.elements.get('Gateway_Category')!.default.targetRef.id).to.equal('Gateway_CommissionerEntry');
  });

  it('submits level by level: a sequential multi-instance over the configured approvalLevels', () => {
    const levels = model.elements.get('SubProcess_LevelSubmission')!;
    expect(levels.loopCharacteristics.isSequential).to.equal(true);
    expect(extension(levels.loopCharacteristics, 'zeebe:LoopCharacteristics')).to.include({ inputCollection: '=approvalLevels', inputElement: 'level' });
    expect(extension(model.elements.get('Task_LevelReview')!, 'zeebe:AssignmentDefinition')!.candidateGroups).to.equal('=levelGroup');
    expect(extension(model.elements.get('SubProcess_LevelReview')!, 'zeebe:IoMapping')!.inputParameters[0]).to.include({ target: 'levelGroup' });
  });

  it('offers the commissioner step and the employer level to the employer’s own commissioners, named by its USCC', () => {
    const commissioner = extension(model.elements.get('SubProcess_Commissioner')!, 'zeebe:IoMapping')!.inputParameters[0];
    expect(commissioner).to.include({ target: 'commissioners' });
    expect(commissioner.source).to.contain('lower case(employer.uscc)');
    expect(extension(model.elements.get('Task_CommissionerSupplement')!, 'zeebe:AssignmentDefinition')!.candidateGroups).to.equal('=commissioners');
  });

  it('has HRSS review with one reviewer or an expert panel in parallel', () => {
    expect(next(model, 'Gateway_HrssMode')).to.deep.include({ target: 'Task_StartEvaluationDeadline', condition: '=category = "evaluated"', flow: 'Flow_HrssEvaluation' });
    const panel = model.elements.get('Task_ExpertEvaluation')!;
    expect(panel.loopCharacteristics.isSequential).to.equal(false);
    expect(extension(panel.loopCharacteristics, 'zeebe:LoopCharacteristics')).to.include({ inputCollection: '=experts', outputCollection: 'expertOpinions' });
    expect(next(model, 'Gateway_HrssDecision').map((flow) => [flow.target, flow.condition])).to.deep.equal([
      ['Gateway_ProductionMerge', undefined],
      ['Task_HrssRefusalApproval', '=hrssDecision = "reject"'],
      ['Gateway_CommissionerEntry', '=hrssDecision = "supplement"'],
    ]);
    // 窗口无否决权、否决权上移: HRSS's supervisors confirm a refusal or send it back for another decision.
    expect(extension(model.elements.get('Task_HrssRefusalApproval')!, 'zeebe:AssignmentDefinition')!.candidateGroups).to.equal('hrss-supervisors');
    expect(next(model, 'Gateway_HrssRefusalConfirmed').map((flow) => [flow.target, flow.condition])).to.deep.include.members([
      ['Task_NotifyRejection', '=refusalDecision = "confirm"'],
      ['Task_HrssReconsider', undefined],
    ]);
  });

  it('takes the PROPOSED limits from the time-limit decision (province-wide commissioner 5, each level 3, review 10, evaluation 20, production 5 WD), each with lights', () => {
    expect(Object.fromEntries([...deadlineStarts(model)].map(([name, mapped]) => [name, mapped.limitWorkingDays]))).to.deep.equal({
      commissioner: '=timeLimits.commissionerDays',
      level: '=timeLimits.levelDays',
      review: '=timeLimits.reviewDays',
      evaluation: '=timeLimits.evaluationDays',
      production: '=timeLimits.productionDays',
    });
    expect(extension(model.elements.get('Task_DecideTimeLimits')!, 'zeebe:CalledDecision')).to.deep.include({ decisionId: 'talent-card-time-limits', resultVariable: 'timeLimits' });
    expect(followChain(model, 'Task_RegisterApplication', 2)).to.deep.equal(['Task_RegisterApplication', 'Task_DecideTimeLimits', 'Gateway_Category']);
    expect([...lightsByHost(model).values()].map((light) => light.deadline).sort()).to.deep.equal(['commissioner', 'evaluation', 'level', 'production', 'review']);
  });

  it('pauses the commissioner clock while the talent adds materials after the one-time notice', () => {
    expect(describeChain(model, followChain(model, 'Boundary_MaterialsIncomplete', 6))).to.deep.equal([
      'BoundaryEvent',
      'deadline-pause =deadline_commissioner',
      'talent-correction-notice',
      'IntermediateCatchEvent',
      'deadline-resume =deadline_commissioner',
      'ExclusiveGateway',
      'SubProcess',
    ]);
  });

  it('starts the staffing green channel through a call activity when the employer asked for it', () => {
    const call = model.elements.get('CallActivity_Staffing')!;
    expect(extension(call, 'zeebe:CalledElement')).to.include({ processId: 'talent-staffing', propagateAllChildVariables: false });
    expect(next(model, 'Gateway_StaffingRequested')).to.deep.include({ target: 'CallActivity_Staffing', condition: '=staffingRequested = true', flow: 'Flow_StaffingRequested' });
  });

  it('hands a level’s 督办 to the top level by escalation, to the supervisors of that level’s group', () => {
    const chain = followChain(model, 'Timer_LevelReview_Red', 3);
    expect(model.elements.get(chain[3]!)!.eventDefinitions[0].escalationRef.escalationCode).to.equal('SUPERVISION_REQUIRED');
    const catcher = model.elements.get('Boundary_LevelSubmission_SupervisionRequired')!;
    expect(catcher.attachedToRef.id).to.equal('SubProcess_LevelSubmission');
    expect(catcher.cancelActivity).to.equal(false);
    expect(extension(model.elements.get('Task_LevelSubmission_SuperviseStep')!, 'zeebe:AssignmentDefinition')!.candidateGroups).to.equal('=department + "-supervisors"');
  });
});
