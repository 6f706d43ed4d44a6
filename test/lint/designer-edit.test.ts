import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Camunda8 } from '@camunda8/sdk';
import { lintModelFile } from '../../scripts/commands/lint';
import { shanghai, startServiceBed, stopServiceBed, waitFor, waitForElement, type ServiceBed } from '../processes/service-bed';
import { addNode, connect, diagramElement, element, makeSpace, moveShape, openModel, retarget, saveModel, userTaskExtensions } from './model-edits';

/*
 * The "Done when", scripted: a designer opens talent-staffing in (what Modeler is built on)
 * bpmn-moddle, renames a task, moves a shape, adds a parallel review by a department the process did not
 * involve before (省人力资源社会保障厅, `hrss`, already in the department directory: a new department would
 * also need users and a login in the identity file, which is not the designer's part), adds its form, and
 * saves as Modeler does. The edited copy lints clean, deploys to a real engine through the SDK, and a case
 * reaches the new task. Breaking a convention instead makes `onego lint` (the CLI) fail naming the element.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const MODEL = 'talent-staffing';

/** A copy of `bpmn/` and `forms/` in a temporary folder, as a designer's checkout. */
async function copyModels(): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'onego-designer-'));
  await cp(path.join(root, 'bpmn'), path.join(folder, 'bpmn'), { recursive: true });
  await cp(path.join(root, 'forms'), path.join(folder, 'forms'), { recursive: true });
  return folder;
}

const modelFile = (folder: string) => path.join(folder, 'bpmn', `${MODEL}.bpmn`);

/** The form a designer makes in Modeler's form editor for the new review. */
function hrssReviewForm(): string {
  const form = {
    schemaVersion: 18,
    executionPlatform: 'Camunda Cloud',
    executionPlatformVersion: '8.8.0',
    exporter: { name: 'Camunda Modeler', version: '5.40.0' },
    id: 'talent-staffing-hrss-review',
    type: 'default',
    components: [
      { type: 'text', id: 'Text_Heading', text: '## 人社厅并联审核\n人才：{{talent.name}}，岗位：{{positionTitle}}' },
      { type: 'radio', id: 'Field_HrssOpinion', key: 'hrssOpinion', label: '审核意见', values: [{ value: 'agree', label: '同意' }, { value: 'object', label: '有异议' }], validate: { required: true } },
      { type: 'textarea', id: 'Field_HrssRemarks', key: 'hrssRemarks', label: '说明', validate: { maxLength: 2000 } },
    ],
  };
  return `${JSON.stringify(form, null, 2)}\n`;
}

/** The designer's edit, on the copy in `folder`. */
async function designerEdit(folder: string): Promise<void> {
  const model = await openModel(modelFile(folder));
  element(model, 'Task_CompetentDepartmentPreReview').name = '主管部门资格初审';
  moveShape(model, 'End_Returned', 0, 40);

  const subProcess = element(model, 'SubProcess_StaffingOffice');
  const fork = element(model, 'Gateway_StaffingOffice_ClockFork');
  const decision = element(model, 'Task_StaffingOfficeDecision');
  const end = element(model, 'End_StaffingOffice');
  // As in Modeler: the space tool opens a row at the bottom of the sub-process for the new branch.
  const area = diagramElement(model, subProcess.id!).di.bounds;
  const strip = area.y + area.height - 10;
  makeSpace(model, subProcess.id!, strip, 140);
  const review = addNode(model, subProcess, 'bpmn:UserTask', { id: 'Task_HrssStaffingReview', name: '人社厅并联审核', extensionElements: userTaskExtensions(model, 'talent-staffing-hrss-review', 'hrss') }, { x: diagramElement(model, decision.id!).di.bounds.x, y: strip + 20, width: 100, height: 80 });
  const endBounds = diagramElement(model, end.id!).di.bounds;
  const join = addNode(model, subProcess, 'bpmn:ParallelGateway', { id: 'Gateway_StaffingOffice_ReviewJoin' }, { x: endBounds.x - 100, y: strip + 35, width: 50, height: 50 });
  connect(model, 'Flow_StaffingOffice_ToHrssReview', fork, review);
  connect(model, 'Flow_HrssReview_ToJoin', review, join);
  retarget(model, (decision.outgoing as { id: string }[]).map((flow) => element(model, flow.id))[0]!, join);
  connect(model, 'Flow_ReviewJoin_ToEnd', join, end, 'horizontal');
  await saveModel(model, modelFile(folder));
  await writeFile(path.join(folder, 'forms', 'talent-staffing-hrss-review.form'), hrssReviewForm());
}

