/**
 * `engineering-commitment-record`: 容缺受理 + 告知承诺. Each tolerated item becomes a written commitment in the
 * approval system. Commitments made in stages 1–2 must be fulfilled before the construction permit (the
 * gate before stage 3); later ones are left to in- and post-event supervision (dueBeforeStage null).
 */
import { array, number, object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { commitmentSchema } from '../schemas/engineering-commitment';
import { parseInstant, resolveEngineeringApprovalSystem } from '../external/engineering-approval-system';
import { tolerableMaterials } from '../external/engineering-item-catalogue';

export default defineWorker({
  type: 'engineering-commitment-record',
  description: 'Records the written commitments of an acceptance with items missing (容缺受理 + 告知承诺)',
  input: object({
    caseId: string().required(),
    stage: number().oneOf([1, 2, 3, 4]).required(),
    kind: string().required(),
    items: array(string().oneOf(Object.keys(tolerableMaterials)).required()).min(1, 'items must name at least one tolerated item').required(),
    commitments: array(commitmentSchema).default([]),
    at: string().required().test('instant', 'at must be an ISO-8601 date-time (须为 ISO-8601 时间)', (value) => parseInstant(value) !== undefined),
  }),
  output: object({ commitments: array(commitmentSchema).required() }),
  async handle(input, { config }) {
    const system = resolveEngineeringApprovalSystem(config);
    const commitments = [...(input.commitments ?? [])];
    for (const item of new Set(input.items)) {
      if (commitments.some((existing) => existing.item === item && !existing.fulfilled)) continue;
      const material = tolerableMaterials[item]!;
      const id = await system.registerCommitment(input.caseId, item, input.at);
      commitments.push({
        id,
        item,
        name: material.name,
        department: material.department,
        stage: input.stage,
        kind: input.kind,
        dueBeforeStage: input.stage < 3 ? 3 : null,
        fulfilled: false,
        evidence: null,
        recordedAt: input.at,
      });
    }
    return { commitments };
  },
});
