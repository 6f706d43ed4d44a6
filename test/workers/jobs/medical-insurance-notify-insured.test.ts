import { expect } from 'chai';
import worker from '../../../workers/jobs/medical-insurance-notify-insured';
import { completed, medicalInsuranceApplication, NOW, runWorker } from './services-fixtures';

const base = { ...medicalInsuranceApplication(), caseId: 'YBZY-1', caseTitle: '医保关系转移接续：王五', sentAt: NOW };

describe('medical-insurance-notify-insured', () => {
  it('tells the insured the merged result', async () => {
    const variables = completed(await runWorker(worker, { ...base, outcome: 'completed', mergedRelationship: { totalContributionMonths: 84, creditedAmount: 3210.5 } }));
    expect(variables.resultNotification).to.deep.include({ sentAt: NOW });
  });

  it('needs the merged result for a completion and reasons for a rejection', async () => {
    const completion = await runWorker(worker, { ...base, outcome: 'completed' });
    expect(completion.kind === 'fail' && completion.errorMessage).to.contain('mergedRelationship is required');
    const rejection = await runWorker(worker, { ...base, outcome: 'rejected' });
    expect(rejection.kind === 'fail' && rejection.errorMessage).to.contain('rejectionReasons are required');
  });
});
