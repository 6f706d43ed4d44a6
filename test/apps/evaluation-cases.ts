/**
 * 好差评 cases for the statistics tests: a stand-in for the 好差评 model (same process id) that ends at once with
 * the variables it is created with — the statistics read the variables `bpmn/service-evaluation.bpmn` and its
 * workers leave, whatever ran before — and five evaluations of the kinds the real model ends with.
 */
import { processEvent, type AppsTestBed } from './apps-test-bed';

const EVALUATION_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="evaluation-test" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="service-evaluation" name="政务服务好差评" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

const rating = (rating: string, badReview: boolean, realName: boolean) => ({ rating, label: rating, badReview, realName, reasons: badReview ? '等待时间过长' : null, evaluatedAt: '2025-10-09T10:00:00+08:00' });

/**
 * Five finished evaluations at the bed's clock: enterprise opening — a good rating, a real-name bad review
 * rectified (closed), one still being rectified (open); talent card — an anonymous bad review (not rectified) and
 * one not rated in time. Totals: 5 evaluations, 4 rated, 3 bad, 2 to rectify, 1 rectified (50%).
 */
export async function finishEvaluations(bed: AppsTestBed): Promise<void> {
  await bed.server.engine.deployResources([{ name: 'service-evaluation.bpmn', content: Buffer.from(EVALUATION_BPMN) }]);
  const evaluations = [
    { serviceProcess: 'enterprise-opening', evaluationStatus: 'rated', evaluation: rating('satisfied', false, true), rectificationRequired: false, rectificationStatus: 'none' },
    { serviceProcess: 'enterprise-opening', evaluationStatus: 'rated', evaluation: rating('very-dissatisfied', true, true), rectificationRequired: true, rectificationStatus: 'closed' },
    { serviceProcess: 'enterprise-opening', evaluationStatus: 'rated', evaluation: rating('dissatisfied', true, true), rectificationRequired: true, rectificationStatus: 'open' },
    { serviceProcess: 'talent-card', evaluationStatus: 'rated', evaluation: rating('dissatisfied', true, false), rectificationRequired: false, rectificationStatus: 'none' },
    { serviceProcess: 'talent-card', evaluationStatus: 'expired', rectificationRequired: false, rectificationStatus: 'none' },
  ];
  for (const [index, variables] of evaluations.entries()) {
    const { processInstanceKey } = await bed.server.engine.createProcessInstance({ bpmnProcessId: 'service-evaluation', variables: { caseId: `HCP-SD-${index}`, caseTitle: `好差评 ${index}`, ...variables } });
    await bed.record(processEvent(processInstanceKey, 'ELEMENT_COMPLETED'));
  }
}
