/**
 * The models `onego bench-scale` loads: small but shaped like the real ones — a service task done by an SDK
 * job worker for the cases that finish, a Camunda user task for a department with a 亮灯-style
 * non-interrupting timer for the cases that wait, and an intermediate timer for cases that wait on time.
 */

/** Process id of the finished cases: start → service task (job type {@link REGISTER_JOB_TYPE}) → end. */
export const FINISHED_PROCESS_ID = 'scale-finished';
/** Process id of the cases waiting at a user task (candidate group from `dept`) with a timer boundary event. */
export const USER_TASK_PROCESS_ID = 'scale-user-task';
/** Process id of the cases waiting at an intermediate timer. */
export const TIMER_PROCESS_ID = 'scale-timer';
/** The job type of the finished cases' service task. */
export const REGISTER_JOB_TYPE = 'scale-register';
/** The candidate groups the waiting user tasks are spread over. */
export const CANDIDATE_GROUPS = ['dept-a', 'dept-b'] as const;
/** Far enough ahead that no timer fires while the benchmark runs. */
const FAR_AWAY = 'P3650D';

const HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" targetNamespace="http://bpmn.io/schema/bpmn"`;

const FINISHED_MODEL = `${HEAD} id="${FINISHED_PROCESS_ID}-definitions">
  <bpmn:process id="${FINISHED_PROCESS_ID}" name="登记办结" isExecutable="true">
    <bpmn:startEvent id="received"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="received" targetRef="register" />
    <bpmn:serviceTask id="register" name="登记">
      <bpmn:extensionElements><zeebe:taskDefinition type="${REGISTER_JOB_TYPE}" retries="3" /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f2" sourceRef="register" targetRef="done" />
    <bpmn:endEvent id="done" name="办结"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;

const USER_TASK_MODEL = `${HEAD} id="${USER_TASK_PROCESS_ID}-definitions">
  <bpmn:process id="${USER_TASK_PROCESS_ID}" name="部门审查" isExecutable="true">
    <bpmn:startEvent id="received"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="received" targetRef="review" />
    <bpmn:userTask id="review" name="审查">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:assignmentDefinition candidateGroups="=dept" />
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="reviewed" />
    <bpmn:endEvent id="reviewed"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:boundaryEvent id="yellow" name="黄灯" cancelActivity="false" attachedToRef="review">
      <bpmn:outgoing>f3</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">${FAR_AWAY}</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f3" sourceRef="yellow" targetRef="reminded" />
    <bpmn:endEvent id="reminded"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;

const TIMER_MODEL = `${HEAD} id="${TIMER_PROCESS_ID}-definitions">
  <bpmn:process id="${TIMER_PROCESS_ID}" name="期满办理" isExecutable="true">
    <bpmn:startEvent id="received"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="received" targetRef="wait" />
    <bpmn:intermediateCatchEvent id="wait" name="公示期">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">${FAR_AWAY}</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="done" />
    <bpmn:endEvent id="done"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;

/** The three models, as resources to deploy. */
export const SCALE_MODELS: { name: string; xml: string }[] = [
  { name: `${FINISHED_PROCESS_ID}.bpmn`, xml: FINISHED_MODEL },
  { name: `${USER_TASK_PROCESS_ID}.bpmn`, xml: USER_TASK_MODEL },
  { name: `${TIMER_PROCESS_ID}.bpmn`, xml: TIMER_MODEL },
];

/** Only the finished cases' model, for the throughput phases. */
export const FINISHED_MODEL_RESOURCE = SCALE_MODELS[0];

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙'];
const GIVEN_NAMES = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛'];

/** An applicant's name for case `index`: a common Chinese name with a number, so each case has its own. */
export function applicantName(index: number): string {
  return `${SURNAMES[index % SURNAMES.length]}${GIVEN_NAMES[Math.floor(index / SURNAMES.length) % GIVEN_NAMES.length]}${index}`;
}

/** The variables a case starts with (the name is what the variable-search measurement looks for). */
export function caseVariables(index: number, prefix: string): Record<string, string | number> {
  return {
    applicantName: applicantName(index),
    caseNo: `${prefix}-${String(index).padStart(8, '0')}`,
    dept: CANDIDATE_GROUPS[index % CANDIDATE_GROUPS.length],
    fee: (index % 17) * 10,
  };
}
