import { object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { resolveLicenceRegistry } from '../external/licence-registry';

/** Issues the electronic business licence and the unified social credit code once registration is approved. */
export default defineWorker({
  type: 'enterprise-issue-licence',
  description: 'Generates the electronic business licence and the USCC in the licence registry',
  input: object({
    caseId: string().required(),
    enterpriseName: string().required(),
    entityType: string().required(),
    businessScope: string().required(),
    issuedAt: string().required(),
  }),
  output: object({
    uscc: string().length(18).required(),
    licence: object({ licenceNumber: string().required(), electronicLicenceId: string().required(), issuedAt: string().required() }).required(),
  }),
  async handle(input, { config }) {
    const { uscc, ...licence } = await resolveLicenceRegistry(config).issueLicence(input, input.issuedAt);
    return { uscc, licence };
  },
});
