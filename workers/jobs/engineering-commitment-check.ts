/**
 * `engineering-commitment-check`: the gate before the construction permit. A commitment due before the
 * stage counts as fulfilled when the applicant named an approval document for it and the approval system
 * has that document on record; the rest are returned as open commitments.
 */
import { array, number, object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { commitmentSchema } from '../schemas/engineering-commitment';
import { resolveEngineeringApprovalSystem } from '../external/engineering-approval-system';

export default defineWorker({
  type: 'engineering-commitment-check',
  description: 'Checks that every commitment due before a stage is fulfilled, against the approval system',
  input: object({
    caseId: string().required(),
    beforeStage: number().oneOf([2, 3, 4]).required(),
    commitments: array(commitmentSchema).default([]),
    evidence: array(object({ item: string().required(), documentNo: string().required() })).default([]),
  }),
  output: object({
    commitments: array(commitmentSchema).required(),
    openCommitments: array(commitmentSchema).required(),
  }),
  async handle(input, { config }) {
    const system = resolveEngineeringApprovalSystem(config);
    const commitments = [];
    for (const commitment of input.commitments ?? []) {
      const due = commitment.dueBeforeStage !== null && commitment.dueBeforeStage !== undefined && commitment.dueBeforeStage <= input.beforeStage;
      if (!due || commitment.fulfilled) {
        commitments.push(commitment);
        continue;
      }
      const proof = (input.evidence ?? []).find((entry) => entry.item === commitment.item);
      const verified = proof ? await system.verifyApprovalDocument(commitment.item, proof.documentNo) : false;
      commitments.push(verified ? { ...commitment, fulfilled: true, evidence: proof!.documentNo } : commitment);
    }
    const openCommitments = commitments.filter(
      (commitment) => !commitment.fulfilled && commitment.dueBeforeStage !== null && commitment.dueBeforeStage !== undefined && commitment.dueBeforeStage <= input.beforeStage,
    );
    return { commitments, openCommitments };
  },
});
