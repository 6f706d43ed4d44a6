import { expect } from 'chai';
import worker from '../../../workers/jobs/talent-schooling-notify';
import { completed, NOW, runWorker } from './services-fixtures';

const base = { caseId: 'ZNRX-1', caseTitle: '子女入学：李小四', talent: { name: '李四', idNumber: '370102198502021234' }, sentAt: NOW };

describe('talent-schooling-notify', () => {
  it('announces the placement', async () => {
    expect(completed(await runWorker(worker, { ...base, outcome: 'arranged', assignedSchool: '历下区某小学' })).resultNotification).to.deep.include({ sentAt: NOW });
  });

  it('needs a school to announce a placement and reasons to refuse', async () => {
    const arranged = await runWorker(worker, { ...base, outcome: 'arranged' });
    expect(arranged.kind === 'fail' && arranged.errorMessage).to.contain('assignedSchool is required');
    const refused = await runWorker(worker, { ...base, outcome: 'refused' });
    expect(refused.kind === 'fail' && refused.errorMessage).to.contain('refusalReasons are required');
  });
});
