import { expect } from 'chai';
import worker from '../../../workers/jobs/enterprise-new-taxpayer-package';
import { completed, enterpriseCase, runWorker } from './services-fixtures';

describe('enterprise-new-taxpayer-package', () => {
  it('registers the taxpayer and sends invoices and the tax-control device to the window', async () => {
    const { taxPackage } = completed(await runWorker(worker, enterpriseCase()));
    expect(taxPackage).to.deep.include({ invoiceTypes: ['ordinary-electronic'], deliveredTo: 'pickup-window' });
  });

  it('never hands out VAT special invoices', async () => {
    const outcome = await runWorker(worker, enterpriseCase({ invoiceTypes: ['vat-special'] }));
    expect(outcome).to.include({ kind: 'fail', retries: 0 });
  });
});
