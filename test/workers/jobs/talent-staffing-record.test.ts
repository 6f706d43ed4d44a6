import { expect } from 'chai';
import worker from '../../../workers/jobs/talent-staffing-record';
import { completed, runWorker } from './services-fixtures';

describe('talent-staffing-record', () => {
  it('files the real-name staffing record', async () => {
    const variables = completed(
      await runWorker(worker, { caseId: 'BZ-1', cardNumber: 'HCK-2025-123456', talent: { name: '李四' }, employer: { uscc: '12370000MB1234567X' }, positionTitle: '研究员' }),
    );
    expect(variables).to.include({ staffingOutcome: 'included' });
    expect((variables.staffingFiling as { filingNumber: string }).filingNumber).to.match(/^BZ\d{10}$/);
  });

  it('needs the position', async () => {
    expect(await runWorker(worker, { caseId: 'BZ-1', cardNumber: 'HCK-2025-123456', talent: { name: '李四' }, employer: { uscc: 'x' } })).to.include({ kind: 'fail', retries: 0 });
  });
});
