import { expect } from 'chai';
import {
  deadlineStarts,
  describeChain,
  extension,
  followChain,
  jobType,
  lightsByHost,
  next,
  ofType,
  parseModel,
  itPassesTheCommonServiceModelChecks,
  type ParsedModel,
} from './service-model-checks';

describe('bpmn/medical-insurance-transfer.bpmn', () => {
  let model: ParsedModel;
  before(async () => {
    model = await parseModel('medical-insurance-transfer');
  });

  itPassesTheCommonServiceModelChecks('medical-insurance-transfer', () => model);

  it('takes the case limit (15 working days province-wide, not the national 45) and its 2 + 8 + 5 split from the time-limit decision, each with lights', () => {
    expect(Object.fromEntries([...deadlineStarts(model)].map(([name, mapped]) => [name, mapped.limitWorkingDays]))).to.deep.equal({
      case: '=timeLimits.caseDays',
      initiation: '=timeLimits.initiationDays',
      transferOut: '=timeLimits.transferOutDays',
      transferIn: '=timeLimits.transferInDays',
    });
    expect(extension(model.elements.get('Task_DecideTimeLimits')!, 'zeebe:CalledDecision')).to.deep.include({ decisionId: 'medical-insurance-time-limits', resultVariable: 'timeLimits' });
    expect(followChain(model, 'Task_RegisterApplication', 2)).to.deep.equal(['Task_RegisterApplication', 'Task_DecideTimeLimits', 'Task_StartCaseDeadline']);
    expect([...lightsByHost(model).keys()].sort()).to.deep.equal(['SubProcess_Case', 'SubProcess_Initiation', 'SubProcess_TransferIn', 'SubProcess_TransferOut']);
    expect(model.process.documentation[0].text).to.contain('national limit is 45 WD');
  });

  it('checks enrolment, then requests the transfer on the platform; the transfer-out agency closes, certifies and transfers', () => {
    expect(describeChain(model, followChain(model, 'StartEvent_Initiation', 3))).to.deep.equal(['StartEvent', 'medical-insurance-check-enrolment', 'ExclusiveGateway', 'UserTask']);
    expect(next(model, 'Gateway_ReviewDecision').map((flow) => flow.target)).to.deep.equal(['Task_RequestTransfer', 'End_CorrectionNeeded', 'Task_RefusalApprovalInitiation']);
    expect(describeChain(model, followChain(model, 'Task_CloseParticipation', 1))).to.deep.equal([
      'medical-insurance-close-participation',
      'medical-insurance-transfer-account',
    ]);
    expect(describeChain(model, followChain(model, 'Task_MergeContributions', 1))).to.deep.equal([
      'medical-insurance-merge-contributions',
      'medical-insurance-notify-insured',
    ]);
  });

  it('pauses the case and initiation clocks on a data discrepancy until the insured corrects', () => {
    expect(describeChain(model, followChain(model, 'Boundary_CorrectionNeeded', 8))).to.deep.equal([
      'BoundaryEvent',
      'deadline-pause =deadline_case',
      'deadline-pause =deadline_initiation',
      'medical-insurance-correction-notice',
      'IntermediateCatchEvent',
      'deadline-resume =deadline_case',
      'deadline-resume =deadline_initiation',
      'ExclusiveGateway',
      'SubProcess',
    ]);
  });

  it('rejects with reasons when the insured is not enrolled or the transfer-out agency refuses', () => {
    const notEligible = ofType(model, 'bpmn:EndEvent').filter((end) => end.eventDefinitions?.[0]?.errorRef?.errorCode === 'MI_NOT_ELIGIBLE');
    expect(notEligible.map((end) => end.id).sort()).to.deep.equal(['End_NotEligible', 'End_TransferOutRefused']);
    expect(describeChain(model, followChain(model, 'Boundary_NotEligible', 2))).to.deep.equal(['BoundaryEvent', 'medical-insurance-notify-insured', 'EndEvent']);
  });

  it('mails nothing: no task sends paper', () => {
    expect(ofType(model, 'bpmn:ServiceTask').map(jobType).filter((type) => /mail|post/.test(type))).to.deep.equal([]);
  });

  it('hands the 督办 of an overdue stage to the top level by escalation, so supervision never holds up the transfer', () => {
    for (const stage of ['Initiation', 'TransferOut', 'TransferIn']) {
      const chain = followChain(model, `Timer_${stage}_Red`, 3);
      expect(model.elements.get(chain[3]!)!.eventDefinitions[0].escalationRef.escalationCode, stage).to.equal('SUPERVISION_REQUIRED');
    }
    expect(next(model, 'Boundary_Case_SupervisionRequired').map((flow) => flow.target)).to.deep.equal(['Task_Case_SuperviseStep']);
  });
});

