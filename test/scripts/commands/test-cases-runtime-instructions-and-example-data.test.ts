import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bpmn } from '../../support';
import { onegoTestCases } from './onego-test-cases';

const { process: bpmnProcess, start, end, serviceTask, userTask, chain } = bpmn;

/** Camunda Modeler's example data on a task: a `zeebe:property` named `camundaModeler:exampleOutputJson`. */
function withExampleData(task: string, example: unknown): string {
  const property = `<zeebe:properties><zeebe:property name="camundaModeler:exampleOutputJson" value="${bpmn.attr(JSON.stringify(example))}"/></zeebe:properties>`;
  if (task.includes('<bpmn:extensionElements>')) return task.replace('<bpmn:extensionElements>', `<bpmn:extensionElements>${property}`);
  return task.replace(/^(<bpmn:[A-Za-z]+ [^>]*?)(\/?)>/, (_, open: string, selfClosing: string) => `${open}><bpmn:extensionElements>${property}</bpmn:extensionElements>${selfClosing ? `</${open.slice(1).split(' ')[0]}>` : ''}`);
}

/** 证照核验: a credit check and a clerk's review, each with the example output a designer left in the Modeler. */
const licenceCheck = bpmnProcess(
  'licence-check',
  start('received'),
  withExampleData(serviceTask('credit', 'credit-check'), { creditScore: 720, blacklisted: false }),
  withExampleData(userTask('review'), { approved: true, remark: '材料齐全' }),
  serviceTask('archive', 'archive'),
  end('done'),
  chain('received', 'credit', 'review', 'archive', 'done'),
);

const cases = {
  testCases: [
    {
      name: 'completes a job and a user task with the example data of their elements',
      instructions: [
        { type: 'CREATE_PROCESS_INSTANCE', processDefinitionSelector: { processDefinitionId: 'licence-check' } },
        { type: 'COMPLETE_JOB', jobSelector: { elementId: 'credit' }, useExampleData: true },
        { type: 'COMPLETE_USER_TASK', userTaskSelector: { elementId: 'review' }, useExampleData: true },
        { type: 'ASSERT_VARIABLES', processInstanceSelector: { processDefinitionId: 'licence-check' }, variables: { creditScore: 720, blacklisted: false, approved: true, remark: '材料齐全' } },
        { type: 'ASSERT_ELEMENT_INSTANCE', processInstanceSelector: { processDefinitionId: 'licence-check' }, elementSelector: { elementId: 'archive' }, state: 'IS_ACTIVE' },
      ],
    },
    {
      name: 'a job-worker mock answers with the example data of each job’s element',
      instructions: [
        { type: 'MOCK_JOB_WORKER_COMPLETE_JOB', jobType: 'credit-check', useExampleData: true },
        { type: 'CREATE_PROCESS_INSTANCE', processDefinitionSelector: { processDefinitionId: 'licence-check' } },
        { type: 'ASSERT_ELEMENT_INSTANCE', processInstanceSelector: { processDefinitionId: 'licence-check' }, elementSelector: { elementId: 'review' }, state: 'IS_ACTIVE' },
        { type: 'ASSERT_VARIABLES', processInstanceSelector: { processDefinitionId: 'licence-check' }, variables: { creditScore: 720 } },
      ],
    },
    {
      name: 'a runtime instruction ends the instance once the review is done, before the archive',
      instructions: [
        {
          type: 'CREATE_PROCESS_INSTANCE',
          processDefinitionSelector: { processDefinitionId: 'licence-check' },
          runtimeInstructions: [{ type: 'TERMINATE_PROCESS_INSTANCE', afterElementId: 'review' }],
        },
        { type: 'COMPLETE_JOB', jobSelector: { elementId: 'credit' }, variables: { creditScore: 600 } },
        { type: 'COMPLETE_USER_TASK', userTaskSelector: { elementId: 'review' } },
        { type: 'ASSERT_ELEMENT_INSTANCE', processInstanceSelector: { processDefinitionId: 'licence-check' }, elementSelector: { elementId: 'review' }, state: 'IS_COMPLETED' },
        { type: 'ASSERT_PROCESS_INSTANCE', processInstanceSelector: { processDefinitionId: 'licence-check' }, state: 'IS_TERMINATED' },
      ],
    },
  ],
};

describe('onego test-cases runs runtimeInstructions and useExampleData of CPT JSON test cases', function () {
  this.timeout(120_000);
  let folder: string;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'onego-test-cases-example-'));
    await writeFile(join(folder, 'licence-check.bpmn'), licenceCheck);
    await writeFile(join(folder, 'cases.json'), JSON.stringify(cases, null, 2));
  });
  after(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('completes with the elements’ example data (COMPLETE_JOB, COMPLETE_USER_TASK, MOCK_JOB_WORKER_COMPLETE_JOB) and ends an instance after an element (TERMINATE_PROCESS_INSTANCE)', async () => {
    const result = await onegoTestCases([join(folder, 'cases.json'), '--deploy', join(folder, 'licence-check.bpmn')]);
    expect(result.status, result.stdout + result.stderr).to.equal(0);
    expect(result.stdout).to.match(/✔ completes a job and a user task with the example data of their elements/);
    expect(result.stdout).to.match(/✔ a job-worker mock answers with the example data of each job’s element/);
    expect(result.stdout).to.match(/✔ a runtime instruction ends the instance once the review is done, before the archive/);
    expect(result.stdout).to.match(/3 passing/);
  });

  it('fails a case whose example data is not a JSON object, naming the element', async () => {
    const broken = bpmnProcess('broken-example', start('s'), withExampleData(serviceTask('t', 'broken'), [1, 2]), end('e'), chain('s', 't', 'e'));
    await writeFile(join(folder, 'broken.bpmn'), broken);
    await writeFile(
      join(folder, 'broken.json'),
      JSON.stringify({ testCases: [{ name: 'example data must be an object', instructions: [{ type: 'CREATE_PROCESS_INSTANCE', processDefinitionSelector: { processDefinitionId: 'broken-example' } }, { type: 'COMPLETE_JOB', jobSelector: { elementId: 't' }, useExampleData: true }] }] }),
    );
    const result = await onegoTestCases([join(folder, 'broken.json'), '--deploy', join(folder, 'broken.bpmn')]);
    expect(result.status).to.equal(1);
    expect(result.stdout + result.stderr).to.contain("the example data of element 't' must be a JSON object");
  });
});
