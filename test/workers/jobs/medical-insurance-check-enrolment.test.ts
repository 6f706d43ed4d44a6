import { expect } from 'chai';
import worker from '../../../workers/jobs/medical-insurance-check-enrolment';
import { completed, medicalInsuranceApplication, runWorker } from './services-fixtures';

describe('medical-insurance-check-enrolment', () => {
  it('confirms enrolment at the transfer-in place', async () => {
    expect(completed(await runWorker(worker, medicalInsuranceApplication()))).to.deep.equal({ enrolmentCheck: { enrolled: true, reasons: [] } });
  });

  it('throws MI_NOT_ELIGIBLE with the reasons when the insured is not enrolled there', async () => {
    const outcome = await runWorker(worker, medicalInsuranceApplication(), { ONEGO_SIM_MI_NOT_ENROLLED: '370102199203031234' });
    expect(outcome).to.include({ kind: 'error', errorCode: 'MI_NOT_ELIGIBLE' });
    expect(outcome.kind === 'error' && outcome.variables.rejectionReasons).to.equal('参保人未在转入地（济南市）参保，请先办理参保登记');
  });
});
