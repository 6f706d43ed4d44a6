import { expect } from 'chai';
import worker from '../../../workers/jobs/medical-insurance-close-participation';
import { completed, medicalInsuranceApplication, runWorker } from './services-fixtures';

describe('medical-insurance-close-participation', () => {
  it('closes the participation and produces the electronic certificate', async () => {
    const closedAt = '2025-10-10T10:00:00+08:00';
    const { participationCertificate } = completed(await runWorker(worker, { ...medicalInsuranceApplication(), transferRequestId: 'ZY1', closedAt }));
    expect(participationCertificate).to.deep.include({ transferOutRegion: '青岛市', participationEndedAt: closedAt });
    expect((participationCertificate as { certificateNumber: string }).certificateNumber).to.match(/^CBPZ\d{12}$/);
  });

  it('needs the transfer request', async () => {
    expect(await runWorker(worker, { ...medicalInsuranceApplication(), closedAt: '2025-10-10T10:00:00+08:00' })).to.include({ kind: 'fail', retries: 0 });
  });
});
