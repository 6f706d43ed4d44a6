/**
 * `engineering-issue-permit`: issues the stage's result as an electronic certificate with the approval
 * seal (land-use planning permit, construction-engineering planning permit, construction permit, joint
 * acceptance opinion) and adds it to the case's permits.
 */
import { array, number, object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { parseInstant, resolveEngineeringApprovalSystem } from '../external/engineering-approval-system';
import { stageResults } from '../external/engineering-item-catalogue';

const permitSchema = object({
  stage: number().required(),
  title: string().required(),
  certificateNo: string().required(),
  holder: string().required(),
  issuedAt: string().required(),
});

export default defineWorker({
  type: 'engineering-issue-permit',
  description: "Issues an engineering stage's permit or opinion as an e-certificate",
  input: object({
    caseId: string().required(),
    stage: number().oneOf([1, 2, 3, 4]).required(),
    projectCode: string().required(),
    applicant: object({ name: string().required() }).required(),
    permits: array(permitSchema).default([]),
    at: string().required().test('instant', 'at must be an ISO-8601 date-time (须为 ISO-8601 时间)', (value) => parseInstant(value) !== undefined),
  }),
  output: object({ permit: permitSchema.required(), permits: array(permitSchema).required() }),
  async handle(input, { config }) {
    const stage = input.stage as 1 | 2 | 3 | 4;
    const title = stageResults[stage];
    const system = resolveEngineeringApprovalSystem(config);
    const issued = await system.issueCertificate(input.caseId, title, input.applicant.name, input.at);
    const permit = { stage, title, certificateNo: issued.certificateNo, holder: input.applicant.name, issuedAt: issued.issuedAt };
    return { permit, permits: [...(input.permits ?? []).filter((existing) => existing.stage !== stage), permit] };
  },
});
