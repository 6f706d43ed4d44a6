import { object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { newCaseNumber } from '../external/simulated-call';
import { agentFilingFields, filingSchema, recordFiling } from '../schemas/agent-filing';

const ID_NUMBER = /^[0-9]{17}[0-9Xx]$/;

const personSchema = object({
  name: string().trim().required(),
  idNumber: string().matches(ID_NUMBER, 'idNumber must be an 18-character resident ID number (须为 18 位居民身份证号码)').required(),
  phone: string().trim().nullable().optional(),
});

/** Chinese names of the registration types of the application form (and of real-estate-time-limits.dmn). */
export const REGISTRATION_TYPE_NAMES: Readonly<Record<string, string>> = {
  seizure: '查封登记',
  'mortgage-release': '抵押权注销登记（解押）',
  'address-change': '地址变更登记',
  'name-change': '更名变更登记',
  objection: '异议登记',
  mortgage: '抵押权首次登记（非涉税）',
  'transfer-mortgage-tax-paid': '转移登记与抵押登记联办（已提前完税）',
  'mortgage-joint-tax': '抵押登记（需税务联办）',
  'construction-mortgage': '在建建筑物抵押登记',
  transfer: '转移登记（买卖）',
  'first-registration': '首次登记',
  'inheritance-non-notarised': '非公证继承转移登记',
  'government-organised': '政府统一组织的登记',
  other: '其他登记',
};

/**
 * Registers a real-estate application at the one window (一窗受理): assigns the case number and title, and
 * records who filed it. An agent filing (帮办代办) names both the agent and the principal, with the agent's
 * power of attorney, and is refused without them.
 */
export default defineWorker({
  type: 'real-estate-register-application',
  description: 'Validates the real-estate application, records an agent filing (帮办代办), assigns caseId/caseTitle',
  input: object({
    caseId: string().trim().min(1).nullable().optional(),
    receivedAt: string().required(),
    applicant: personSchema.required(),
    registrationType: string().oneOf(Object.keys(REGISTRATION_TYPE_NAMES)).required(),
    propertyUnitNumber: string().trim().required(),
    propertyAddress: string().trim().required(),
    ...agentFilingFields,
  }),
  output: object({
    caseId: string().required(),
    caseTitle: string().required(),
    filing: filingSchema.required(),
  }),
  async handle(input, { config }) {
    const filing = recordFiling(input.applicant, input.agentFiling, input.agent);
    const agent = filing.agent;
    const typeName = REGISTRATION_TYPE_NAMES[input.registrationType];
    return {
      caseId: input.caseId ?? newCaseNumber('BDC', input.receivedAt, config.random),
      caseTitle: `不动产登记：${typeName}（${input.applicant.name}，${input.propertyAddress}）${agent ? `，${agent.name}代办` : ''}`,
      filing,
    };
  },
});
