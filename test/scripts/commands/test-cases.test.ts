import { expect } from 'chai';
import { onegoTestCases } from './onego-test-cases';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ageDecision } from '../../engine/gateway/support/bpmn';
import { bpmn } from '../../support';

const { process: bpmnProcess, start, end, serviceTask, userTask, receiveTask, callActivity, businessRuleTask, boundary, timerDuration, message, error, errorRef, chain } = bpmn;

/** 材料核验: a job checks the papers; complete → review at the window; missing → wait five days for 补正. */
const materialCheck = bpmnProcess(
  'material-check',
  message('supplement-message', 'materials-supplemented', '=caseId'),
  error('incomplete-error', 'INCOMPLETE'),
  start('received'),
  serviceTask('check', 'material-check'),
  boundary('incomplete', 'check', errorRef('incomplete-error')),
  receiveTask('supplement', 'supplement-message'),
  boundary('expired', 'supplement', timerDuration('P5D')),
  userTask('review', { candidateGroups: 'window' }),
  end('accepted'),
  end('closed'),
  chain('received', 'check', 'review', 'accepted'),
  chain('incomplete', 'supplement', 'review'),
  chain('expired', 'closed'),
);

/** 社保减免: verify identity (a called process), apply the fee rule (a decision), review at the window — named steps. */
const feeWaiver = bpmnProcess(
  'fee-waiver',
  start('applied', '', { name: '申请' }),
  callActivity('verify', 'identity-verification', { name: '身份核验' }),
  businessRuleTask('fee', 'fee-rule', 'feeResult', { name: '收费规则' }),
  userTask('window-review', { name: '窗口复核', candidateGroups: 'window' }),
  end('done', '', { name: '办结' }),
  chain('applied', 'verify', 'fee', 'window-review', 'done'),
);

const mockedCases = {
  testCases: [
    {
      name: 'a mocked child process and a mocked decision feed the window review, selected by element and task names',
      instructions: [
        { type: 'MOCK_CHILD_PROCESS', processDefinitionId: 'identity-verification', variables: { verified: true, level: 2 } },
        { type: 'MOCK_DMN_DECISION', decisionDefinitionId: 'fee-rule', variables: { fee: 0, reason: '低保户减免 "全额"' } },
        { type: 'CREATE_PROCESS_INSTANCE', processDefinitionSelector: { processDefinitionId: 'fee-waiver' } },
        { type: 'ASSERT_USER_TASK', userTaskSelector: { taskName: '窗口复核' }, state: 'IS_CREATED', candidateGroups: ['window'] },
        { type: 'ASSERT_VARIABLES', processInstanceSelector: { processDefinitionId: 'fee-waiver' }, variables: { verified: true, level: 2, feeResult: { fee: 0, reason: '低保户减免 "全额"' } } },
        { type: 'COMPLETE_USER_TASK', userTaskSelector: { taskName: '窗口复核' }, variables: { reviewed: true } },
        { type: 'ASSERT_ELEMENT_INSTANCES', processInstanceSelector: { processDefinitionId: 'fee-waiver' }, elementSelectors: [{ elementName: '身份核验' }, { elementName: '收费规则' }, { elementName: '窗口复核' }], state: 'IS_COMPLETED_IN_ORDER' },
        { type: 'ASSERT_ELEMENT_INSTANCE', processInstanceSelector: { processDefinitionId: 'fee-waiver' }, elementSelector: { elementName: '办结' }, state: 'IS_COMPLETED' },
      ],
    },
  ],
};

