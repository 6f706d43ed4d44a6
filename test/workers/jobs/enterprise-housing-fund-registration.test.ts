import { expect } from 'chai';
import worker from '../../../workers/jobs/enterprise-housing-fund-registration';
import { completed, enterpriseCase, runWorker } from './services-fixtures';

describe('enterprise-housing-fund-registration', () => {
  it('opens the employer deposit account', async () => {
    const { housingFundAccount } = completed(await runWorker(worker, enterpriseCase()));
    expect((housingFundAccount as { accountNumber: string }).accountNumber).to.match(/^GJJ\d{12}$/);
  });

  it('refuses a deposit rate outside 5–12 %', async () => {
    const outcome = await runWorker(worker, enterpriseCase({ housingFundRate: 20 }));
    expect(outcome.kind === 'fail' && outcome.errorMessage).to.contain('housingFundRate must be less than or equal to 12');
  });
});
