/**
 * `enterprise-opening` (企业开办 "全程网办"): one form, material guidance, then Link A (licence + social
 * insurance + medical insurance + housing fund, 0.5 WD) and Link B (seal carving 2 h ∥ tax 2 h, 0.5 WD),
 * bank appointment, pickup or free mailing; the whole case within 1 working day (processes.md §2).
 */
import { ModelBuilder } from './builder';
import { addLights, addSupervisionCatcher, pauseDeadline, resumeDeadline, SUPERVISION_ESCALATION, startDeadline } from './deadline-pattern';

export function enterpriseOpening(): ModelBuilder {
  const model = new ModelBuilder(
    'enterprise-opening',
    '企业开办',
    'Enterprise opening (企业开办 "全程网办"): the applicant fills ONE form in the 一窗通 system. Material guidance and ' +
      'pre-check (补正 with a one-time notice, 一次性告知) is not timed; the limits apply after it. Then the whole case has ' +
      '1 working day (deadline "case") and Link A 0.5 WD (deadline "linkA": registration, e-licence + USCC, social ' +
      'insurance, medical insurance, housing fund). Smart approval (智能审批) completes the licence automatically for ' +
      'natural-person LLCs, individual businesses, sole proprietorships and branches. Link B (deadline "linkB", 0.5 WD): ' +
      'seal carving (2 office hours) in parallel with the new-taxpayer package (2 office hours); the bank-account ' +
      'appointment goes to the chosen branch in parallel. Results are picked up at the unified window or mailed free ' +
      'of charge. A registration supplement request pauses the case and Link A clocks while the applicant corrects.',
  )
    .message('correction-submitted', '=caseId')
    .error('REGISTRATION_SUPPLEMENT', '登记补正')
    .error('REGISTRATION_REJECTED', '不予登记')
    .escalation(SUPERVISION_ESCALATION, '环节超时提请督办');

  const p = model.process;
  p.start('StartEvent_ApplicationSubmitted', '提交企业开办申请', {
    formId: 'enterprise-application',
    documentation: 'The applicant submits the single 一窗通 form (licence, insurance, housing fund, seals, tax, bank).',
  })
    .service('Task_RegisterApplication', '登记申请', 'enterprise-register-application', {
      documentation: 'Validates the application, assigns caseId and caseTitle, records submittedAt and decides smartApprovalEligible.',
      inputs: [['receivedAt', '=now()']],
    })
    .xor('Gateway_MaterialsMerge', '')
    .user('Task_MaterialGuidance', '材料指导与预审', {
      documentation: 'A window officer guides the applicant and pre-checks the materials; missing items go into one notice.',
      formId: 'enterprise-material-guidance',
      candidateGroups: 'approval-service',
      inputs: [['department', '="approval-service"']],
    })
    .xor('Gateway_MaterialsComplete', '材料齐全？', { defaultFlow: 'Flow_MaterialsIncomplete' })
    .service('Task_NotifyMaterialCorrection', '一次性告知补正材料', 'enterprise-correction-notice', {
      documentation: 'Sends the one-time notice (一次性告知) of every missing or incorrect material to the applicant.',
      inputs: [['notice', '=correctionNotice'], ['stage', '="material-guidance"'], ['sentAt', '=now()']],
    })
    .messageCatch('Event_MaterialCorrectionSubmitted', '申请人提交补正材料', 'correction-submitted', {
      documentation: 'Waits for the corrected materials (message correction-submitted, correlation key caseId). Not timed.',
    });
  startDeadline(p, 'Task_StartCaseDeadline', '启动办结时限（1个工作日）', 'case', { workingDays: 1 }, [['acceptedAt', '=deadline.startedAt']]);
  startDeadline(p, 'Task_StartLinkADeadline', '启动环节一时限（0.5个工作日）', 'linkA', { workingDays: 0.5 });
  p.xor('Gateway_CaseMerge', '');

  p.sub('SubProcess_Case', '企业开办（1个工作日内办结）', (c) => {
    c.start('StartEvent_Case', '开始办理');
    c.sub('SubProcess_LinkA', '环节一：执照、社保、医保、公积金（0.5个工作日）', (a) => {
      a.start('StartEvent_LinkA', '环节一开始')
        .xor('Gateway_SmartApproval', '适用智能审批？', { defaultFlow: 'Flow_ManualReview' })
        .service('Task_SmartApproval', '智能审批', 'enterprise-smart-approval', {
          documentation: 'The licence registry checks the application automatically (paperless, 无纸化).',
        })
        .xor('Gateway_SmartApprovalPassed', '自动核准通过？', { defaultFlow: 'Flow_SmartApprovalFallback' })
        .xor('Gateway_ReviewMerge', '')
        .user('Task_RegistrationReview', '登记审查', {
          documentation: 'The registration authority reviews the application: approve, request a supplement, or reject with reasons.',
          formId: 'enterprise-registration-review',
          candidateGroups: 'market-regulation',
          inputs: [['department', '="market-regulation"']],
        })
        .xor('Gateway_ReviewDecision', '审查结论', { defaultFlow: 'Flow_ReviewApproved' })
        .end('End_SupplementRequested', '需补正', { errorCode: 'REGISTRATION_SUPPLEMENT' })
        .end('End_RegistrationRejected', '不予登记', { errorCode: 'REGISTRATION_REJECTED' })
        .xor('Gateway_LicenceMerge', '')
        .service('Task_IssueLicence', '生成电子营业执照和统一社会信用代码', 'enterprise-issue-licence', {
          documentation: 'Generates the electronic business licence and the unified social credit code (USCC).',
          inputs: [['issuedAt', '=now()']],
        })
        .and('Gateway_LinkAFork', '')
        .service('Task_SocialInsuranceRegistration', '社保登记（即时办理）', 'enterprise-social-insurance-registration', {
          documentation: 'Social-insurance, employment registration and labour filing through one entry, handled immediately.',
        })
        .service('Task_MedicalInsuranceRegistration', '医保登记（即时办理）', 'enterprise-medical-insurance-registration', {
          documentation: 'Medical-insurance registration, handled immediately on the pushed data.',
        })
        .service('Task_HousingFundRegistration', '住房公积金开户登记（即时办理）', 'enterprise-housing-fund-registration', {
          documentation: 'Housing-provident-fund account registration at the city centre, handled immediately.',
        })
        .and('Gateway_LinkAJoin', '')
        .end('End_LinkA', '环节一完成')
        .chain('StartEvent_LinkA', 'Gateway_SmartApproval')
        .flow('Flow_SmartApprovalEligible', 'Gateway_SmartApproval', 'Task_SmartApproval', { name: '是', condition: '=smartApprovalEligible = true' })
        .flow('Flow_ManualReview', 'Gateway_SmartApproval', 'Gateway_ReviewMerge', { name: '否' })
        .chain('Task_SmartApproval', 'Gateway_SmartApprovalPassed')
        .flow('Flow_SmartApprovalPassed', 'Gateway_SmartApprovalPassed', 'Gateway_LicenceMerge', { name: '通过', condition: '=smartApprovalPassed = true' })
        .flow('Flow_SmartApprovalFallback', 'Gateway_SmartApprovalPassed', 'Gateway_ReviewMerge', { name: '转人工' })
        .chain('Gateway_ReviewMerge', 'Task_RegistrationReview', 'Gateway_ReviewDecision')
        .flow('Flow_ReviewApproved', 'Gateway_ReviewDecision', 'Gateway_LicenceMerge', { name: '核准' })
        .flow('Flow_ReviewSupplement', 'Gateway_ReviewDecision', 'End_SupplementRequested', {
          name: '补正',
          condition: '=registrationDecision = "supplement"',
        })
        .flow('Flow_ReviewRejected', 'Gateway_ReviewDecision', 'End_RegistrationRejected', { name: '驳回', condition: '=registrationDecision = "reject"' })
        .chain('Gateway_LicenceMerge', 'Task_IssueLicence', 'Gateway_LinkAFork')
        .chain('Gateway_LinkAFork', 'Task_SocialInsuranceRegistration', 'Gateway_LinkAJoin')
        .chain('Gateway_LinkAFork', 'Task_MedicalInsuranceRegistration', 'Gateway_LinkAJoin')
        .chain('Gateway_LinkAFork', 'Task_HousingFundRegistration', 'Gateway_LinkAJoin')
        .chain('Gateway_LinkAJoin', 'End_LinkA');
    });
    addLights(c, { host: 'SubProcess_LinkA', deadlineName: 'linkA', department: 'market-regulation', step: '环节一', nested: true });
    c.and('Gateway_AfterLinkAFork', '');
    startDeadline(c, 'Task_StartLinkBDeadline', '启动环节二时限（0.5个工作日）', 'linkB', { workingDays: 0.5 });
    c.sub('SubProcess_LinkB', '环节二：印章刻制、涉税办理（0.5个工作日）', (b) => {
      b.start('StartEvent_LinkB', '环节二开始').and('Gateway_LinkBFork', '');
      startDeadline(b, 'Task_StartSealDeadline', '启动刻章时限（2小时）', 'seal', { workingHours: 2 });
      b.sub('SubProcess_SealCarving', '印章刻制（2小时）', (s) => {
        s.start('StartEvent_Seal', '开始刻章')
          .service('Task_SealCarving', '派发刻章任务并送达出件窗口', 'enterprise-seal-carving', {
            documentation: 'Dispatches the free set of four seals to a carving institution, which delivers them to the pickup window.',
          })
          .end('End_Seal', '印章已送达')
          .chain('StartEvent_Seal', 'Task_SealCarving', 'End_Seal');
      });
      addLights(b, { host: 'SubProcess_SealCarving', deadlineName: 'seal', department: 'public-security', step: '印章刻制', nested: true });
      startDeadline(b, 'Task_StartTaxDeadline', '启动涉税时限（2小时）', 'tax', { workingHours: 2 });
      b.sub('SubProcess_TaxPackage', '新办纳税人套餐（2小时）', (t) => {
        t.start('StartEvent_Tax', '开始涉税办理')
          .service('Task_NewTaxpayerPackage', '新办纳税人套餐服务', 'enterprise-new-taxpayer-package', {
            documentation: 'Tax registration, invoices and tax-control equipment delivered to the pickup window.',
          })
          .end('End_Tax', '发票及税控设备已送达')
          .chain('StartEvent_Tax', 'Task_NewTaxpayerPackage', 'End_Tax');
      });
      addLights(b, { host: 'SubProcess_TaxPackage', deadlineName: 'tax', department: 'tax', step: '涉税办理', nested: true });
      b.and('Gateway_LinkBJoin', '')
        .end('End_LinkB', '环节二完成')
        .chain('StartEvent_LinkB', 'Gateway_LinkBFork')
        .chain('Gateway_LinkBFork', 'Task_StartSealDeadline', 'SubProcess_SealCarving', 'Gateway_LinkBJoin')
        .chain('Gateway_LinkBFork', 'Task_StartTaxDeadline', 'SubProcess_TaxPackage', 'Gateway_LinkBJoin')
        .chain('Gateway_LinkBJoin', 'End_LinkB');
    });
    addLights(c, { host: 'SubProcess_LinkB', deadlineName: 'linkB', department: 'approval-service', step: '环节二', nested: true });
    c.service('Task_BankAppointment', '银行开户预约', 'enterprise-bank-appointment', {
      documentation: 'Sends the online account-opening appointment to the bank branch the applicant chose.',
    })
      .and('Gateway_AfterLinkBJoin', '')
      .xor('Gateway_DeliveryMode', '领取方式', { defaultFlow: 'Flow_WindowPickup' })
      .user('Task_WindowPickup', '统一出件窗口领取', {
        documentation: 'The unified pickup window hands over licence, seals, invoices and tax-control equipment.',
        formId: 'enterprise-window-pickup',
        candidateGroups: 'approval-service',
        inputs: [['department', '="approval-service"']],
      })
      .service('Task_FreeMailing', '免费寄递', 'enterprise-free-mailing', {
        documentation: 'Mails the licence, seals, invoices and tax-control equipment free of charge to the mailing address.',
      })
      .xor('Gateway_DeliveryMerge', '')
      .end('End_Case', '证照已交付')
      .chain('StartEvent_Case', 'SubProcess_LinkA', 'Gateway_AfterLinkAFork')
      .chain('Gateway_AfterLinkAFork', 'Task_StartLinkBDeadline', 'SubProcess_LinkB', 'Gateway_AfterLinkBJoin')
      .chain('Gateway_AfterLinkAFork', 'Task_BankAppointment', 'Gateway_AfterLinkBJoin')
      .chain('Gateway_AfterLinkBJoin', 'Gateway_DeliveryMode')
      .flow('Flow_FreeMailing', 'Gateway_DeliveryMode', 'Task_FreeMailing', { name: '免费寄递', condition: '=deliveryMode = "mail"' })
      .flow('Flow_WindowPickup', 'Gateway_DeliveryMode', 'Task_WindowPickup', { name: '窗口领取' })
      .chain('Task_FreeMailing', 'Gateway_DeliveryMerge')
      .chain('Task_WindowPickup', 'Gateway_DeliveryMerge', 'End_Case');
  });
  addLights(p, { host: 'SubProcess_Case', deadlineName: 'case', department: 'approval-service', step: '企业开办' });
  addSupervisionCatcher(p, 'SubProcess_Case');

  p.errorBoundary('Boundary_SupplementRequested', '需补正', 'SubProcess_Case', 'REGISTRATION_SUPPLEMENT', {
    documentation: 'The registration review asked for a supplement: the clocks pause while the applicant corrects.',
  });
  pauseDeadline(p, 'Task_PauseCaseDeadline', '暂停办结时限', 'case');
  pauseDeadline(p, 'Task_PauseLinkADeadline', '暂停环节一时限', 'linkA');
  p.service('Task_NotifyRegistrationCorrection', '一次性告知补正内容', 'enterprise-correction-notice', {
    documentation: 'Sends the registration authority’s one-time supplement notice to the applicant.',
    inputs: [['notice', '=supplementNotice'], ['stage', '="registration-review"'], ['sentAt', '=now()']],
  }).messageCatch('Event_RegistrationCorrectionSubmitted', '申请人提交补正', 'correction-submitted', {
    documentation: 'Waits for the applicant’s correction (message correction-submitted, correlation key caseId); the clocks are paused.',
  });
  resumeDeadline(p, 'Task_ResumeCaseDeadline', '恢复办结时限', 'case');
  resumeDeadline(p, 'Task_ResumeLinkADeadline', '恢复环节一时限', 'linkA');
  p.errorBoundary('Boundary_Rejected', '不予登记', 'SubProcess_Case', 'REGISTRATION_REJECTED', {
    documentation: 'The registration authority rejected the application with reasons.',
  })
    .service('Task_NotifyRejection', '告知不予登记理由', 'enterprise-notify-result', {
      documentation: 'Tells the applicant the application was rejected, with the reasons.',
      inputs: [['outcome', '="rejected"'], ['sentAt', '=now()']],
    })
    .end('End_Rejected', '不予登记')
    .service('Task_NotifyCompletion', '反馈办理结果', 'enterprise-notify-result', {
      documentation: 'Feeds the results (licence, USCC, registrations, seals, tax, delivery) back to the applicant.',
      inputs: [['outcome', '="completed"'], ['sentAt', '=now()']],
    })
    .end('End_Completed', '办结');

  p.chain('StartEvent_ApplicationSubmitted', 'Task_RegisterApplication', 'Gateway_MaterialsMerge', 'Task_MaterialGuidance', 'Gateway_MaterialsComplete')
    .flow('Flow_MaterialsComplete', 'Gateway_MaterialsComplete', 'Task_StartCaseDeadline', { name: '齐全', condition: '=materialsComplete = true' })
    .flow('Flow_MaterialsIncomplete', 'Gateway_MaterialsComplete', 'Task_NotifyMaterialCorrection', { name: '需补正' })
    .chain('Task_NotifyMaterialCorrection', 'Event_MaterialCorrectionSubmitted', 'Gateway_MaterialsMerge')
    .chain('Task_StartCaseDeadline', 'Task_StartLinkADeadline', 'Gateway_CaseMerge', 'SubProcess_Case', 'Task_NotifyCompletion', 'End_Completed')
    .chain(
      'Boundary_SupplementRequested',
      'Task_PauseCaseDeadline',
      'Task_PauseLinkADeadline',
      'Task_NotifyRegistrationCorrection',
      'Event_RegistrationCorrectionSubmitted',
      'Task_ResumeCaseDeadline',
      'Task_ResumeLinkADeadline',
      'Gateway_CaseMerge',
    )
    .chain('Boundary_Rejected', 'Task_NotifyRejection', 'End_Rejected');
  return model;
}
