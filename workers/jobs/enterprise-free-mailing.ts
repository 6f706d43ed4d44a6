import { array, object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { resolvePostal } from '../external/postal';

const ITEMS = ['营业执照', '印章（四枚）', '发票', '税控设备'];

/** Mails the licence, seals, invoices and tax-control equipment free of charge. */
export default defineWorker({
  type: 'enterprise-free-mailing',
  description: 'Sends the results to the applicant’s mailing address free of charge (免费寄递)',
  input: object({
    caseId: string().required(),
    mailingAddress: object({ recipient: string().required(), phone: string().required(), address: string().required() }).default(undefined).required(
      'mailingAddress is required to mail the results',
    ),
  }),
  output: object({ mailing: object({ trackingNumber: string().required(), items: array(string().required()).required() }).required() }),
  async handle(input, { config }) {
    const { trackingNumber } = await resolvePostal(config).send({ caseId: input.caseId, ...input.mailingAddress, items: ITEMS });
    return { mailing: { trackingNumber, items: ITEMS } };
  },
});