describe('the 亮灯 clock of bpmn/medical-insurance-transfer.bpmn', () => {
  let model: ParsedModel;
  before(async () => {
    model = await parseModel('medical-insurance-transfer');
  });

  it('runs beside the work of each timed step and stops when the work ends', () => {
    for (const step of ['Case', 'Initiation', 'TransferOut', 'TransferIn']) {
      const clock = model.elements.get(`SubProcess_${step}_Clock`)!;
      expect(clock.$parent.id, step).to.equal(`SubProcess_${step}`);
      expect(next(model, `Gateway_${step}_Clock`).map((flow) => flow.target)).to.deep.equal([`SubProcess_${step}_Clock`]);
    }
    const ends = ofType(model, 'bpmn:EndEvent').filter((end) => ['End_Case', 'End_Initiated', 'End_TransferOut', 'End_TransferIn'].includes(end.id));
    expect(ends.map((end) => end.eventDefinitions[0].$type)).to.deep.equal(Array(4).fill('bpmn:TerminateEventDefinition'));
  });

  it('catches calendar-updated without interrupting, recomputes and re-arms the timers only when the deadline moved', () => {
    const start = model.elements.get('StartEvent_Case_CalendarUpdated')!;
    expect(start.isInterrupting).to.equal(false);
    expect(start.eventDefinitions[0].signalRef.name).to.equal('calendar-updated');
    expect(start.$parent.triggeredByEvent).to.equal(true);
    expect(describeChain(model, followChain(model, 'StartEvent_Case_CalendarUpdated', 2))).to.deep.equal(['StartEvent', 'deadline-recompute =deadline_case', 'ExclusiveGateway']);
    expect(next(model, 'Gateway_Case_Moved')).to.deep.include({ target: 'End_Case_Rearm', condition: '=deadlineMoved = true', flow: 'Flow_Case_Moved' });
    const rearm = model.elements.get('Boundary_Case_Rearm')!;
    expect([rearm.attachedToRef.id, rearm.cancelActivity, rearm.eventDefinitions[0].errorRef.errorCode]).to.deep.equal(['SubProcess_Case_Clock', true, 'DEADLINE_REARM']);
    expect(next(model, 'Boundary_Case_Rearm').map((flow) => flow.target)).to.deep.equal(['Gateway_Case_Clock']);
  });

  it('routes the case and its transfer-in steps to the new place’s agency and the transfer-out step to the old place’s, province-wide without a jurisdiction', () => {
    const agency = (id: string) => extension(model.elements.get(id)!, 'zeebe:IoMapping')!.inputParameters.find((input: { target: string }) => input.target === 'agency')!.source;
    expect(agency('SubProcess_Case')).to.equal('=if jurisdiction = null then "medical-insurance" else "medical-insurance-" + jurisdiction');
    expect(agency('SubProcess_TransferOut')).to.equal('=if transferOutJurisdiction = null then "medical-insurance" else "medical-insurance-" + transferOutJurisdiction');
    for (const task of ['Task_ReviewApplication', 'Task_TransferOutVerification']) {
      expect(extension(model.elements.get(task)!, 'zeebe:AssignmentDefinition')!.candidateGroups, task).to.equal('=agency');
    }
  });

  it('lets no clerk refuse alone: the agency’s supervisors confirm a proposed refusal or return it to the review (窗口无否决权)', () => {
    const approval = model.elements.get('Task_RefusalApprovalInitiation')!;
    expect(extension(approval, 'zeebe:AssignmentDefinition')!.candidateGroups).to.equal('=agency + "-supervisors"');
    expect(next(model, 'Gateway_ReviewDecision').find((flow) => flow.flow === 'Flow_NotEligible')!.target).to.equal('Task_RefusalApprovalInitiation');
    expect(next(model, 'Gateway_RefusalConfirmedInitiation')).to.deep.include({ target: 'End_NotEligible', condition: '=refusalDecision = "confirm"', flow: 'Flow_RefusalConfirmedInitiation' });
    expect(model.elements.get('Gateway_RefusalConfirmedInitiation')!.default.targetRef.id).to.equal('Gateway_ReviewMerge');
  });
});
