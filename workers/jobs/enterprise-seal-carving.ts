import { array, object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { resolveSealCarving } from '../external/seal-carving';

/** Dispatches the free set of four seals to a carving institution, delivered to the pickup window. */
export default defineWorker({
  type: 'enterprise-seal-carving',
  description: 'Orders the four free seals; the institution delivers them to the unified pickup window',
  input: object({
    caseId: string().required(),
    uscc: string().length(18).required(),
    enterpriseName: string().required(),
    legalRepresentative: object({ name: string().required() }).required(),
  }),
  output: object({
    sealOrder: object({
      orderId: string().required(),
      institution: string().required(),
      seals: array(string().required()).length(4).required(),
      deliveredTo: string().oneOf(['pickup-window']).required(),
    }).required(),
  }),
  async handle(input, { config }) {
    const sealOrder = await resolveSealCarving(config).carveAndDeliver({
      caseId: input.caseId,
      uscc: input.uscc,
      enterpriseName: input.enterpriseName,
      legalRepresentativeName: input.legalRepresentative.name,
    });
    return { sealOrder };
  },
});
