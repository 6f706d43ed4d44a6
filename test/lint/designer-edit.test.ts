import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { lintModelFile } from '../../scripts/commands/lint';
import { shanghai, startServiceBed, stopServiceBed, waitFor, waitForElement, type ServiceBed } from '../processes/service-bed';
import { diagramElement, element, openModel, saveModel } from './model-edits';
import { copyModels, designerEdit, MODEL, modelFile, root } from './designer-edit-scenario';

/*
 * The "Done when", scripted: a designer opens talent-staffing in (what Modeler is built on)
 * bpmn-moddle, renames a task, moves a shape, adds a parallel review by a department the process did not
 * involve before (省人力资源社会保障厅, `hrss`, already in the department directory: a new department would
 * also need users and a login in the identity file, which is not the designer's part), adds its form, and
 * saves as Modeler does. The edited copy lints clean, deploys to a real engine through the SDK, and a case
 * reaches the new task. Breaking a convention instead makes `onego lint` (the CLI) fail naming the element.
 */

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
