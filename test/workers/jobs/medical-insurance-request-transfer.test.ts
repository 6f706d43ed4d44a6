import { expect } from 'chai';
import worker from '../../../workers/jobs/medical-insurance-request-transfer';
import { completed, medicalInsuranceApplication, runWorker } from './services-fixtures';

describe('medical-insurance-request-transfer', () => {
  it('files the request on the provincial platform', async () => {
    const variables = completed(await runWorker(worker, { ...medicalInsuranceApplication(), caseId: 'YBZY-1' }));
    expect(variables.transferRequestId).to.match(/^ZY\d{12}$/);
  });

  it('retries when the platform does not answer', async () => {
    const outcome = await runWorker(worker, { ...medicalInsuranceApplication(), caseId: 'YBZY-1' }, { ONEGO_SIM_FAILURE_RATE: '1' });
    expect(outcome).to.include({ kind: 'fail', retries: 2 });
  });
});
