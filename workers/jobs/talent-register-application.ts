import { array, boolean, object, string } from 'yup';
import { defineWorker, type WorkerConfig } from '../define-worker';
import { newCaseNumber } from '../external/simulated-call';

/** One level of the submission chain (逐级提交): who reviews at that level. */
export interface ApprovalLevel {
  code: string;
  name: string;
  group: string;
}

/** PROPOSED default chain (the seeds do not name the levels): employer, then the city HR bureau. */
export const DEFAULT_APPROVAL_LEVELS: ApprovalLevel[] = [
  { code: 'employer', name: '用人单位审核', group: 'service-commissioners' },
  { code: 'city-hr', name: '主管部门或市人力资源社会保障局审核', group: 'hrss' },
];

const levelSchema = object({ code: string().required(), name: string().required(), group: string().required() });

/** The chain from `ONEGO_TALENT_APPROVAL_LEVELS` (a JSON array) or the default. */
export function configuredApprovalLevels(config: WorkerConfig): ApprovalLevel[] {
  const raw = config.env.ONEGO_TALENT_APPROVAL_LEVELS;
  if (!raw) return DEFAULT_APPROVAL_LEVELS;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error(`环境变量 ONEGO_TALENT_APPROVAL_LEVELS 须为 JSON 数组 / Expected ONEGO_TALENT_APPROVAL_LEVELS to be a JSON array of { code, name, group }, but it is not JSON`);
  }
  return array(levelSchema.required()).min(1).required().validateSync(parsed);
}

/** The expert panel from `ONEGO_TALENT_EXPERTS` (comma-separated user ids) or three demo experts. */
export function configuredExperts(config: WorkerConfig): string[] {
  const raw = config.env.ONEGO_TALENT_EXPERTS ?? 'expert-1,expert-2,expert-3';
  const experts = raw.split(',').map((id) => id.trim()).filter(Boolean);
  if (experts.length === 0) throw new Error('环境变量 ONEGO_TALENT_EXPERTS 须至少列出一位专家 / Expected ONEGO_TALENT_EXPERTS to name at least one expert, but it names none');
  return experts;
}

/**
 * Registers a 惠才卡 case, from a talent's application or a provincial department's direct list: validates
 * it, gives it a case id and fixes the submission chain and the expert panel the case will use.
 */
export default defineWorker({
  type: 'talent-register-application',
  description: 'Validates a 惠才卡 application or direct-list entry, assigns caseId/caseTitle and the approval chain',
  input: object({
    caseId: string().trim().min(1).nullable().optional(),
    receivedAt: string().required(),
    submittedAt: string().nullable().optional(),
    talent: object({
      name: string().trim().required(),
      idType: string().oneOf(['resident-id', 'passport']).default('resident-id'),
      idNumber: string().trim().min(5).max(30).required(),
      nationality: string().trim().default('中国'),
    }).required(),
    employer: object({ name: string().trim().required(), uscc: string().trim().length(18).required() }).required(),
    category: string().oneOf(['direct', 'reviewed', 'evaluated']).required(),
    nominatingDepartment: string().nullable().when('category', {
      is: 'direct',
      then: (schema) => schema.trim().required('nominatingDepartment is required for direct issuance'),
    }),
    qualifyingBasis: string().trim().required(),
    staffingRequested: boolean().default(false),
    staffing: object({ competentDepartment: string().required(), positionTitle: string().required() })
      .nullable().default(undefined)
      .when('staffingRequested', { is: true, then: (schema) => schema.required('staffing details are required when staffingRequested is true') }),
    approvalLevels: array(levelSchema.required()).min(1).nullable().optional(),
    experts: array(string().required()).min(1).nullable().optional(),
  }),
  output: object({
    caseId: string().required(),
    caseTitle: string().required(),
    submittedAt: string().required(),
    category: string().required(),
    staffingRequested: boolean().required(),
    approvalLevels: array(levelSchema.required()).required(),
    experts: array(string().required()).required(),
  }),
  async handle(input, { config }) {
    return {
      caseId: input.caseId ?? newCaseNumber('HCK', input.receivedAt, config.random),
      caseTitle: `惠才卡核发：${input.talent.name}（${input.employer.name}）`,
      submittedAt: input.submittedAt ?? input.receivedAt,
      category: input.category,
      staffingRequested: input.staffingRequested,
      approvalLevels: input.approvalLevels ?? configuredApprovalLevels(config),
      experts: input.experts ?? configuredExperts(config),
    };
  },
});
