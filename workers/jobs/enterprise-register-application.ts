import { array, number, object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { newCaseNumber } from '../external/simulated-call';
import { agentFilingFields, filingSchema, recordFiling } from '../schemas/agent-filing';

/** The entity types the 一窗通 form offers; which of them go to smart approval is bpmn/enterprise-smart-approval-rules.dmn. */
const ENTITY_TYPES = ['natural-person-llc', 'individual-business', 'sole-proprietorship', 'branch', 'other-llc', 'joint-stock', 'partnership'];
const ID_NUMBER = /^[0-9]{17}[0-9Xx]$/;
const MOBILE = /^1[3-9][0-9]{9}$/;

/**
 * Registers an enterprise-opening application from the single 一窗通 form: validates it, gives it a case id
 * (unless the portal already did) and records who filed it — the applicant, or an agent with a power of attorney
 * acting for him (帮办代办 [000]). Whether smart approval applies is the model's decision table, not code.
 */
export default defineWorker({
  type: 'enterprise-register-application',
  description: 'Validates the 一窗通 application, records an agent filing (帮办代办), assigns caseId/caseTitle/submittedAt',
  input: object({
    caseId: string().trim().min(1).nullable().optional(),
    receivedAt: string().required(),
    submittedAt: string().nullable().optional(),
    applicant: object({ name: string().trim().required(), idNumber: string().matches(ID_NUMBER, 'applicant.idNumber must be an 18-character resident ID number (须为 18 位居民身份证号码)').required() }).required(),
    enterpriseName: string().trim().min(4).max(100).required(),
    entityType: string().oneOf(ENTITY_TYPES).required(),
    address: string().trim().required(),
    businessScope: string().trim().required(),
    registeredCapital: number().min(0).required(),
    legalRepresentative: object({
      name: string().trim().required(),
      idNumber: string().matches(ID_NUMBER, 'legalRepresentative.idNumber must be an 18-character resident ID number (须为 18 位居民身份证号码)').required(),
      phone: string().matches(MOBILE, 'legalRepresentative.phone must be a mobile number (须为手机号码)').required(),
    }).required(),
    insuredEmployees: number().integer().min(0).required(),
    housingFundRate: number().min(5).max(12).required(),
    invoiceTypes: array(string().oneOf(['ordinary-electronic', 'ordinary-paper']).required()).min(1).required(),
    bankBranch: string().trim().required(),
    deliveryMode: string().oneOf(['window', 'mail']).required(),
    mailingAddress: object({ recipient: string().trim().required(), phone: string().matches(MOBILE).required(), address: string().trim().required() })
      .nullable().default(undefined)
      .when('deliveryMode', { is: 'mail', then: (schema) => schema.required('mailingAddress is required when deliveryMode is mail'), otherwise: (schema) => schema.optional() }),
    ...agentFilingFields,
  }),
  output: object({
    caseId: string().required(),
    caseTitle: string().required(),
    submittedAt: string().required(),
    filing: filingSchema.required(),
  }),
  async handle(input, { config }) {
    const filing = recordFiling(input.applicant, input.agentFiling, input.agent);
    return {
      caseId: input.caseId ?? newCaseNumber('QYKB', input.receivedAt, config.random),
      caseTitle: `企业开办：${input.enterpriseName}${filing.agent ? `（${filing.agent.name}代办）` : ''}`,
      filing,
      submittedAt: input.submittedAt ?? input.receivedAt,
    };
  },
});