/** Runs `node scripts/onego.mjs lint <file>` as a designer would; answers exit code and output. */
function lintCli(file: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/onego.mjs', 'lint', file], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('a scripted designer edit of talent-staffing', function () {
  this.timeout(120_000);
  let folder: string;
  let bed: ServiceBed | undefined;

  beforeEach(async () => {
    folder = await copyModels();
  });
  afterEach(async () => {
    await stopServiceBed(bed);
    bed = undefined;
    await rm(folder, { recursive: true, force: true });
  });

  it('lints clean, deploys through the SDK, and a case reaches the new parallel review by hrss', async () => {
    await designerEdit(folder);
    const saved = await readFile(modelFile(folder), 'utf8');
    expect(saved).to.contain('name="主管部门资格初审"').and.contain('id="Task_HrssStaffingReview"');

    const errors = (await lintModelFile(modelFile(folder))).filter((problem) => problem.category === 'error');
    expect(errors).to.deep.equal([]);

    bed = await startServiceBed(shanghai('2025-09-29T09:00:00'), ['forms/supervision.form']);
    const forms = (await readdir(path.join(folder, 'forms'))).filter((name) => name.endsWith('.form'));
    const deployment = await bed.zeebe.deployResources([{ processFilename: modelFile(folder) }, ...forms.map((name) => ({ formFilename: path.join(folder, 'forms', name) }))]);
    expect(deployment.deployments.map((entry) => Object.keys(entry as object)[0])).to.include('process');
    const rest = new Camunda8({ ZEEBE_REST_ADDRESS: bed.server.restUrl, CAMUNDA_AUTH_STRATEGY: 'NONE', CAMUNDA_LOG_LEVEL: 'none' } as never).getCamundaRestClient();
    const { processInstanceKey } = await bed.zeebe.createProcessInstance({
      bpmnProcessId: MODEL,
      variables: {
        talent: { name: '李四', idNumber: '370102198502021234' },
        cardNumber: 'HCK-2025-123456',
        employer: { name: '山东省某研究院', uscc: '12370000MB1234567X' },
        competentDepartment: 'education',
        positionTitle: '研究员',
      },
    });
    const openTask = (elementId: string) =>
      waitFor(bed!, `an open ${elementId}`, () => bed!.server.engine.listUserTasks().find((task) => task.processInstanceKey === processInstanceKey && task.elementId === elementId));

    await openTask('Task_CompetentDepartmentPreReview');
    const [preReview] = (await rest.searchUserTasks({ filter: { processInstanceKey, elementId: 'Task_CompetentDepartmentPreReview' } } as never)).items;
    expect(preReview!.name).to.equal('主管部门资格初审');
    await rest.completeUserTask({ userTaskKey: preReview!.userTaskKey, variables: { preReviewDecision: 'forward' } });

    await openTask('Task_HrssStaffingReview');
    await openTask('Task_StaffingOfficeDecision');
    const found = await rest.searchUserTasks({ filter: { processInstanceKey, candidateGroup: 'hrss' } } as never);
    expect(found.items.map((task) => [task.elementId, task.name, task.candidateGroups])).to.deep.equal([['Task_HrssStaffingReview', '人社厅并联审核', ['hrss']]]);

    const decision = (await rest.searchUserTasks({ filter: { processInstanceKey, elementId: 'Task_StaffingOfficeDecision' } } as never)).items[0]!;
    await rest.completeUserTask({ userTaskKey: decision.userTaskKey, variables: { staffingDecision: 'approve' } });
    await rest.completeUserTask({ userTaskKey: found.items[0]!.userTaskKey, variables: { hrssOpinion: 'agree' } });
    await waitForElement(bed, processInstanceKey, 'End_Included', 'ELEMENT_COMPLETED');
  });

  describe('breaking a convention makes `onego lint` exit non-zero, naming the element', () => {
    it('a job type without a registered worker', async () => {
      const model = await openModel(modelFile(folder));
      const task = element(model, 'Task_RecordStaffing');
      task.extensionElements.values.find((value: { $type: string }) => value.$type === 'zeebe:TaskDefinition').type = 'talent-staffing-archive';
      await saveModel(model, modelFile(folder));

      const { code, output } = await lintCli(modelFile(folder));

      expect(code).to.equal(1);
      expect(output).to.match(/Task_RecordStaffing: error .*job type 'talent-staffing-archive' has no registered worker.* \(onego\/job-worker\)/);
    });

    it('a linked form missing from forms/', async () => {
      await rm(path.join(folder, 'forms', 'talent-staffing-decision.form'));

      const { code, output } = await lintCli(modelFile(folder));

      expect(code).to.equal(1);
      expect(output).to.match(/Task_StaffingOfficeDecision: error .*form 'talent-staffing-decision' does not exist in forms\/.* \(onego\/user-task-form\)/);
    });

    it('a deadline whose red-light timer was deleted', async () => {
      const model = await openModel(modelFile(folder));
      const red = element(model, 'Timer_StaffingOffice_Red');
      const clock = red.$parent as { flowElements: { id: string }[] };
      const [into] = red.incoming as { id: string; targetRef: unknown }[];
      const [outOf] = red.outgoing as { id: string; targetRef: { incoming: unknown[] } }[];
      into!.targetRef = outOf!.targetRef;
      outOf!.targetRef.incoming = [into];
      clock.flowElements = clock.flowElements.filter((candidate) => candidate !== red && candidate !== outOf);
      for (const id of [red.id!, outOf!.id]) {
        const { di, plane } = diagramElement(model, id);
        plane.planeElement = plane.planeElement.filter((candidate: unknown) => candidate !== di);
      }
      await saveModel(model, modelFile(folder));

      const { code, output } = await lintCli(modelFile(folder));

      expect(code).to.equal(1);
      expect(output).to.match(/Task_StartStaffingDeadline: error .*deadline 'deadline_staffing' has no red-light timer.* \(onego\/deadline-lights\)/);
    });
  });
});
