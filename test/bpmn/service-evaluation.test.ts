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
  // Every end that gives the applicant a decision is rated; a 补正 never ends a case, so it never asks for one.
  const talent = '=talent';
  const enterprise = '={name: applicant.name, idNumber: applicant.uscc}';
  const ends: Array<[string, Record<string, string>, string]> = [
    ['enterprise-opening', { End_Completed: '=if jurisdiction = null then "market-regulation" else "market-regulation-" + jurisdiction', End_Rejected: '=if jurisdiction = null then "market-regulation" else "market-regulation-" + jurisdiction' }, '=applicant'],
    ['medical-insurance-transfer', { End_Completed: '=if jurisdiction = null then "medical-insurance" else "medical-insurance-" + jurisdiction', End_Rejected: '=if jurisdiction = null then "medical-insurance" else "medical-insurance-" + jurisdiction' }, '=insured'],
    ['talent-card', { End_CardIssued: '="hrss"', End_Rejected: '="hrss"' }, talent],
    ['real-estate-registration', { End_Registered: '=registrationCentre', End_Rejected: '=registrationCentre' }, '=applicant'],
    // The lead department of the stage that refused, or of the last stage for an approved project (PROPOSED).
    ['engineering-approval', { End_Approved: '=leadDepartments.stage4', End_RejectedCaseStage1: '=leadDepartments.stage1', End_RejectedCaseStage2: '=leadDepartments.stage2', End_RejectedCaseStage3: '=leadDepartments.stage3' }, enterprise],
    // A return by the competent department ends the case too: it is that department's decision.
    ['talent-staffing', { End_Included: '="staffing-office"', End_Refused: '="staffing-office"', End_Returned: '=competentDepartment' }, talent],
    ['talent-schooling', { End_Enrolled: '="education"', End_Refused: '="education"' }, talent],
  ];
  for (const [processId, departments, evaluator] of ends) {
    it(`${processId}: ${Object.keys(departments).join(', ')} are message end events that publish service-completed with the applicant and the responsible department`, async () => {
      const model = await parseModel(processId);
      for (const [id, department] of Object.entries(departments)) {
        const end = model.elements.get(id)!;
        expect(end.eventDefinitions[0].$type, id).to.equal('bpmn:MessageEventDefinition');
        expect(jobType(end), id).to.equal('evaluation-request');
        expect(inputs(end), id).to.include({ evaluator, serviceProcess: `="${processId}"`, responsibleDepartment: department });
      }
    });

    it(`${processId}: its other top-level end events close a 督办, never the case, so no finished case goes unrated`, async () => {
      const model = await parseModel(processId);
      const rootEnds = [...model.elements.values()].filter((element) => element.$type === 'bpmn:EndEvent' && element.$parent?.$type === 'bpmn:Process');
      const unrated = rootEnds.filter((end) => !(end.id in departments)).map((end) => end.id);
      // Ends inside sub-processes finish a stage or a clock; at the top level only the 督办 tasks' ends may stay plain.
      for (const id of unrated) expect(id, `${processId} ends at ${id} without a 好差评`).to.match(/Supervised$|^End_(Stage|Case)Red/);
    });
  }
});
