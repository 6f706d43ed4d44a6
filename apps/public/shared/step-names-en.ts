/**
 * English names of the demo processes' steps (element names in bpmn/) for the apps' English switch: the task
 * list's and the audit's task names, current steps and history lines. Models name their elements in Chinese;
 * this is their English side, by the Chinese name (the same name means the same step in every model). The
 * 亮灯 families (黄灯提醒：…, 红灯告警：…, …红灯) are composed from their stage's name. A name not known here
 * is shown as the model has it.
 */

/** The stages the 亮灯 families name (黄灯提醒：登记办理, 登记办理红灯, 亮灯计时：登记办理, …). */
const STAGES: Record<string, string> = {
  专家论证: 'expert evaluation',
  企业开办: 'enterprise opening',
  制卡发卡: 'card production',
  医保关系转移接续: 'medical insurance transfer',
  印章刻制: 'seal engraving',
  差评整改: 'rectification',
  服务专员补充材料: "commissioner's supplement",
  涉税办理: 'tax registration',
  环节一: 'step 1',
  环节二: 'step 2',
  登记办理: 'registration',
  省人社厅审核: 'provincial HRSS review',
  编制办理: 'staffing',
  转入地受理: 'acceptance at the new place',
  转入地接续: 'continuation at the new place',
  转出地办理: 'transferring office',
  逐级审核: 'level-by-level review',
  全流程: 'whole process',
  阶段: 'stage',
};

