import { expect } from 'chai';
import worker from '../../../workers/jobs/medical-insurance-transfer-account';
import { completed, runWorker } from './services-fixtures';

const certificate = { certificateNumber: 'CBPZ1', transferOutRegion: '青岛市', contributionMonths: 60, personalAccountBalance: 3210.5, participationEndedAt: '2025-10-10T10:00:00+08:00' };

describe('medical-insurance-transfer-account', () => {
  it('transfers exactly the balance on the certificate', async () => {
    const { fundTransfer } = completed(await runWorker(worker, { transferRequestId: 'ZY1', participationCertificate: certificate }));
    expect(fundTransfer).to.deep.include({ amount: 3210.5 });
  });

  it('refuses a negative balance', async () => {
    const outcome = await runWorker(worker, { transferRequestId: 'ZY1', participationCertificate: { ...certificate, personalAccountBalance: -1 } });
    expect(outcome).to.include({ kind: 'fail', retries: 0 });
  });
});
