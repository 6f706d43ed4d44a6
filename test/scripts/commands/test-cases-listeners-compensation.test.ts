import { expect } from 'chai';
import { onegoTestCases } from './onego-test-cases';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bpmn } from '../../support';
import { compensate, compensationBoundary, forCompensation } from '../../engine/conformance/support/compensation-models';
import { taskListeners, withExtension } from '../../engine/conformance/support/listener-models';

const { process: bpmnProcess, start, end, serviceTask, userTask, throwEvent, chain } = bpmn;

/** 执照核发: a creating listener picks the clerk, the licence is issued, then withdrawn again (compensation). */
const licence = bpmnProcess(
  'licence-issue',
  start('applied'),
  withExtension(userTask('approve', { name: '审批' }), taskListeners(['creating', 'pick-clerk'])),
  serviceTask('issue', 'issue-licence', { name: '核发执照' }),
  compensationBoundary('issueUndo', 'issue', 'revoke'),
  forCompensation(serviceTask('revoke', 'revoke-licence', { name: '注销执照' })),
  throwEvent('withdraw', compensate(), { name: '申请人撤回' }),
  end('closed'),
  chain('applied', 'approve', 'issue', 'withdraw', 'closed'),
);

const cases = {
  $schema: 'https://camunda.com/json-schema/cpt-test-cases/8.9/schema.json',
  testCases: [
    {
      name: 'a creating listener assigns the clerk by correction, and a withdrawal compensates the issued licence',
      instructions: [
        { type: 'CREATE_PROCESS_INSTANCE', processDefinitionSelector: { processDefinitionId: 'licence-issue' } },
        { type: 'COMPLETE_JOB_USER_TASK_LISTENER', jobSelector: { jobType: 'pick-clerk' }, corrections: { assignee: 'li.si', priority: 80 } },
        { type: 'ASSERT_USER_TASK', userTaskSelector: { elementId: 'approve' }, state: 'IS_CREATED', assignee: 'li.si' },
        { type: 'COMPLETE_USER_TASK', userTaskSelector: { elementId: 'approve' }, variables: { approved: true } },
        { type: 'COMPLETE_JOB', jobSelector: { jobType: 'issue-licence' }, variables: { licenceNo: 'JN-2026-001' } },
        { type: 'ASSERT_ELEMENT_INSTANCE', processInstanceSelector: { processDefinitionId: 'licence-issue' }, elementSelector: { elementName: '申请人撤回' }, state: 'IS_ACTIVE' },
        { type: 'COMPLETE_JOB', jobSelector: { elementId: 'revoke' }, variables: { revoked: true } },
        { type: 'ASSERT_ELEMENT_INSTANCES', processInstanceSelector: { processDefinitionId: 'licence-issue' }, elementSelectors: [{ elementName: '核发执照' }, { elementName: '注销执照' }, { elementName: '申请人撤回' }], state: 'IS_COMPLETED_IN_ORDER' },
        { type: 'ASSERT_VARIABLES', processInstanceSelector: { processDefinitionId: 'licence-issue' }, variables: { licenceNo: 'JN-2026-001', revoked: true } },
        { type: 'ASSERT_PROCESS_INSTANCE', processInstanceSelector: { processDefinitionId: 'licence-issue' }, state: 'IS_COMPLETED' },
      ],
    },
  ],
};

describe('onego test-cases runs user task listener jobs (COMPLETE_JOB_USER_TASK_LISTENER) and compensation models', function () {
  this.timeout(120_000);
  let folder: string;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'onego-test-cases-listeners-'));
    await writeFile(join(folder, 'licence-issue.bpmn'), licence);
    await writeFile(join(folder, 'licence-issue.json'), JSON.stringify(cases, null, 2));
  });
  after(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('completes the listener job with corrections, runs the compensation handler, and exits 0', async () => {
    const result = await onegoTestCases([join(folder, 'licence-issue.json'), '--deploy', join(folder, 'licence-issue.bpmn')]);
    expect(result.status, result.stdout + result.stderr).to.equal(0);
    expect(result.stdout).to.match(/✔ a creating listener assigns the clerk by correction, and a withdrawal compensates the issued licence/);
    expect(result.stdout).to.match(/1 passing/);
  });
});