/** Steps by their Chinese name. */
const STEPS: Record<string, string> = {
  // people's steps (user tasks)
  不予办理审批: 'Approve the refusal',
  不予受理审批: 'Approve the non-acceptance',
  不予登记审批: 'Approve the refusal to register',
  不予许可审批: 'Approve the refusal of the permit',
  不予转出审批: 'Approve the refusal to transfer',
  不予颁发审批: 'Approve the refusal to issue',
  专家论证: 'Expert evaluation',
  主管部门初审: 'First review by the competent department',
  受理审查: 'Acceptance review',
  '受理审查（一窗受理）': 'Acceptance review (one window)',
  告知承诺履约核查: 'Check the written commitments',
  学校优先办理入学: 'School enrols with priority',
  差评整改: 'Rectify the poor rating',
  当场核验登簿: 'Verify and register on the spot',
  '当场核验登簿（不计时）': 'Verify and register on the spot (not timed)',
  房产交易审核: 'Housing transaction review',
  教育行政部门审查并提出安排意见: 'Education bureau reviews and proposes a school',
  整改回访: 'Return visit after rectification',
  服务专员补充材料: 'Service commissioner supplies materials',
  本级审核并提交: 'Review at this level and submit',
  材料指导与预审: 'Material guidance and pre-review',
  登记审查: 'Registration review',
  登记审核: 'Registration review',
  省人社厅审核: 'Provincial HRSS review',
  省人社厅论证结论: 'Provincial HRSS evaluation result',
  省委编办审核: 'Staffing office review',
  '督办：第1阶段立项用地规划许可': 'Supervision: stage 1, project and land-use planning permits',
  '督办：第1阶段立项用地规划许可（全流程超时）': 'Supervision: stage 1 (whole process overdue)',
  '督办：第2阶段工程建设许可': 'Supervision: stage 2, construction planning permit',
  '督办：第2阶段工程建设许可（全流程超时）': 'Supervision: stage 2 (whole process overdue)',
  '督办：第3阶段施工许可': 'Supervision: stage 3, construction permit',
  '督办：第3阶段施工许可（全流程超时）': 'Supervision: stage 3 (whole process overdue)',
  '督办：第4阶段竣工验收': 'Supervision: stage 4, completion acceptance',
  '督办：第4阶段竣工验收（全流程超时）': 'Supervision: stage 4 (whole process overdue)',
  '督办：超时办理': 'Supervision: overdue handling',
  '督办：超时环节': 'Supervision: overdue step',
  税费核定: 'Tax assessment',
  统一出件窗口领取: 'Pick-up at the delivery window',
  统一出具验收意见: 'Issue the joint acceptance opinion',
  联合图审: 'Joint drawing review',
  联合验收: 'Joint completion acceptance',
  转入地经办审核: 'Review at the receiving office',
  转出地核对参保信息: 'Transferring office checks the insurance record',
  退回重新审核: 'Returned for review again',
  部门并联审查: 'Parallel review by the departments',
  重新审核决定: 'Decide again',
  // automatic steps the history names
  一次性告知补正事项: 'Notify everything to correct at once',
  一次性告知补正内容: 'Notify everything to correct at once',
  一次性告知补正材料: 'Notify all missing materials at once',
  一窗受理登记: 'Register at the one window',
  '住房公积金开户登记（即时办理）': 'Housing fund account (at once)',
  免费寄递: 'Free delivery by post',
  出具联合验收意见书: 'Issue the joint acceptance letter',
  划转个人账户: 'Transfer the personal account',
  判断是否适用智能审批: 'Check whether smart approval applies',
  制作发放惠才卡: 'Make and issue the talent card',
  医保登记: 'Medical insurance registration',
  '医保登记（即时办理）': 'Medical insurance registration (at once)',
  反馈办理结果: 'Report the result',
  反馈整改结果: 'Report the rectification',
  合并缴费年限并记入个人账户: 'Merge contribution years into the personal account',
  告知不予办理理由: 'Tell the reasons for refusal',
  告知不予安排理由: 'Tell the reasons for no place',
  告知不予登记理由: 'Tell the reasons for not registering',
  告知不予颁发理由: 'Tell the reasons for not issuing',
  告知参保人办理结果: 'Tell the insured person the result',
  告知学校和人才: 'Tell the school and the talent',
  '告知承诺并纳入图纸100%抽查': 'Commitment with 100 % drawing spot check',
  告知未履行承诺事项: 'Tell the unfulfilled commitments',
  告知退回理由: 'Tell the reasons for returning',
  接续完成: 'Continuation done',
  推送申报材料至并联部门: 'Send the application to the parallel departments',
  核发建设工程规划许可证: 'Issue the construction planning permit',
  核发施工许可证: 'Issue the construction permit',
  核发立项用地规划许可文件: 'Issue the project and land-use planning permits',
  核验告知承诺履行情况: 'Verify the written commitments',
  核验转入地参保状态: 'Verify the insurance at the new place',
  汇总审查意见: 'Collect the review opinions',
  汇总验收整改事项: 'Collect the items to rectify',
  派发刻章任务并送达出件窗口: 'Order the seals and send them to the window',
  新办纳税人套餐服务: 'New taxpayer package',
  智能审批: 'Smart approval',
  生成电子营业执照和统一社会信用代码: 'Create the e-licence and the credit code',
  电子监察记录: 'E-supervision record',
  登簿并发放电子证照: 'Register and issue the e-certificate',
  登记告知承诺事项: 'Record the written commitments',
  登记申报并核验惠才卡: 'Register the application and verify the talent card',
  登记申请: 'Register the application',
  登记申请并核验惠才卡: 'Register the application and verify the talent card',
  省级平台发起转移申请: 'Provincial platform starts the transfer',
  确定办理时限: 'Set the time limits',
  确定办结类别和时限: 'Set the category and time limits',
  确定审批事项清单: 'Set the list of approvals',
  确定审批时限: 'Set the approval time limits',
  确定并联审批事项: 'Set the parallel approvals',
  确定牵头部门: 'Set the lead departments',
  确定联合验收事项: 'Set the joint acceptance items',
  确定评价和整改时限: 'Set the evaluation and rectification limits',
  '社保登记（即时办理）': 'Social insurance registration (at once)',
  纳入实名制管理: 'Real-name staffing',
  终止参保并出具电子参保凭证: 'End the insurance and issue the e-certificate',
  计算评价期限: 'Compute the evaluation period',
  记录评价: 'Record the rating',
  通知持卡人: 'Notify the card holder',
  送达不予许可决定: 'Deliver the refusal',
  邀请评价: 'Invite a rating',
  银行开户预约: 'Book the bank account',
  '绿色通道：编制实名制管理': 'Green channel: real-name staffing',
  // starts, stages and ends
  人才提交子女入学申请: "Talent applies for a child's school place",
  人才提交申请: 'Talent applies',
  人才提交补正材料: 'Talent supplies the corrections',
  参保人申请转移接续: 'Insured person applies for the transfer',
  参保人提交补正: 'Insured person supplies the corrections',
  提交企业开办申请: 'Enterprise opening applied for',
  提交立项用地规划许可申请: 'Project and land-use permits applied for',
  申请不动产登记: 'Real-estate registration applied for',
  申请人提交补正: 'Applicant supplies the corrections',
  申请人提交补正材料: 'Applicant supplies the corrections',
  申请人提交评价: 'Applicant rates the service',
  申请人报告承诺已履行: 'Applicant reports the commitments fulfilled',
  用人单位在线申报: 'Employer applies online',
  省直部门报送直接颁发人才: 'Provincial department submits a talent for direct issue',
  收到申请: 'Application received',
  收到转移申请: 'Transfer application received',
  收到差评: 'Poor rating received',
  收到参保凭证: 'Insurance certificate received',
  收到工程建设许可申请: 'Construction planning permit applied for',
  收到施工许可申请: 'Construction permit applied for',
  收到竣工验收申请: 'Completion acceptance applied for',
  '不动产登记办理（一日或五日内办结）': 'Real-estate registration (one or five days)',
  '企业开办（1个工作日内办结）': 'Enterprise opening (one working day)',
  '第1阶段：立项用地规划许可': 'Stage 1: project and land-use planning permits',
  '第2阶段：工程建设许可': 'Stage 2: construction planning permit',
  '第3阶段：施工许可': 'Stage 3: construction permit',
  '第4阶段：竣工验收': 'Stage 4: completion acceptance',
  超时提请督办: 'Overdue: asks for supervision',
  环节超时提请督办: 'Step overdue: asks for supervision',
  期限已重算: 'Deadline recomputed',
  已提醒: 'Reminded',
  已督办: 'Supervised',
  计时结束: 'Clock stopped',
  登记完成: 'Registered',
  办结: 'Done',
  审批办结: 'Approval done',
  不予登记: 'Not registered',
  不予许可: 'Permit refused',
  已颁发: 'Issued',
  已发卡: 'Card issued',
  转移接续完成: 'Transfer done',
  证照可领取或已寄出: 'Licence ready or posted',
};

