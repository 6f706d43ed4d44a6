import { expect } from 'chai';
import worker from '../../../workers/jobs/enterprise-bank-appointment';
import { completed, enterpriseCase, runWorker } from './services-fixtures';

describe('enterprise-bank-appointment', () => {
  it('books the appointment at the branch the applicant chose', async () => {
    const { bankAppointment } = completed(await runWorker(worker, enterpriseCase()));
    expect(bankAppointment).to.deep.include({ bankBranch: '济南泉城路支行' });
    expect((bankAppointment as { appointmentId: string }).appointmentId).to.match(/^YY\d{10}$/);
  });

  it('needs a branch', async () => {
    expect(await runWorker(worker, enterpriseCase({ bankBranch: '' }))).to.include({ kind: 'fail', retries: 0 });
  });
});
