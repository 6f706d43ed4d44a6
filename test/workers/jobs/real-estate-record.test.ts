import { expect } from 'chai';
import worker from '../../../workers/jobs/real-estate-record';
import { completed, runWorker } from './services-fixtures';

const recording = (overrides: Record<string, unknown> = {}) => ({
  caseId: 'BDC-20251009-000001',
  registrationType: 'transfer',
  propertyUnitNumber: '370102001001GB00001F00010001',
  jurisdiction: '370202',
  recordedAt: '2025-10-09T10:00:00+08:00',
  ...overrides,
});

describe('real-estate-record', () => {
  it('records a transfer and issues a certificate of ownership in the place’s name', async () => {
    const { registration } = completed(await runWorker(worker, recording())) as { registration: Record<string, string> };
    expect(registration.certificateNumber).to.match(/^鲁（2025）青岛市不动产权第\d{7}号$/);
    expect(registration).to.include({ certificateKind: 'certificate', recordedAt: '2025-10-09T10:00:00+08:00' });
    expect(registration.registrationNumber).to.match(/^DJ2025\d{8}$/);
  });

  it('issues a certification for a mortgage, and names the province when the place is unknown', async () => {
    const { registration } = completed(await runWorker(worker, recording({ registrationType: 'mortgage', jurisdiction: null }))) as { registration: Record<string, string> };
    expect(registration.certificateNumber).to.match(/^鲁（2025）山东省不动产证明第\d{7}号$/);
  });
});