/** The English name of step `name`, or undefined where none is known. */
export function englishStepName(name: string): string | undefined {
  if (STEPS[name]) return STEPS[name];
  const family = /^(黄灯提醒|红灯告警|电子监察记录|重算期限|亮灯计时)：(.+)$/.exec(name);
  if (family) {
    const stage = STAGES[family[2]] ?? STEPS[family[2]]?.toLowerCase();
    if (!stage) return undefined;
    const kind = { 黄灯提醒: 'Yellow-light reminder', 红灯告警: 'Red-light alert', 电子监察记录: 'E-supervision record', 重算期限: 'Deadline recomputed', 亮灯计时: 'Light clock' }[family[1]];
    return `${kind}: ${stage}`;
  }
  const light = /^(.+?)(亮灯计时|红灯告警|黄灯提醒|红灯|黄灯|超时)$/.exec(name);
  if (light && STAGES[light[1]]) {
    const what = { 亮灯计时: 'light clock', 红灯告警: 'red-light alert', 黄灯提醒: 'yellow-light reminder', 红灯: 'red light', 黄灯: 'yellow light', 超时: 'overdue' }[light[2]];
    const stage = STAGES[light[1]];
    return `${stage.charAt(0).toUpperCase()}${stage.slice(1)} ${what}`;
  }
  return undefined;
}

/** Step `name` in the page's language: English where known, else as the model names it. */
export function stepNameIn(language: 'zh' | 'en', name: string): string {
  return language === 'en' ? (englishStepName(name) ?? name) : name;
}
