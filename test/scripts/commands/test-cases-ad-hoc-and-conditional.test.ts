import { expect } from 'chai';
import { onegoTestCases } from './onego-test-cases';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bpmn } from '../../support';
import { adHocSubProcess } from '../../engine/conformance/support/ad-hoc-models';
import { conditional } from '../../engine/conformance/support/conditional-models';

const { process: bpmnProcess, start, end, serviceTask, chain } = bpmn;

/** 智能预审: an agent (a job worker) decides which checks to run in an ad-hoc subprocess. */
const preReview = bpmnProcess(
  'pre-review',
  start('received'),
  adHocSubProcess('agent', [serviceTask('check-license', 'check-license'), serviceTask('check-address', 'check-address')], { jobType: 'pre-review-agent' }),
  end('reviewed'),
  chain('received', 'agent', 'reviewed'),
);

/** 大额申请: starts by itself when an evaluation finds the amount large. */
const largeClaim = bpmnProcess('large-claim', start('large', conditional('=amount > 10000')), serviceTask('audit', 'audit'), end('audited'), chain('large', 'audit', 'audited'));

const cases = {
  testCases: [
    {
      name: 'an agent activates a check with its input, then declares the review done',
      instructions: [
        { type: 'CREATE_PROCESS_INSTANCE', processDefinitionSelector: { processDefinitionId: 'pre-review' } },
        { type: 'COMPLETE_JOB_AD_HOC_SUB_PROCESS', jobSelector: { elementId: 'agent' }, activateElements: [{ elementId: 'check-license', variables: { licenseNo: 'L-1' } }] },
        { type: 'COMPLETE_JOB', jobSelector: { elementId: 'check-license' }, variables: { licenseOk: true } },
        { type: 'COMPLETE_JOB_AD_HOC_SUB_PROCESS', jobSelector: { elementId: 'agent' }, completionConditionFulfilled: true, variables: { verdict: 'pass' } },
        { type: 'ASSERT_ELEMENT_INSTANCE', processInstanceSelector: { processDefinitionId: 'pre-review' }, elementSelector: { elementId: 'check-license' }, state: 'IS_COMPLETED' },
        { type: 'ASSERT_PROCESS_INSTANCE', processInstanceSelector: { processDefinitionId: 'pre-review' }, state: 'IS_COMPLETED' },
      ],
    },
    {
      name: 'a conditional start event starts a case when the amount is large',
      instructions: [
        { type: 'EVALUATE_CONDITIONAL_START_EVENT', variables: { amount: 50000 } },
        { type: 'ASSERT_ELEMENT_INSTANCE', processInstanceSelector: { processDefinitionId: 'large-claim' }, elementSelector: { elementId: 'audit' }, state: 'IS_ACTIVE' },
      ],
    },
  ],
};

describe('onego test-cases runs ad-hoc subprocess and conditional start instructions of CPT JSON test cases', function () {
  this.timeout(120_000);
  let folder: string;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'onego-test-cases-adhoc-'));
    await writeFile(join(folder, 'pre-review.bpmn'), preReview);
    await writeFile(join(folder, 'large-claim.bpmn'), largeClaim);
    await writeFile(join(folder, 'cases.json'), JSON.stringify(cases, null, 2));
  });
  after(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('completes an ad-hoc subprocess job with activations and with its completion, and evaluates conditional start events (COMPLETE_JOB_AD_HOC_SUB_PROCESS, EVALUATE_CONDITIONAL_START_EVENT)', async () => {
    const result = await onegoTestCases([join(folder, 'cases.json'), '--deploy', join(folder, 'pre-review.bpmn'), '--deploy', join(folder, 'large-claim.bpmn')]);
    expect(result.status, result.stdout + result.stderr).to.equal(0);
    expect(result.stdout).to.match(/✔ an agent activates a check with its input, then declares the review done/);
    expect(result.stdout).to.match(/✔ a conditional start event starts a case when the amount is large/);
    expect(result.stdout).to.match(/2 passing/);
  });
});
