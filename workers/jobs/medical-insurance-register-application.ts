import { object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { newCaseNumber } from '../external/simulated-call';

const ID_NUMBER = /^[0-9]{17}[0-9Xx]$/;

/** Registers a within-province transfer application at the transfer-in agency. */
export default defineWorker({
  type: 'medical-insurance-register-application',
  description: 'Validates the transfer application and assigns caseId/caseTitle/submittedAt',
  input: object({
    caseId: string().trim().min(1).nullable().optional(),
    receivedAt: string().required(),
    submittedAt: string().nullable().optional(),
    insured: object({
      name: string().trim().required(),
      idNumber: string().matches(ID_NUMBER, 'insured.idNumber must be an 18-character resident ID number (须为 18 位居民身份证号码)').required(),
      socialSecurityCardNumber: string().trim().required(),
      phone: string().trim().nullable().optional(),
    }).required(),
    scheme: string().oneOf(['employee', 'resident']).required(),
    transferOutRegion: string().trim().required(),
    transferInRegion: string()
      .trim()
      .required()
      .test('differs', 'transferInRegion must differ from transferOutRegion (转入地须与转出地不同)', (value, context) => value !== context.parent.transferOutRegion),
    newEmployerUscc: string().nullable().when('scheme', { is: 'employee', then: (schema) => schema.trim().length(18).required('newEmployerUscc is required for the employee scheme') }),
  }),
  output: object({ caseId: string().required(), caseTitle: string().required(), submittedAt: string().required() }),
  async handle(input, { config }) {
    return {
      caseId: input.caseId ?? newCaseNumber('YBZY', input.receivedAt, config.random),
      caseTitle: `医保关系转移接续：${input.insured.name}（${input.transferOutRegion}→${input.transferInRegion}）`,
      submittedAt: input.submittedAt ?? input.receivedAt,
    };
  },
});
