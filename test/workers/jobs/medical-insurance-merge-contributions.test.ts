import { expect } from 'chai';
import worker from '../../../workers/jobs/medical-insurance-merge-contributions';
import { completed, medicalInsuranceApplication, runWorker } from './services-fixtures';

const certificate = { certificateNumber: 'CBPZ1', transferOutRegion: '青岛市', contributionMonths: 60, personalAccountBalance: 3210.5, participationEndedAt: '2025-10-10T10:00:00+08:00' };

describe('medical-insurance-merge-contributions', () => {
  it('adds the transferred contribution months and credits the balance; benefits continue', async () => {
    const variables = completed(
      await runWorker(worker, { ...medicalInsuranceApplication(), participationCertificate: certificate, fundTransfer: { fundTransferId: 'HZ1', amount: 3210.5 }, priorContributionMonths: 24 }),
    );
    expect(variables.mergedRelationship).to.deep.equal({ totalContributionMonths: 84, creditedAmount: 3210.5, benefitsContinuous: true });
  });

  it('counts no prior months when none are known', async () => {
    const variables = completed(await runWorker(worker, { ...medicalInsuranceApplication(), participationCertificate: certificate, fundTransfer: { fundTransferId: 'HZ1', amount: 1 } }));
    expect(variables.mergedRelationship).to.deep.include({ totalContributionMonths: 60 });
  });
});
