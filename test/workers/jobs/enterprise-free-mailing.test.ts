import { expect } from 'chai';
import worker from '../../../workers/jobs/enterprise-free-mailing';
import { completed, enterpriseCase, runWorker } from './services-fixtures';

describe('enterprise-free-mailing', () => {
  it('mails licence, seals, invoices and tax-control device with a tracking number', async () => {
    const mailingAddress = { recipient: '张三', phone: '13800000000', address: '济南市历下区泉城路1号' };
    const { mailing } = completed(await runWorker(worker, enterpriseCase({ deliveryMode: 'mail', mailingAddress })));
    expect(mailing).to.deep.include({ items: ['营业执照', '印章（四枚）', '发票', '税控设备'] });
    expect((mailing as { trackingNumber: string }).trackingNumber).to.match(/^EMS\d{10}$/);
  });

  it('refuses to mail without an address', async () => {
    const outcome = await runWorker(worker, enterpriseCase());
    expect(outcome.kind === 'fail' && outcome.errorMessage).to.contain('mailingAddress is required to mail the results');
  });
});
