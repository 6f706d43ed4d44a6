import { expect } from 'chai';
import invite from '../../../workers/jobs/evaluation-invite';
import feedback from '../../../workers/jobs/evaluation-feedback';
import { completed, NOW, runWorker } from './services-fixtures';

const evaluationCase = { caseId: 'QYKB-1', caseTitle: '企业开办：济南泉城软件有限公司', evaluator: { name: '张三', idNumber: '370102199001011234' }, sentAt: NOW };

describe('evaluation-invite', () => {
  it('delivers the invitation to the applicant’s inbox', async () => {
    const { evaluationInvitation } = completed(await runWorker(invite, evaluationCase));
    expect(evaluationInvitation).to.deep.include({ sentAt: NOW });
  });
});

describe('evaluation-feedback', () => {
  it('feeds the rectification back, and needs to know what was done', async () => {
    expect(completed(await runWorker(feedback, { ...evaluationCase, rectificationMeasures: '已增设帮办代办岗' })).rectificationFeedback).to.deep.include({ sentAt: NOW });
    const outcome = await runWorker(feedback, { ...evaluationCase, rectificationMeasures: ' ' });
    expect(outcome.kind === 'fail' && outcome.errorMessage).to.contain('rectificationMeasures (what the department changed) are required');
  });
});
