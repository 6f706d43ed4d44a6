import { boolean, mixed, number, object, string } from 'yup';

/**
 * One written commitment (告知承诺) in the `commitments` variable of an engineering case: written by
 * `engineering-commitment-record`, checked by `engineering-commitment-check`.
 */
export const commitmentSchema = object({
  id: string().required(),
  item: string().required(),
  name: string().required(),
  department: string().required(),
  stage: number().required(),
  kind: string().required(),
  dueBeforeStage: number().nullable().defined(),
  fulfilled: boolean().required(),
  evidence: mixed().nullable(),
  recordedAt: string().required(),
});
