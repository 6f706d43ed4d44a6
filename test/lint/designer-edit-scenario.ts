/**
 * The scripted designer edit of the "Done when", shared by the lint/deploy test and the browser
 * check: in a copy of `bpmn/` and `forms/`, talent-staffing gets a renamed task, a moved shape, and a parallel
 * review by 省人力资源社会保障厅 (`hrss`) with its new form, saved as Camunda Modeler saves.
 */
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addNode, connect, diagramElement, element, makeSpace, moveShape, openModel, retarget, saveModel, userTaskExtensions } from './model-edits';

/** The repository root. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The model the designer edits. */
export const MODEL = 'talent-staffing';

/** A copy of `bpmn/` and `forms/` in a temporary folder, as a designer's checkout. */
export async function copyModels(): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'onego-designer-'));
  await cp(path.join(root, 'bpmn'), path.join(folder, 'bpmn'), { recursive: true });
  await cp(path.join(root, 'forms'), path.join(folder, 'forms'), { recursive: true });
  return folder;
}

/** The edited model's path in a copy. */
export const modelFile = (folder: string) => path.join(folder, 'bpmn', `${MODEL}.bpmn`);

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

/** The designer's edit, on the copy in `folder`: the ids it adds are `Task_HrssStaffingReview` and `Gateway_StaffingOffice_ReviewJoin`. */
export async function designerEdit(folder: string): Promise<void> {
  const model = await openModel(modelFile(folder));
  element(model, 'Task_CompetentDepartmentPreReview').name = '主管部门资格初审';
  moveShape(model, 'End_Returned', 0, 40);

  const subProcess = element(model, 'SubProcess_StaffingOffice');
  const fork = element(model, 'Gateway_StaffingOffice_ClockFork');
  const decision = element(model, 'Task_StaffingOfficeDecision');
  const end = element(model, 'End_StaffingOffice');
  // As in Modeler: the space tool opens a row at the bottom of the sub-process for the new branch; the new task
  // sits left of the decision's column and the join left of the end event, so neither covers the other.
  const area = diagramElement(model, subProcess.id!).di.bounds;
  const strip = area.y + area.height - 10;
  makeSpace(model, subProcess.id!, strip, 140);
  const review = addNode(model, subProcess, 'bpmn:UserTask', { id: 'Task_HrssStaffingReview', name: '人社厅并联审核', extensionElements: userTaskExtensions(model, 'talent-staffing-hrss-review', 'hrss') }, { x: diagramElement(model, decision.id!).di.bounds.x - 120, y: strip + 20, width: 100, height: 80 });
  const endBounds = diagramElement(model, end.id!).di.bounds;
  const join = addNode(model, subProcess, 'bpmn:ParallelGateway', { id: 'Gateway_StaffingOffice_ReviewJoin' }, { x: endBounds.x - 70, y: strip + 35, width: 50, height: 50 });
  connect(model, 'Flow_StaffingOffice_ToHrssReview', fork, review);
  connect(model, 'Flow_HrssReview_ToJoin', review, join);
  retarget(model, (decision.outgoing as { id: string }[]).map((flow) => element(model, flow.id))[0]!, join);
  connect(model, 'Flow_ReviewJoin_ToEnd', join, end, 'horizontal');
  await saveModel(model, modelFile(folder));
  await writeFile(path.join(folder, 'forms', 'talent-staffing-hrss-review.form'), hrssReviewForm());
}
