import { array, object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { resolveTax } from '../external/tax';

/** The new-taxpayer package: tax registration, invoices and tax-control equipment to the pickup window. */
export default defineWorker({
  type: 'enterprise-new-taxpayer-package',
  description: 'Runs the tax department’s new-taxpayer package (新办纳税人套餐)',
  input: object({
    caseId: string().required(),
    uscc: string().length(18).required(),
    enterpriseName: string().required(),
    invoiceTypes: array(string().oneOf(['ordinary-electronic', 'ordinary-paper']).required()).min(1).required(),
  }),
  output: object({
    taxPackage: object({
      taxRegistrationId: string().required(),
      invoiceTypes: array(string().required()).required(),
      taxControlDeviceId: string().required(),
      deliveredTo: string().oneOf(['pickup-window']).required(),
    }).required(),
  }),
  async handle(input, { config }) {
    return { taxPackage: await resolveTax(config).newTaxpayerPackage(input) };
  },
});
