import { expect } from 'chai';
import {
  deadlineStarts,
  describeChain,
  extension,
  followChain,
  inputs,
  jobType,
  lightsByHost,
  next,
  parseModel,
  itPassesTheCommonServiceModelChecks,
  type ParsedModel,
} from './service-model-checks';

describe('bpmn/service-evaluation.bpmn (好差评)', () => {
  let model: ParsedModel;
  before(async () => {
    model = await parseModel('service-evaluation');
  });

  itPassesTheCommonServiceModelChecks('service-evaluation', () => model);

  it('starts from the service-completed message, decides its limits, invites the applicant and waits for the rating or the end of the rating window, without a staff clock', () => {
    expect(model.elements.get('StartEvent_ServiceCompleted')!.eventDefinitions[0].messageRef.name).to.equal('service-completed');
    expect(describeChain(model, followChain(model, 'StartEvent_ServiceCompleted', 5))).to.deep.equal([
      'StartEvent',
      'BusinessRuleTask',
      'evaluation-invite',
      'ExclusiveGateway',
      'evaluation-rating-window',
      'EventBasedGateway',
    ]);
    expect(extension(model.elements.get('Task_DecideEvaluationLimits')!, 'zeebe:CalledDecision')).to.include({ decisionId: 'service-evaluation-time-limits', resultVariable: 'timeLimits' });
    expect(inputs(model.elements.get('Task_StartRatingWindow')!)).to.include({ ratingWorkingDays: '=timeLimits.ratingDays' });
    expect(inputs(model.elements.get('Task_StartRatingWindow')!)).to.include({ invitedAt: '=if is defined(ratingWindow) then ratingWindow.opensAt else now()', calendarUpdate: '=calendarUpdate' });
    expect(next(model, 'Gateway_AwaitRating').map((flow) => flow.target).sort()).to.deep.equal(['Event_EvaluationSubmitted', 'Event_RatingCalendarUpdated', 'Timer_RatingWindowExpired']);
    // A calendar update recomputes the window and waits again.
    expect(model.elements.get('Event_RatingCalendarUpdated')!.eventDefinitions[0].signalRef.name).to.equal('calendar-updated');
    expect(next(model, 'Event_RatingCalendarUpdated').map((flow) => flow.target)).to.deep.equal(['Gateway_RatingWindow']);
    expect(next(model, 'Gateway_RatingWindow').map((flow) => flow.target)).to.deep.equal(['Task_StartRatingWindow']);
    expect(model.elements.get('Timer_RatingWindowExpired')!.eventDefinitions[0].timeDate.body).to.equal('=ratingWindow.closesAt');
    const rating = model.elements.get('Event_EvaluationSubmitted')!.eventDefinitions[0].messageRef;
    expect(rating.name).to.equal('evaluation-submitted');
    expect(rating.extensionElements.values[0].correlationKey).to.equal('=serviceCaseId');
  });

  it('sends only a real-name bad review to rectification by the responsible department, with its own limit, lights and 督办', () => {
    expect(next(model, 'Gateway_RectificationRequired')).to.deep.include({ target: 'Task_StartRectificationDeadline', condition: '=rectificationRequired = true', flow: 'Flow_RectificationRequired' });
    expect(model.elements.get('Gateway_RectificationRequired')!.default.targetRef.id).to.equal('End_Evaluated');
    expect(deadlineStarts(model).get('rectification')!.limitWorkingDays).to.equal('=timeLimits.rectificationDays');
    expect(lightsByHost(model).get('SubProcess_Rectification')!.deadline).to.equal('rectification');
    expect(extension(model.elements.get('Task_Rectify')!, 'zeebe:AssignmentDefinition')!.candidateGroups).to.equal('=responsibleDepartment');
    expect(model.elements.get('Boundary_Rectification_SupervisionRequired')!.attachedToRef.id).to.equal('SubProcess_Rectification');
  });

  it('feeds the rectification back to the applicant and closes it only after the return visit', () => {
    expect(describeChain(model, followChain(model, 'SubProcess_Rectification', 3))).to.deep.equal(['SubProcess', 'evaluation-feedback', 'UserTask', 'EndEvent']);
    const visit = model.elements.get('Task_ReturnVisit')!;
    expect(extension(visit, 'zeebe:FormDefinition')!.formId).to.equal('evaluation-return-visit');
    expect(extension(visit, 'zeebe:IoMapping')!.outputParameters.map((output: { source: string; target: string }) => [output.target, output.source])).to.deep.include(['rectificationStatus', '="closed"']);
  });
});

describe('the service processes open a 好差评 when they end', () => {
  const ends: Array<[string, string[], string, string]> = [
    ['enterprise-opening', ['End_Completed', 'End_Rejected'], '=applicant', '=if jurisdiction = null then "market-regulation" else "market-regulation-" + jurisdiction'],
    ['medical-insurance-transfer', ['End_Completed', 'End_Rejected'], '=insured', '=if jurisdiction = null then "medical-insurance" else "medical-insurance-" + jurisdiction'],
    ['talent-card', ['End_CardIssued', 'End_Rejected'], '=talent', '="hrss"'],
    ['real-estate-registration', ['End_Registered', 'End_Rejected'], '=applicant', '=registrationCentre'],
  ];
  for (const [processId, endIds, evaluator, department] of ends) {
    it(`${processId}: ${endIds.join(' and ')} are message end events that publish service-completed with the applicant and the responsible department`, async () => {
      const model = await parseModel(processId);
      for (const id of endIds) {
        const end = model.elements.get(id)!;
        expect(end.eventDefinitions[0].$type, id).to.equal('bpmn:MessageEventDefinition');
        expect(jobType(end), id).to.equal('evaluation-request');
        expect(inputs(end), id).to.include({ evaluator, serviceProcess: `="${processId}"`, responsibleDepartment: department });
      }
    });
  }
});
