import { expect } from 'chai';
import worker from '../../../workers/jobs/enterprise-social-insurance-registration';
import { completed, enterpriseCase, runWorker } from './services-fixtures';

describe('enterprise-social-insurance-registration', () => {
  it('registers the employer with employment registration and labour filing in one entry', async () => {
    const { socialInsuranceRegistration } = completed(await runWorker(worker, enterpriseCase()));
    expect(socialInsuranceRegistration).to.deep.include({ employmentRegistered: true, labourFiled: true });
    expect((socialInsuranceRegistration as { registrationNumber: string }).registrationNumber).to.match(/^SB\d{10}$/);
  });

  it('needs the USCC from the licence', async () => {
    expect(await runWorker(worker, enterpriseCase({ uscc: undefined }))).to.include({ kind: 'fail', retries: 0 });
  });
});