const passingCases = {
  $schema: 'https://camunda.com/json-schema/cpt-test-cases/8.9/schema.json',
  testCases: [
    {
      name: 'complete papers — accepted at the window',
      instructions: [
        { type: 'CREATE_PROCESS_INSTANCE', processDefinitionSelector: { processDefinitionId: 'material-check' }, variables: { caseId: 'JN-1' } },
        { type: 'COMPLETE_JOB', jobSelector: { elementId: 'check' }, variables: { checked: true } },
        { type: 'ASSERT_USER_TASK', userTaskSelector: { elementId: 'review' }, state: 'IS_CREATED', candidateGroups: ['window'] },
        { type: 'COMPLETE_USER_TASK', userTaskSelector: { elementId: 'review' }, variables: { approved: true } },
        { type: 'ASSERT_PROCESS_INSTANCE', processInstanceSelector: { processDefinitionId: 'material-check' }, state: 'IS_COMPLETED', hasActiveIncidents: false },
        { type: 'ASSERT_ELEMENT_INSTANCES', processInstanceSelector: { processDefinitionId: 'material-check' }, elementSelectors: [{ elementId: 'received' }, { elementId: 'check' }, { elementId: 'review' }, { elementId: 'accepted' }], state: 'IS_COMPLETED_IN_ORDER' },
        { type: 'ASSERT_VARIABLES', processInstanceSelector: { processDefinitionId: 'material-check' }, variables: { caseId: 'JN-1', checked: true, approved: true } },
      ],
    },
    {
      name: 'missing papers — supplemented in time',
      instructions: [
        { type: 'MOCK_JOB_WORKER_THROW_BPMN_ERROR', jobType: 'material-check', errorCode: 'INCOMPLETE' },
        { type: 'CREATE_PROCESS_INSTANCE', processDefinitionSelector: { processDefinitionId: 'material-check' }, variables: { caseId: 'JN-2' } },
        { type: 'ASSERT_PROCESS_INSTANCE_MESSAGE_SUBSCRIPTION', processInstanceSelector: { processDefinitionId: 'material-check' }, messageSelector: { messageName: 'materials-supplemented' }, state: 'IS_WAITING' },
        { type: 'CORRELATE_MESSAGE', name: 'materials-supplemented', correlationKey: 'JN-2', variables: { supplemented: true } },
        { type: 'ASSERT_ELEMENT_INSTANCE', processInstanceSelector: { processDefinitionId: 'material-check' }, elementSelector: { elementId: 'review' }, state: 'IS_ACTIVE' },
        { type: 'ASSERT_ELEMENT_INSTANCES', processInstanceSelector: { processDefinitionId: 'material-check' }, elementSelectors: [{ elementId: 'expired' }, { elementId: 'closed' }], state: 'IS_NOT_ACTIVATED' },
        { type: 'ASSERT_VARIABLES', processInstanceSelector: { processDefinitionId: 'material-check' }, variableNames: ['supplemented'] },
      ],
    },
    {
      name: 'missing papers — never supplemented, closed after five days',
      instructions: [
        { type: 'MOCK_JOB_WORKER_THROW_BPMN_ERROR', jobType: 'material-check', errorCode: 'INCOMPLETE' },
        { type: 'CREATE_PROCESS_INSTANCE', processDefinitionSelector: { processDefinitionId: 'material-check' }, variables: { caseId: 'JN-3' } },
        { type: 'ASSERT_ELEMENT_INSTANCE', processInstanceSelector: { processDefinitionId: 'material-check' }, elementSelector: { elementId: 'supplement' }, state: 'IS_ACTIVE' },
        { type: 'INCREASE_TIME', duration: 'P6D' },
        { type: 'ASSERT_PROCESS_INSTANCE', processInstanceSelector: { processDefinitionId: 'material-check' }, state: 'IS_COMPLETED' },
        { type: 'ASSERT_ELEMENT_INSTANCES', processInstanceSelector: { processDefinitionId: 'material-check' }, elementSelectors: [{ elementId: 'supplement' }], state: 'IS_TERMINATED' },
        { type: 'ASSERT_ELEMENT_INSTANCE', processInstanceSelector: { processDefinitionId: 'material-check' }, elementSelector: { elementId: 'closed' }, state: 'IS_COMPLETED' },
      ],
    },
    {
      name: 'an adult is classified by the age decision',
      instructions: [
        { type: 'EVALUATE_DECISION', decisionDefinitionSelector: { decisionDefinitionId: 'age-group' }, variables: { age: 30 } },
        { type: 'ASSERT_DECISION', decisionSelector: { decisionDefinitionId: 'age-group' }, output: 'adult', matchedRules: [1] },
      ],
    },
  ],
};

