import { expect } from 'chai';
import worker from '../../../workers/jobs/enterprise-medical-insurance-registration';
import { completed, enterpriseCase, runWorker } from './services-fixtures';

describe('enterprise-medical-insurance-registration', () => {
  it('registers the employer for medical insurance', async () => {
    const { medicalInsuranceRegistration } = completed(await runWorker(worker, enterpriseCase()));
    expect((medicalInsuranceRegistration as { registrationNumber: string }).registrationNumber).to.match(/^YB\d{10}$/);
  });

  it('refuses a negative number of insured employees', async () => {
    expect(await runWorker(worker, enterpriseCase({ insuredEmployees: -1 }))).to.include({ kind: 'fail', retries: 0 });
  });
});
