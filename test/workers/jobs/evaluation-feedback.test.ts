import { expect } from 'chai';
import feedback from '../../../workers/jobs/evaluation-feedback';
import { completed, NOW, runWorker } from './services-fixtures';

const evaluationCase = { caseId: 'HCP-QYKB-1', serviceCaseTitle: '企业开办：济南泉城软件有限公司', evaluator: { name: '张三', idNumber: '370102199001011234' }, sentAt: NOW };

describe('evaluation-feedback', () => {
  it('feeds the rectification back to the applicant', async () => {
    expect(completed(await runWorker(feedback, { ...evaluationCase, rectificationMeasures: '已增设帮办代办岗' })).rectificationFeedback).to.deep.include({ sentAt: NOW });
  });

  it('needs to know what was done', async () => {
    const outcome = await runWorker(feedback, { ...evaluationCase, rectificationMeasures: ' ' });
    expect(outcome.kind === 'fail' && outcome.errorMessage).to.contain('rectificationMeasures (what the department changed) are required');
  });
});
