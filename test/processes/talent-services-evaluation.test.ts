import { expect } from 'chai';
import type { Variables } from '../../engine/api';
import {
  completedJobs,
  completeTask,
  publish,
  recordedVariables,
  records,
  shanghai,
  startServiceBed,
  stopServiceBed,
  waitFor,
  waitForElement,
  waitForTasks,
  type ServiceBed,
} from './service-bed';

/*
 * 好差评 for the talent green-channel services on our engine with the real models and workers: a finished
 * schooling case and a staffing case — included, or returned by its competent department — each open their own
 * evaluation case for the talent, with the department that decided as the one responsible; a real-name bad review
 * of the schooling goes to the education department's rectification.
 */

const FILES = [
  'bpmn/talent-schooling.bpmn',
  'forms/talent-schooling-application.form',
  'forms/talent-schooling-review.form',
  'forms/talent-schooling-enrolment.form',
  'bpmn/talent-staffing.bpmn',
  'forms/talent-staffing-application.form',
  'forms/talent-staffing-prereview.form',
  'forms/talent-staffing-decision.form',
  'bpmn/service-evaluation.bpmn',
  'bpmn/service-evaluation-time-limits.dmn',
  'forms/evaluation-rectification.form',
  'forms/evaluation-return-visit.form',
  'forms/refusal-approval.form',
  'forms/supervision.form',
];

const talent = { name: '李四', idNumber: '370102198502021234' };

/** Waits for the evaluation case the finished service case `caseId` opened, at its wait for the rating. */
async function evaluationOf(bed: ServiceBed, caseId: string): Promise<string> {
  const started = await waitFor(bed, `the evaluation of ${caseId}`, () =>
    records(bed, (r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_ACTIVATED' && r.value.bpmnProcessId === 'service-evaluation' && r.value.elementId === 'StartEvent_ServiceCompleted').find(
      (r) => recordedVariables(bed, String(r.value.processInstanceKey)).serviceCaseId === caseId,
    ),
  );
  const key = String(started.value.processInstanceKey);
  await waitForElement(bed, key, 'Gateway_AwaitRating', 'ELEMENT_ACTIVATED');
  return key;
}

function staffingFiling(caseId: string): Variables {
  return { caseId, talent, cardNumber: 'HCK-2025-123456', employer: { name: '山东省某研究院', uscc: '12370000MB1234567X' }, competentDepartment: 'education', positionTitle: '研究员' };
}

describe('好差评 of the talent green-channel services on our engine', function () {
  this.timeout(120_000);
  let bed: ServiceBed | undefined;

  afterEach(async () => {
    await stopServiceBed(bed);
    bed = undefined;
  });

  it('opens an evaluation for the talent when the child is enrolled, and sends a real-name bad review to the education department', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:00:00'), FILES);
    const created = await bed.zeebe.createProcessInstance({
      bpmnProcessId: 'talent-schooling',
      variables: {
        caseId: 'ZNRX-HCP-1',
        talent,
        cardNumber: 'HCK-2025-123456',
        child: { name: '李小四', idNumber: '370102201801011234', grade: 'primary-1' },
        requestType: 'enrol',
        preferredDistrict: '历下区',
      },
    });
    const key = created.processInstanceKey;
    await completeTask(bed, key, 'Task_EducationReview', { schoolingDecision: 'arrange', assignedSchool: '历下区某小学' });
    await completeTask(bed, key, 'Task_SchoolEnrolment', { enrolmentNumber: 'G370102201801011234', className: '一年级二班' });
    await waitForElement(bed, key, 'End_Enrolled');

    const evaluation = await evaluationOf(bed, 'ZNRX-HCP-1');
    const opened = recordedVariables(bed, evaluation);
    expect(opened).to.deep.include({
      caseId: 'HCP-ZNRX-HCP-1',
      caseTitle: '好差评：子女入学：李小四（李四）',
      serviceProcess: 'talent-schooling',
      responsibleDepartment: 'education',
      jurisdiction: null,
    });
    expect(opened.evaluator).to.deep.equal(talent);
    expect(completedJobs(bed, evaluation, 'evaluation-invite')).to.have.length(1);

    await publish(bed, 'evaluation-submitted', 'ZNRX-HCP-1', { rating: 'dissatisfied', reasons: '学校离家太远', realName: true, evaluatedAt: '2025-09-29T15:00:00+08:00' });
    const [rectify] = await waitForTasks(bed, evaluation, 'Task_Rectify');
    expect(rectify!.candidateGroups).to.deep.equal(['education']);
  });

  it('opens an evaluation of a returned staffing filing with the competent department responsible, and of an included one with the staffing office', async () => {
    bed = await startServiceBed(shanghai('2025-09-29T09:00:00'), FILES);
    const returned = (await bed.zeebe.createProcessInstance({ bpmnProcessId: 'talent-staffing', variables: { ...staffingFiling('BZ-HCP-RETURNED'), competentDepartment: 'hrss' } as never })).processInstanceKey;
    await completeTask(bed, returned, 'Task_CompetentDepartmentPreReview', { preReviewDecision: 'return', returnReasons: '岗位不在编制员额内' });
    await waitForElement(bed, returned, 'End_Returned');
    const returnedEvaluation = recordedVariables(bed, await evaluationOf(bed, 'BZ-HCP-RETURNED'));
    expect(returnedEvaluation).to.deep.include({ serviceProcess: 'talent-staffing', responsibleDepartment: 'hrss', serviceCaseTitle: '编制实名制管理：李四（山东省某研究院）' });
    expect(returnedEvaluation.evaluator).to.deep.equal(talent);

    const included = (await bed.zeebe.createProcessInstance({ bpmnProcessId: 'talent-staffing', variables: staffingFiling('BZ-HCP-INCLUDED') as never })).processInstanceKey;
    await completeTask(bed, included, 'Task_CompetentDepartmentPreReview', { preReviewDecision: 'forward' });
    await completeTask(bed, included, 'Task_StaffingOfficeDecision', { staffingDecision: 'approve' });
    await waitForElement(bed, included, 'End_Included');
    const includedEvaluation = recordedVariables(bed, await evaluationOf(bed, 'BZ-HCP-INCLUDED'));
    expect(includedEvaluation).to.deep.include({ serviceProcess: 'talent-staffing', responsibleDepartment: 'staffing-office' });
    expect(includedEvaluation.evaluator).to.deep.equal(talent);
  });
});
