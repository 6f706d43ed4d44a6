import { expect } from 'chai';
import {
  deadlineStarts,
  describeChain,
  extension,
  followChain,
  inputs,
  lightsByHost,
  next,
  outputs,
  parseModel,
  itPassesTheCommonServiceModelChecks,
  type ParsedModel,
} from './service-model-checks';

describe('bpmn/enterprise-opening.bpmn', () => {
  let model: ParsedModel;
  before(async () => {
    model = await parseModel('enterprise-opening');
  });

  itPassesTheCommonServiceModelChecks('enterprise-opening', () => model);

  it('starts from the single 一窗通 application form', () => {
    expect(extension(model.elements.get('StartEvent_ApplicationSubmitted')!, 'zeebe:FormDefinition')!.formId).to.equal('enterprise-application');
  });

  it('decides the limits by jurisdiction after material guidance and starts every clock from that decision (case, Link A and B in working days, seals and tax in office hours)', () => {
    const starts = deadlineStarts(model);
    expect(Object.fromEntries([...starts].map(([name, mapped]) => [name, mapped.limitWorkingDays ?? `${mapped.limitWorkingHours} (office hours)`]))).to.deep.equal({
      case: '=timeLimits.caseDays',
      linkA: '=timeLimits.linkADays',
      linkB: '=timeLimits.linkBDays',
      seal: '=timeLimits.sealHours (office hours)',
      tax: '=timeLimits.taxHours (office hours)',
    });
    expect(extension(model.elements.get('Task_DecideTimeLimits')!, 'zeebe:CalledDecision')).to.deep.include({ decisionId: 'enterprise-opening-time-limits', resultVariable: 'timeLimits' });
    expect(next(model, 'Gateway_MaterialsComplete').find((flow) => flow.target === 'Task_DecideTimeLimits')!.condition).to.equal('=materialsComplete = true');
    expect(next(model, 'Task_DecideTimeLimits').map((flow) => flow.target)).to.deep.equal(['Task_DecideSmartApproval']);
    expect(next(model, 'Task_DecideSmartApproval').map((flow) => flow.target)).to.deep.equal(['Task_StartCaseDeadline']);
    expect(describeChain(model, followChain(model, 'Task_NotifyMaterialCorrection', 2))).to.deep.equal([
      'enterprise-correction-notice',
      'IntermediateCatchEvent',
      'ExclusiveGateway',
    ]);
  });

  it('lights yellow and red on the case, both links, seal carving and tax without interrupting them', () => {
    const lights = lightsByHost(model);
    expect(Object.fromEntries([...lights].map(([host, light]) => [host, light.deadline]))).to.deep.equal({
      SubProcess_Case: 'case',
      SubProcess_LinkA: 'linkA',
      SubProcess_LinkB: 'linkB',
      SubProcess_SealCarving: 'seal',
      SubProcess_TaxPackage: 'tax',
    });
    expect(describeChain(model, followChain(model, 'Timer_Case_Red', 5))).to.deep.equal([
      'IntermediateCatchEvent',
      'light-notify =deadline_case',
      'supervision-record =deadline_case',
      'EndEvent',
    ]);
    expect(describeChain(model, followChain(model, 'Boundary_Case_SupervisionRequired', 2))).to.deep.equal(['BoundaryEvent', 'UserTask', 'EndEvent']);
  });

  it('sends the seal carving’s and the tax package’s lights and 督办 to the public security and tax office of the enterprise’s location', () => {
    const offices: Array<[string, string, string]> = [
      ['SealCarving', 'sealAuthority', '=if jurisdiction = null then "public-security" else "public-security-" + jurisdiction'],
      ['TaxPackage', 'taxOffice', '=if jurisdiction = null then "tax" else "tax-" + jurisdiction'],
    ];
    for (const [step, variable, source] of offices) {
      expect(extension(model.elements.get(`SubProcess_${step}`)!, 'zeebe:IoMapping')!.inputParameters[0], step).to.deep.include({ target: variable, source });
      for (const notify of [`Task_${step}_NotifyYellow`, `Task_${step}_NotifyRed`]) expect(inputs(model.elements.get(notify)!).recipientGroup, notify).to.equal(`=${variable}`);
      const record = model.elements.get(`Task_${step}_SupervisionRecord`)!;
      expect(inputs(record).department, step).to.equal(`=${variable}`);
      // The 督办 task at the top level takes its group from this output (department + "-supervisors").
      expect(outputs(record).supervisionDepartment, step).to.equal(`=${variable}`);
    }
  });

  it('sends link A to the registration authority of the enterprise’s location and the window work to the accepting place (全域通办)', () => {
    const authority = extension(model.elements.get('SubProcess_LinkA')!, 'zeebe:IoMapping')!.inputParameters[0];
    expect(authority).to.deep.include({ target: 'registrationAuthority', source: '=if jurisdiction = null then "market-regulation" else "market-regulation-" + jurisdiction' });
    expect(extension(model.elements.get('Task_RegistrationReview')!, 'zeebe:AssignmentDefinition')!.candidateGroups).to.equal('=registrationAuthority');
    const window = extension(model.elements.get('SubProcess_Case')!, 'zeebe:IoMapping')!.inputParameters[0];
    expect(window.target).to.equal('window');
    expect(window.source).to.contain('acceptingJurisdiction');
    for (const task of ['Task_MaterialGuidance', 'Task_WindowPickup']) {
      expect(extension(model.elements.get(task)!, 'zeebe:AssignmentDefinition')!.candidateGroups, task).to.equal('=department');
    }
  });

  it('lets smart approval issue the licence for eligible entity types and sends the rest to registration review', () => {
    expect(next(model, 'Gateway_SmartApproval')).to.deep.include({ target: 'Task_SmartApproval', condition: '=smartApprovalEligible = true', flow: 'Flow_SmartApprovalEligible' });
    expect(model.elements.get('Gateway_SmartApproval')!.default.targetRef.id).to.equal('Gateway_ReviewMerge');
    // Who qualifies is the decision table, called before the clocks start.
    expect(extension(model.elements.get('Task_DecideSmartApproval')!, 'zeebe:CalledDecision')).to.include({ decisionId: 'enterprise-smart-approval-rules', resultVariable: 'smartApprovalEligible' });
    expect(next(model, 'Gateway_ReviewDecision').map((flow) => [flow.target, flow.condition])).to.deep.equal([
      ['Gateway_LicenceMerge', undefined],
      ['End_SupplementRequested', '=registrationDecision = "supplement"'],
      ['Task_RefusalApproval', '=registrationDecision = "reject"'],
    ]);
  });

  it('lets no reviewer refuse alone: the registration authority’s supervisors confirm a refusal or return it for another review (窗口无否决权、否决权上移)', () => {
    const approval = model.elements.get('Task_RefusalApproval')!;
    expect(extension(approval, 'zeebe:AssignmentDefinition')!.candidateGroups).to.equal('=registrationAuthority + "-supervisors"');
    expect(extension(approval, 'zeebe:FormDefinition')!.formId).to.equal('refusal-approval');
    expect(next(model, 'Gateway_RefusalConfirmed')).to.deep.include({ target: 'End_RegistrationRejected', condition: '=refusalDecision = "confirm"', flow: 'Flow_RefusalConfirmed' });
    expect(model.elements.get('Gateway_RefusalConfirmed')!.default.targetRef.id).to.equal('Gateway_ReviewMerge');
  });

  it('registers social insurance, medical insurance and housing fund in parallel once the licence and USCC exist', () => {
    expect(describeChain(model, ['Task_IssueLicence', ...next(model, 'Task_IssueLicence').map((flow) => flow.target)])).to.deep.equal([
      'enterprise-issue-licence',
      'ParallelGateway',
    ]);
    expect(describeChain(model, next(model, 'Gateway_LinkAFork').map((flow) => flow.target))).to.deep.equal([
      'enterprise-social-insurance-registration',
      'enterprise-medical-insurance-registration',
      'enterprise-housing-fund-registration',
    ]);
  });

  it('carves seals in parallel with the tax package in Link B, beside the bank appointment', () => {
    expect(next(model, 'Gateway_LinkBFork').map((flow) => flow.target)).to.deep.equal(['Task_StartSealDeadline', 'Task_StartTaxDeadline']);
    expect(next(model, 'Gateway_AfterLinkAFork').map((flow) => flow.target)).to.deep.equal(['Task_StartLinkBDeadline', 'Task_BankAppointment']);
  });

  it('pauses the case and Link A clocks while the applicant supplements, then re-enters the case', () => {
    expect(describeChain(model, followChain(model, 'Boundary_SupplementRequested', 8))).to.deep.equal([
      'BoundaryEvent',
      'deadline-pause =deadline_case',
      'deadline-pause =deadline_linkA',
      'enterprise-correction-notice',
      'IntermediateCatchEvent',
      'deadline-resume =deadline_case',
      'deadline-resume =deadline_linkA',
      'ExclusiveGateway',
      'SubProcess',
    ]);
  });

  it('mails the results inside the 1-WD case clock, and stops the clock when they can be collected at the window', () => {
    expect(next(model, 'Gateway_DeliveryMode')).to.deep.include({ target: 'Task_FreeMailing', condition: '=deliveryMode = "mail"', flow: 'Flow_FreeMailing' });
    expect(model.elements.get('Gateway_DeliveryMode')!.default.targetRef.id).to.equal('Gateway_DeliveryMerge');
    expect(model.elements.get('Task_FreeMailing')!.$parent.id).to.equal('SubProcess_Case');
  });

  it('tracks window pickup after the case sub-process, outside every clock and without lights (the applicant decides when to come)', () => {
    const pickup = model.elements.get('Task_WindowPickup')!;
    expect(pickup.$parent.id).to.equal('enterprise-opening');
    expect(describeChain(model, followChain(model, 'SubProcess_Case', 4))).to.deep.equal(['SubProcess', 'enterprise-notify-result', 'ExclusiveGateway']);
    expect(followChain(model, 'Task_WindowPickup', 2)).to.deep.equal(['Task_WindowPickup', 'Gateway_PickupMerge', 'End_Completed']);
    expect(next(model, 'Gateway_PickupRequired')).to.deep.include({ target: 'Gateway_PickupMerge', condition: '=deliveryMode = "mail"', flow: 'Flow_AlreadyMailed' });
    expect(model.elements.get('Gateway_PickupRequired')!.default.targetRef.id).to.equal('Task_WindowPickup');
    expect([...model.elements.values()].filter((element) => element.$type === 'bpmn:BoundaryEvent' && element.attachedToRef.id === 'Task_WindowPickup')).to.deep.equal([]);
  });

  it('hands the 督办 of a nested step (Link A, Link B, seals, tax) to the top level by escalation, so supervision never holds up the work', () => {
    for (const step of ['LinkA', 'LinkB', 'SealCarving', 'TaxPackage']) {
      expect(describeChain(model, followChain(model, `Timer_${step}_Red`, 4)), step).to.deep.equal([
        'IntermediateCatchEvent',
        `light-notify =deadline_${{ LinkA: 'linkA', LinkB: 'linkB', SealCarving: 'seal', TaxPackage: 'tax' }[step]}`,
        `supervision-record =deadline_${{ LinkA: 'linkA', LinkB: 'linkB', SealCarving: 'seal', TaxPackage: 'tax' }[step]}`,
        'EndEvent',
      ]);
      expect(model.elements.get(`End_${step}_Escalated`)!.eventDefinitions[0].escalationRef.escalationCode).to.equal('SUPERVISION_REQUIRED');
    }
    const catcher = model.elements.get('Boundary_Case_SupervisionRequired')!;
    expect(catcher.attachedToRef.id).to.equal('SubProcess_Case');
    expect(catcher.cancelActivity).to.equal(false);
    expect(next(model, 'Boundary_Case_SupervisionRequired').map((flow) => flow.target)).to.deep.equal(['Task_Case_SuperviseStep']);
  });
});
