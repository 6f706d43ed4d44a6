import { expect } from 'chai';
import worker from '../../../workers/jobs/medical-insurance-correction-notice';
import { completed, medicalInsuranceApplication, NOW, runWorker } from './services-fixtures';

describe('medical-insurance-correction-notice', () => {
  it('sends the insured one notice of every discrepancy', async () => {
    const variables = completed(
      await runWorker(worker, { ...medicalInsuranceApplication(), caseId: 'YBZY-1', caseTitle: 't', notice: '社会保障卡号与身份证号不一致', stage: 'initiation', sentAt: NOW }),
    );
    expect(variables).to.include({ correctionRequestedAt: NOW });
  });

  it('refuses a notice for a stage where the model asks none', async () => {
    const outcome = await runWorker(worker, { ...medicalInsuranceApplication(), caseId: 'YBZY-1', caseTitle: 't', notice: 'x', stage: 'transfer-out', sentAt: NOW });
    expect(outcome).to.include({ kind: 'fail', retries: 0 });
  });
});
