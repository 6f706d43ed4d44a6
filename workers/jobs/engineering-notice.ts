/**
 * `engineering-notice`: the one consolidated notice (一次性告知). Every defect found at acceptance or by any
 * department goes into a single notice, grouped by department; the same worker serves refusals (with the
 * supervisor's reasons) and open commitments before the construction permit.
 */
import { array, mixed, number, object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { parseInstant, resolveEngineeringApprovalSystem } from '../external/engineering-approval-system';
import { stageResults } from '../external/engineering-item-catalogue';

const subjects: Record<string, string> = {
  correction: '补正材料一次性告知书',
  rectification: '竣工验收整改一次性告知书',
  rejection: '不予许可决定书',
  commitments: '告知承诺事项履行告知书',
};

const defectSchema = object({
  source: string().required(),
  item: string().required(),
  department: string().required(),
  description: string().nullable().default(null),
});

export default defineWorker({
  type: 'engineering-notice',
  description: 'Sends the applicant one consolidated notice (一次性告知) of every defect, refusal reason or open commitment',
  input: object({
    noticeKind: string().oneOf(Object.keys(subjects)).required(),
    caseId: string().required(),
    caseTitle: string().required(),
    applicant: object({ name: string().required() }).required(),
    stage: number().oneOf([1, 2, 3, 4]).required(),
    defects: array(defectSchema).min(1, 'defects must list at least one item: a notice without content would send the applicant away empty-handed').required(),
    reasons: string().nullable().default(null),
    at: string().required().test('instant', 'at must be an ISO-8601 date-time (须为 ISO-8601 时间)', (value) => parseInstant(value) !== undefined),
  }),
  output: object({
    notice: object({
      noticeId: string().required(),
      kind: string().required(),
      stage: number().required(),
      subject: string().required(),
      text: string().required(),
      items: array(mixed()).required(),
      channel: string().required(),
      sentAt: string().required(),
    }).required(),
  }),
  async handle(input, { config }) {
    const subject = `${input.caseTitle}：${subjects[input.noticeKind]}`;
    const byDepartment = new Map<string, typeof input.defects>();
    for (const defect of input.defects) byDepartment.set(defect.department, [...(byDepartment.get(defect.department) ?? []), defect]);
    const lines: string[] = [`${input.applicant.name}：`];
    if (input.noticeKind === 'rejection') {
      lines.push(`您申请的${stageResults[input.stage as 1 | 2 | 3 | 4]}，经审查决定不予许可。理由：${input.reasons ?? '见各部门意见'}`);
    } else {
      lines.push('经审查，您的申请需处理以下全部事项（一次性告知，不再另行要求其他材料）：');
    }
    let index = 0;
    for (const [department, defects] of byDepartment) {
      for (const defect of defects) {
        index += 1;
        lines.push(`${index}. 【${department}】${defect.item}：${defect.description ?? '详见审查意见'}`);
      }
    }
    if (input.noticeKind === 'correction' || input.noticeKind === 'rectification') {
      lines.push('补正、整改期间不计入审批时限；提交后继续计时。');
    }
    const text = lines.join('\n');
    const system = resolveEngineeringApprovalSystem(config);
    const sent = await system.sendNotice({ caseId: input.caseId, kind: input.noticeKind, recipientName: input.applicant.name, subject, body: text }, input.at);
    return {
      notice: { noticeId: sent.noticeId, kind: input.noticeKind, stage: input.stage, subject, text, items: input.defects, channel: sent.channel, sentAt: sent.sentAt },
    };
  },
});