const failingCases = {
  testCases: [
    {
      name: 'expects a waiting case to be finished',
      instructions: [
        { type: 'CREATE_PROCESS_INSTANCE', processDefinitionSelector: { processDefinitionId: 'material-check' }, variables: { caseId: 'JN-4' } },
        { type: 'ASSERT_PROCESS_INSTANCE', processInstanceSelector: { processDefinitionId: 'material-check' }, state: 'IS_COMPLETED' },
      ],
    },
    { name: 'uses an instruction onego does not know', instructions: [{ type: 'SOME_FUTURE_INSTRUCTION', jobSelector: { elementId: 'anything' } }] },
    {
      name: 'names an element no model has',
      instructions: [
        { type: 'CREATE_PROCESS_INSTANCE', processDefinitionSelector: { processDefinitionId: 'material-check' }, variables: { caseId: 'JN-5' } },
        { type: 'ASSERT_ELEMENT_INSTANCE', processInstanceSelector: { processDefinitionId: 'material-check' }, elementSelector: { elementName: '不存在的步骤' }, state: 'IS_ACTIVE' },
      ],
    },
  ],
};

describe("onego test-cases runs Camunda Process Test's JSON test cases on the embedded engine", function () {
  this.timeout(120_000);
  let folder: string;
  let models: string[];

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'onego-test-cases-'));
    await mkdir(join(folder, 'passing'));
    await mkdir(join(folder, 'failing'));
    await writeFile(join(folder, 'material-check.bpmn'), materialCheck);
    await writeFile(join(folder, 'age-group.dmn'), ageDecision('age-group'));
    await mkdir(join(folder, 'mocked'));
    await writeFile(join(folder, 'fee-waiver.bpmn'), feeWaiver);
    await writeFile(join(folder, 'mocked', 'fee-waiver.json'), JSON.stringify(mockedCases, null, 2));
    await writeFile(join(folder, 'passing', 'material-check.json'), JSON.stringify(passingCases, null, 2));
    await writeFile(join(folder, 'failing', 'wrong-expectations.json'), JSON.stringify(failingCases, null, 2));
    await writeFile(join(folder, 'broken.json'), '{ "testCases": [ { "instructions": [] } ] }');
    models = ['--deploy', join(folder, 'material-check.bpmn'), '--deploy', join(folder, 'age-group.dmn')];
  });
  after(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('passes jobs, user tasks, BPMN errors from mocks, message correlation, a timer moved five days and a decision, and exits 0', async () => {
    const result = await onegoTestCases([join(folder, 'passing'), ...models]);

    expect(result.status, result.stdout + result.stderr).to.equal(0);
    expect(result.stdout).to.contain('material-check.json');
    expect(result.stdout).to.match(/✔ complete papers — accepted at the window \(\d+ms\)/);
    expect(result.stdout).to.match(/✔ missing papers — never supplemented, closed after five days/);
    expect(result.stdout).to.match(/4 passing/);
  });

  it('fails a case whose assertion never holds, naming the instruction and what it found, and exits 1', async () => {
    const result = await onegoTestCases([join(folder, 'failing'), ...models, '--timeout', '500']);

    expect(result.status).to.equal(1);
    expect(result.stdout).to.match(/0 passing/);
    expect(result.stdout).to.match(/3 failing/);
    expect(result.stdout).to.contain('instruction 2 (ASSERT_PROCESS_INSTANCE): process instance material-check is ACTIVE, expected IS_COMPLETED');
    expect(result.stdout).to.contain('instruction 1 (SOME_FUTURE_INSTRUCTION): not supported by onego test-cases yet');
    expect(result.stdout).to.contain("instruction 2 (ASSERT_ELEMENT_INSTANCE): no deployed element is named '不存在的步骤'");
  });

  it('stands in for a child process and a decision that are not deployed, and selects elements and tasks by name, as CPT does', async () => {
    const result = await onegoTestCases([join(folder, 'mocked'), '--deploy', join(folder, 'fee-waiver.bpmn')]);

    expect(result.status, result.stdout + result.stderr).to.equal(0);
    expect(result.stdout).to.match(/✔ a mocked child process and a mocked decision feed the window review/);
    expect(result.stdout).to.match(/1 passing/);
  });

  it('refuses a file that is not a test-case file with its name and exit 2', async () => {
    const result = await onegoTestCases([join(folder, 'broken.json'), ...models]);

    expect(result.status).to.equal(2);
    expect(result.stderr).to.contain('broken.json: testCases[0] 缺少 name / needs a "name"');
  });
});
