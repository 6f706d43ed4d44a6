import { expect } from 'chai';
import worker from '../../../workers/jobs/medical-insurance-register-application';
import { completed, medicalInsuranceApplication, runWorker } from './services-fixtures';

describe('medical-insurance-register-application', () => {
  it('registers the transfer with a case id and a title naming both places', async () => {
    const variables = completed(await runWorker(worker, medicalInsuranceApplication()));
    expect(variables.caseId).to.match(/^YBZY-20250930-\d{6}$/);
    expect(variables).to.include({ caseTitle: '医保关系转移接续：王五（青岛市→济南市）' });
  });

  it('refuses a transfer to the same place', async () => {
    const outcome = await runWorker(worker, medicalInsuranceApplication({ transferInRegion: '青岛市' }));
    expect(outcome.kind === 'fail' && outcome.errorMessage).to.contain('transferInRegion must differ from transferOutRegion');
  });

  it('needs the new employer only for the employee scheme', async () => {
    const outcome = await runWorker(worker, medicalInsuranceApplication({ newEmployerUscc: undefined }));
    expect(outcome.kind === 'fail' && outcome.errorMessage).to.contain('newEmployerUscc is required for the employee scheme');
    expect((await runWorker(worker, medicalInsuranceApplication({ scheme: 'resident', newEmployerUscc: undefined }))).kind).to.equal('complete');
  });
});
