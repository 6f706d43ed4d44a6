import { expect } from 'chai';
import worker from '../../../workers/jobs/enterprise-issue-licence';
import { completed, enterpriseCase, NOW, runWorker } from './services-fixtures';

describe('enterprise-issue-licence', () => {
  it('issues an electronic licence with an 18-character USCC at the given instant', async () => {
    const variables = completed(await runWorker(worker, { ...enterpriseCase(), issuedAt: NOW }));
    expect(variables.uscc).to.match(/^9137\d{4}[0-9A-HJ-NPQRTUWXY]{10}$/);
    expect(variables.licence).to.deep.include({ issuedAt: NOW, electronicLicenceId: `EL-${variables.uscc}` });
  });

  it('needs the issuing instant', async () => {
    expect(await runWorker(worker, enterpriseCase())).to.include({ kind: 'fail', retries: 0 });
  });
});
