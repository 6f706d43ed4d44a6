import { expect } from 'chai';
import { onegoProblems, sampleModel, serviceTask, timer, where } from './sample-model';

const startLinkA = (inputs: [string, string][] = [['="linkA"', 'deadlineName'], ['=1', 'limitWorkingDays'], ['=now()', 'startedAt']]) =>
  serviceTask('Task_Start', '开始计时', 'deadline-start', inputs, [['=deadline', 'deadline_linkA']]);
const clock = (inner: string) => `<bpmn:subProcess id="SubProcess_Clock" name="亮灯计时">${inner}</bpmn:subProcess>`;
const lights = `${clock(timer('Timer_Red', '红灯', '=deadline_linkA.dueAt'))}${timer('Boundary_Yellow', '黄灯', '=deadline_linkA.warnAt', 'SubProcess_Clock')}`;

describe('bpmnlint-plugin-onego rules', () => {
  describe('onego/job-worker', () => {
    it('accepts a registered job type whose input targets are fields of its schema', async () => {
      const problems = await onegoProblems(sampleModel(serviceTask('Task_Notify', '黄灯提醒', 'light-notify', [['="yellow"', 'light'], ['=deadline_linkA', 'deadline']])));

      expect(where(problems)).to.deep.equal([]);
    });

    it('reports a job type without a registered worker, naming the element and the fix in Chinese and English', async () => {
      const [problem, ...rest] = await onegoProblems(sampleModel(serviceTask('Task_Unknown', '刻章', 'seal-carving-v2')));

      expect(rest).to.deep.equal([]);
      expect(problem).to.include({ elementId: 'Task_Unknown', rule: 'onego/job-worker', category: 'error' });
      expect(problem!.message).to.contain('任务类型“seal-carving-v2”没有已注册的作业处理程序').and.contain("job type 'seal-carving-v2' has no registered worker").and.contain('修正：').and.contain('Fix:');
    });

    it("reports an input target that is not a field of the worker's yup schema", async () => {
      const problems = await onegoProblems(sampleModel(serviceTask('Task_Record', '电子监察记录', 'supervision-record', [['=deadline_linkA', 'deadline'], ['="tax"', 'departmentId']])));

      expect(where(problems)).to.deep.equal(['Task_Record onego/job-worker']);
      expect(problems[0]!.message).to.contain("input target 'departmentId'").and.contain('deadline, caseId, department');
    });
  });

  describe('onego/user-task-form and onego/candidate-groups', () => {
    const userTask = (extensions: string) => `<bpmn:userTask id="Task_Review" name="审查"><bpmn:extensionElements><zeebe:userTask />${extensions}</bpmn:extensionElements></bpmn:userTask>`;
    const form = (id: string) => `<zeebe:formDefinition formId="${id}" bindingType="deployment" />`;
    const groups = (value: string) => `<zeebe:assignmentDefinition candidateGroups="${value}" />`;

    it('accepts a user task with a form from forms/ and department, supervisors and FEEL candidate groups', async () => {
      const problems = await onegoProblems(
        sampleModel(
          `${userTask(form('supervision') + groups('tax, tax-supervisors'))}<bpmn:userTask id="Task_Dynamic" name="督办"><bpmn:extensionElements><zeebe:userTask />${form('supervision')}${groups('=department + &quot;-supervisors&quot;')}</bpmn:extensionElements></bpmn:userTask>`,
        ),
      );

      expect(where(problems)).to.deep.equal([]);
    });

    it('reports a form id that does not exist in forms/', async () => {
      const problems = await onegoProblems(sampleModel(userTask(form('no-such-form') + groups('tax'))));

      expect(where(problems)).to.deep.equal(['Task_Review onego/user-task-form']);
      expect(problems[0]!.message).to.contain('表单“no-such-form”在 forms/ 中不存在').and.contain("form 'no-such-form' does not exist in forms/");
    });

    it('reports a user task without any form and without candidate groups', async () => {
      const problems = await onegoProblems(sampleModel(userTask('')));

      expect(where(problems)).to.have.members(['Task_Review onego/user-task-form', 'Task_Review onego/candidate-groups']);
    });

    it('reports a candidate group and literal or static department inputs that are not in the department directory (a variable passes)', async () => {
      const problems = await onegoProblems(
        sampleModel(
          `${userTask(form('supervision') + groups('tax,customs'))}${serviceTask('Task_Red', '红灯告警', 'light-notify', [['="customs"', 'recipientGroup']])}${serviceTask('Task_Record', '电子监察记录', 'supervision-record', [['customs', 'department']])}${serviceTask('Task_Known', '电子监察记录', 'supervision-record', [['=department', 'department']])}`,
        ),
      );

      expect(where(problems)).to.deep.equal(['Task_Review onego/candidate-groups', 'Task_Red onego/candidate-groups', 'Task_Record onego/candidate-groups']);
      expect(problems[0]!.message).to.contain("candidate group 'customs' is not in the department directory");
    });
  });

  describe('onego/deadline-lights', () => {
    it('accepts a deadline with a yellow boundary timer and a red timer inside its clock', async () => {
      const problems = await onegoProblems(sampleModel(`${startLinkA()}${lights}`));

      expect(where(problems)).to.deep.equal([]);
    });

    it('reports a deadline without its red timer on the deadline-start task', async () => {
      const problems = await onegoProblems(sampleModel(`${startLinkA()}${clock('')}${timer('Boundary_Yellow', '黄灯', '=deadline_linkA.warnAt', 'SubProcess_Clock')}`));

      expect(where(problems)).to.deep.equal(['Task_Start onego/deadline-lights']);
      expect(problems[0]!.message).to.contain('没有红灯计时器').and.contain("deadline 'deadline_linkA' has no red-light timer (=deadline_linkA.dueAt)");
    });

    it('reports an interrupting yellow boundary timer and a deadline-start that maps no deadline variable', async () => {
      const interruptingYellow = `${clock(timer('Timer_Red', '红灯', '=deadline_linkA.dueAt'))}${timer('Boundary_Yellow', '黄灯', '=deadline_linkA.warnAt', 'SubProcess_Clock', true)}`;

      const problems = await onegoProblems(sampleModel(`${startLinkA()}${interruptingYellow}${serviceTask('Task_Unmapped', '开始计时', 'deadline-start')}`));

      expect(where(problems)).to.have.members(['Boundary_Yellow onego/deadline-lights', 'Task_Unmapped onego/deadline-lights']);
    });
  });

  describe('onego/pause-resume', () => {
    const pause = serviceTask('Task_Pause', '暂停计时', 'deadline-pause', [['=deadline_linkA', 'deadline'], ['=now()', 'pausedAt']]);

    it('accepts a pause with a resume of the same deadline', async () => {
      const resume = serviceTask('Task_Resume', '恢复计时', 'deadline-resume', [['=deadline_linkA', 'deadline'], ['=now()', 'resumedAt']]);

      expect(where(await onegoProblems(sampleModel(`${startLinkA()}${lights}${pause}${resume}`)))).to.deep.equal([]);
    });

    it('reports a pause whose deadline is never resumed (a resume of another deadline does not count)', async () => {
      const otherResume = serviceTask('Task_Resume', '恢复计时', 'deadline-resume', [['=deadline_case', 'deadline'], ['=now()', 'resumedAt']]);

      const problems = await onegoProblems(sampleModel(`${startLinkA()}${lights}${pause}${otherResume}`));

      expect(where(problems)).to.deep.equal(['Task_Pause onego/pause-resume']);
      expect(problems[0]!.message).to.contain("deadline 'deadline_linkA' is paused but never resumed");
    });
  });

  describe('onego/chinese-names', () => {
    it('reports English and missing names on flow nodes but not on joining or parallel gateways', async () => {
      const body = `<bpmn:startEvent id="Start" name="Application received" /><bpmn:task id="Task_NoName" />
        <bpmn:exclusiveGateway id="Gateway_Join" /><bpmn:parallelGateway id="Gateway_Fork" /><bpmn:endEvent id="End" name="办结" />`;

      expect(where(await onegoProblems(sampleModel(body)))).to.deep.equal(['Start onego/chinese-names', 'Task_NoName onego/chinese-names']);
    });
  });

  describe('onego/no-literal-time-limit', () => {
    it('reports literal timers (ISO duration and FEEL duration literal) and an if-then-else timer', async () => {
      const body = `${timer('Timer_Iso', '等待', 'PT4H')}${timer('Timer_Feel', '等待', '=duration(&quot;P5D&quot;)')}${timer('Timer_If', '等待', '=if urgent then deadline_a.dueAt else deadline_b.dueAt')}${timer('Timer_Variable', '等待', '=pickupDeadline')}`;

      expect(where(await onegoProblems(sampleModel(body)))).to.deep.equal(['Timer_Iso onego/no-literal-time-limit', 'Timer_Feel onego/no-literal-time-limit', 'Timer_If onego/no-literal-time-limit']);
    });

    it('reports a literal limit where the process calls a decision table, and an if-then-else limit anywhere', async () => {
      const decide = `<bpmn:businessRuleTask id="Task_Decide" name="确定时限"><bpmn:extensionElements><zeebe:calledDecision decisionId="engineering-time-limits" resultVariable="timeLimits" /></bpmn:extensionElements></bpmn:businessRuleTask>`;
      const inline = startLinkA([['="linkA"', 'deadlineName'], ['=if category = "A" then 5 else 10', 'limitWorkingDays'], ['=now()', 'startedAt']]);

      const decidedButLiteral = await onegoProblems(sampleModel(`${decide}${startLinkA()}${lights}`));
      const fixedByLaw = await onegoProblems(sampleModel(`${startLinkA()}${lights}`));
      const inlineDecision = await onegoProblems(sampleModel(`${inline}${lights}`));

      expect(where(decidedButLiteral)).to.deep.equal(['Task_Start onego/no-literal-time-limit']);
      expect(decidedButLiteral[0]!.message).to.contain("'limitWorkingDays' is the literal 1");
      expect(where(fixedByLaw)).to.deep.equal([]);
      expect(where(inlineDecision)).to.deep.equal(['Task_Start onego/no-literal-time-limit']);
    });
  });
});
