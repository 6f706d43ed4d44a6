import { expect } from 'chai';
import { access, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate, SyntaxError as FeelSyntaxError } from 'feelin';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { evaluateExpression } from '../../engine/feel';
import { lintModelFile } from '../../scripts/commands/lint';

/*
 * Structural checks of bpmn/engineering-approval.bpmn: what Camunda and our engine need to run it, what
 * the contract with the deadline workers and the apps promises, and what the domain asks of each stage.
 * Running it end to end is test/processes/engineering-approval.test.ts.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const modelFile = path.join(root, 'bpmn', 'engineering-approval.bpmn');

// The moddle object graph is untyped; these tests only read properties.
type El = Record<string, any>;

async function parse(): Promise<{ definitions: El; warnings: unknown[] }> {
  const { BpmnModdle } = (await import('bpmn-moddle' as string)) as { BpmnModdle: new (packages: object) => { fromXML(xml: string): Promise<{ rootElement: El; warnings: unknown[] }> } };
  const { rootElement, warnings } = await new BpmnModdle({ zeebe: zeebeSchema }).fromXML(await readFile(modelFile, 'utf8'));
  return { definitions: rootElement, warnings };
}

function allFlowElements(container: El): El[] {
  const out: El[] = [];
  for (const element of container.flowElements ?? []) {
    out.push(element);
    if (element.$type === 'bpmn:SubProcess') out.push(...allFlowElements(element));
  }
  return out;
}

function extension(element: El, type: string): El {
  return (element.extensionElements?.values ?? []).find((value: El) => value.$type === type);
}

function inputs(element: El): Record<string, string> {
  const mapping = extension(element, 'zeebe:IoMapping');
  return Object.fromEntries((mapping?.inputParameters ?? []).map((p: El) => [p.target, p.source]));
}

function outputs(element: El): Record<string, string> {
  const mapping = extension(element, 'zeebe:IoMapping');
  return Object.fromEntries((mapping?.outputParameters ?? []).map((p: El) => [p.target, p.source]));
}

/** Every FEEL expression in the model, with where it sits. */
function feelExpressions(elements: El[]): Array<{ where: string; expression: string }> {
  const found: Array<{ where: string; expression: string }> = [];
  const add = (where: string, text: unknown) => {
    if (typeof text === 'string' && text.startsWith('=')) found.push({ where, expression: text.slice(1) });
  };
  for (const element of elements) {
    add(`${element.id} condition`, element.conditionExpression?.body);
    for (const [target, source] of Object.entries({ ...inputs(element), ...outputs(element) })) add(`${element.id} ${target}`, source);
    for (const definition of element.eventDefinitions ?? []) add(`${element.id} timer`, definition.timeDate?.body);
    const loop = element.loopCharacteristics ? extension(element.loopCharacteristics, 'zeebe:LoopCharacteristics') : undefined;
    add(`${element.id} inputCollection`, loop?.inputCollection);
    add(`${element.id} outputElement`, loop?.outputElement);
    add(`${element.id} script`, extension(element, 'zeebe:Script')?.expression);
    add(`${element.id} candidateGroups`, extension(element, 'zeebe:AssignmentDefinition')?.candidateGroups);
  }
  return found;
}

describe('the engineering-approval model', () => {
  let definitions: El;
  let warnings: unknown[];
  let process: El;
  let elements: El[];
  const byType = (type: string) => elements.filter((element) => element.$type === type);

  before(async () => {
    ({ definitions, warnings } = await parse());
    process = definitions.rootElements.find((element: El) => element.$type === 'bpmn:Process');
    elements = allFlowElements(process);
  });

  it('parses with bpmn-moddle and the Zeebe extension without a single warning', () => {
    expect(warnings).to.deep.equal([]);
    expect(process.id).to.equal('engineering-approval');
    expect(process.isExecutable).to.equal(true);
  });

  it('declares Camunda 8.8 as its execution platform', () => {
    expect(definitions.$attrs['modeler:executionPlatform']).to.equal('Camunda Cloud');
    expect(definitions.$attrs['modeler:executionPlatformVersion']).to.equal('8.8.0');
  });

  it('passes bpmnlint with the Camunda 8.8 compatibility rules without errors or warnings', async () => {
    expect(await lintModelFile(modelFile)).to.deep.equal([]);
  });

  it('uses only elements the engine supports', () => {
    const supported = new Set([
      'bpmn:StartEvent', 'bpmn:EndEvent', 'bpmn:IntermediateCatchEvent', 'bpmn:BoundaryEvent', 'bpmn:ServiceTask', 'bpmn:UserTask',
      'bpmn:ScriptTask', 'bpmn:BusinessRuleTask', 'bpmn:ExclusiveGateway', 'bpmn:ParallelGateway', 'bpmn:SubProcess', 'bpmn:SequenceFlow',
    ]);

    expect(elements.map((element) => element.$type).filter((type) => !supported.has(type))).to.deep.equal([]);
  });

  it('draws every element: each flow node and flow has its shape or edge in the diagram (the stages and clocks on their drill-down planes)', () => {
    const drawn = new Set(definitions.diagrams.flatMap((diagram: El) => diagram.plane.planeElement.map((shape: El) => shape.bpmnElement?.id)));

    expect(elements.filter((element) => !drawn.has(element.id)).map((element) => element.id)).to.deep.equal([]);
  });

  it('names every flow node in Chinese and documents the key elements in English', () => {
    const nodes = elements.filter((element) => element.$type !== 'bpmn:SequenceFlow');
    expect(nodes.filter((node) => !/[\u4e00-\u9fff]/.test(node.name ?? '')).map((node) => node.id)).to.deep.equal([]);
    const documented = (id: string) => (elements.find((element) => element.id === id)?.documentation?.[0]?.text ?? '') as string;
    for (const id of ['Start_Stage1Application', 'Task_DecideTimeLimits', 'SubProcess_Stage1', 'SubProcess_Stage4', 'Task_DepartmentReviewStage1', 'Task_JointAcceptance', 'Task_CheckCommitments', 'Task_JointDrawingReview']) {
      expect(documented(id), id).to.match(/[A-Za-z]{4,}/);
    }
  });

  it('has four stages with their Chinese names, each led by one department', () => {
    const stages = byType('bpmn:SubProcess').filter((sub) => /^SubProcess_Stage\d$/.test(sub.id));
    expect(stages.map((stage) => stage.name)).to.deep.equal(['第1阶段：立项用地规划许可', '第2阶段：工程建设许可', '第3阶段：施工许可', '第4阶段：竣工验收']);
    const leads = stages.map((stage) => inputs(stage.flowElements.find((e: El) => e.id.startsWith('Task_AcceptanceCheck'))).department);
    // The leads are the decision table engineering-lead-departments (province-wide default after [003]), not literals.
    expect(leads).to.deep.equal(['=leadDepartments.stage1', '=leadDepartments.stage2', '=leadDepartments.stage3', '=leadDepartments.stage4']);
    expect(extension(elements.find((element) => element.id === 'Task_DecideLeadDepartments')!, 'zeebe:CalledDecision')).to.include({ decisionId: 'engineering-lead-departments', resultVariable: 'leadDepartments' });
    expect(extension(elements.find((element) => element.id === 'Task_DecideItemCatalogue')!, 'zeebe:CalledDecision')).to.include({ decisionId: 'engineering-item-catalogue', resultVariable: 'itemCatalogue' });
  });

  it('asks the DMN for the limits and starts the clocks from its answer', () => {
    const rule = elements.find((element) => element.id === 'Task_DecideTimeLimits')!;
    expect(extension(rule, 'zeebe:CalledDecision')).to.include({ decisionId: 'engineering-time-limits', resultVariable: 'timeLimits' });
    const starts = byType('bpmn:ServiceTask').filter((task) => extension(task, 'zeebe:TaskDefinition')?.type === 'deadline-start');
    expect(starts.map((task) => [inputs(task).deadlineName, inputs(task).limitWorkingDays, inputs(task).startedAt, Object.keys(outputs(task))[0]])).to.deep.equal([
      ['="case"', '=timeLimits.totalLimitDays', '=now()', 'deadline_case'],
      ['="stage1"', '=timeLimits.stage1Days', '=now()', 'deadline_stage1'],
      ['="stage2"', '=timeLimits.stage2Days', '=now()', 'deadline_stage2'],
      ['="stage3"', '=timeLimits.stage3Days', '=now()', 'deadline_stage3'],
      ['="stage4"', '=timeLimits.stage4Days', '=now()', 'deadline_stage4'],
    ]);
  });

  it('lights each stage yellow and red for the stage and the whole case on clocks beside the work', () => {
    for (const n of [1, 2, 3, 4]) {
      for (const [key, deadline] of [['Stage', `deadline_stage${n}`], ['Case', 'deadline_case']] as const) {
        const clock = elements.find((element) => element.id === `SubProcess_${key}ClockStage${n}`)!;
        expect(clock.$parent.id, `${key} clock of stage ${n}`).to.equal(`SubProcess_Stage${n}`);
        const yellow = elements.find((element) => element.id === `Timer_${key}YellowStage${n}`)!;
        expect([yellow.attachedToRef.id, yellow.cancelActivity, yellow.eventDefinitions[0].timeDate.body]).to.deep.equal([clock.id, false, `=${deadline}.warnAt`]);
        const red = elements.find((element) => element.id === `Timer_${key}RedStage${n}`)!;
        expect([red.$type, red.$parent.id, red.eventDefinitions[0].timeDate.body]).to.deep.equal(['bpmn:IntermediateCatchEvent', clock.id, `=${deadline}.dueAt`]);
        const record = red.outgoing[0].targetRef.outgoing[0].targetRef;
        expect(extension(record, 'zeebe:TaskDefinition').type).to.equal('supervision-record');
        const escalation = record.outgoing[0].targetRef.eventDefinitions[0].escalationRef.escalationCode;
        const caught = elements.find((element) => element.id === `Escalation_${key}RedStage${n}`)!;
        expect([caught.attachedToRef.id, caught.cancelActivity, caught.eventDefinitions[0].escalationRef.escalationCode]).to.deep.equal([`SubProcess_Stage${n}`, false, escalation]);
        const oversee = caught.outgoing[0].targetRef;
        expect(oversee.name).to.match(/^督办：/);
        expect(extension(oversee, 'zeebe:FormDefinition').formId).to.equal('supervision');
        expect(extension(oversee, 'zeebe:AssignmentDefinition').candidateGroups).to.equal('=department + "-supervisors"');
        const updated = elements.find((element) => element.id === `Start_CalendarUpdated${key}Stage${n}`)!;
        expect([updated.isInterrupting, updated.$parent.triggeredByEvent, updated.eventDefinitions[0].signalRef.name]).to.deep.equal([false, true, 'calendar-updated']);
        const rearm = elements.find((element) => element.id === `Boundary_Rearm${key}Stage${n}`)!;
        expect([rearm.attachedToRef.id, rearm.cancelActivity, rearm.outgoing[0].targetRef.id]).to.deep.equal([clock.id, true, `Gateway_${key}ClockStage${n}`]);
      }
      expect(elements.find((element) => element.id === `End_Stage${n}Done`)!.eventDefinitions[0].$type).to.equal('bpmn:TerminateEventDefinition');
    }
  });

  it('pauses the stage and case clocks while the applicant corrects, and resumes them before re-entering the stage', () => {
    for (const n of [1, 2, 3, 4]) {
      const boundary = elements.find((element) => element.id === `Boundary_CorrectionStage${n}`)!;
      expect(boundary.eventDefinitions[0].errorRef.errorCode).to.equal('CORRECTION_REQUIRED');
      const path: string[] = [];
      let node = boundary.outgoing[0].targetRef;
      while (node.$type !== 'bpmn:ExclusiveGateway') {
        path.push(node.$type === 'bpmn:IntermediateCatchEvent' ? `message ${node.eventDefinitions[0].messageRef.name}` : extension(node, 'zeebe:TaskDefinition').type + ' ' + Object.keys(outputs(node)).join(','));
        node = node.outgoing[0].targetRef;
      }
      expect(path, `stage ${n}`).to.deep.equal([
        'engineering-notice lastNotice',
        `deadline-pause deadline_stage${n}`,
        'deadline-pause deadline_case',
        'message correction-submitted',
        `deadline-resume deadline_stage${n}`,
        'deadline-resume deadline_case',
      ]);
      expect(node.id).to.equal(`Gateway_EnterStage${n}`);
    }
  });

  it('correlates every message by the case id', () => {
    const messages = definitions.rootElements.filter((element: El) => element.$type === 'bpmn:Message');
    expect(messages.map((message: El) => [message.name, extension(message, 'zeebe:Subscription').correlationKey])).to.have.deep.members([
      ['engineering-stage-application', '=caseId'],
      ['correction-submitted', '=caseId'],
      ['commitments-fulfilled', '=caseId'],
    ]);
  });

  it('reviews the stage items in parallel, one task per item for its department', () => {
    const reviews = byType('bpmn:UserTask').filter((task) => task.loopCharacteristics);
    expect(reviews.map((task) => task.id)).to.deep.equal(['Task_DepartmentReviewStage1', 'Task_DepartmentReviewStage2', 'Task_DepartmentReviewStage3', 'Task_JointAcceptance']);
    for (const task of reviews) {
      const loop = extension(task.loopCharacteristics, 'zeebe:LoopCharacteristics');
      expect(task.loopCharacteristics.isSequential).to.equal(false);
      expect(loop).to.include({ inputCollection: '=stageItems', inputElement: 'item', outputCollection: 'reviewResults' });
      expect(extension(task, 'zeebe:AssignmentDefinition').candidateGroups).to.equal('=item.department');
    }
  });

  it('needs a supervisor to confirm any refusal (veto moves up)', () => {
    for (const n of [1, 2, 3]) {
      const rejectedEnd = elements.find((element) => element.id === `End_RejectedStage${n}`)!;
      const gateway = rejectedEnd.incoming[0].sourceRef;
      const approval = gateway.incoming[0].sourceRef;
      expect(approval.$type).to.equal('bpmn:UserTask');
      expect(extension(approval, 'zeebe:FormDefinition').formId).to.equal('engineering-rejection-approval');
      expect(extension(approval, 'zeebe:AssignmentDefinition').candidateGroups).to.equal(`=leadDepartments.stage${n} + "-supervisors"`);
    }
  });

  it('checks the commitments before the construction permit', () => {
    const check = elements.find((element) => element.id === 'Task_CheckCommitments')!;
    const stage3Clock = elements.find((element) => element.id === 'Task_StartStage3Clock')!;
    expect(extension(check, 'zeebe:TaskDefinition').type).to.equal('engineering-commitment-check');
    expect(stage3Clock.incoming[0].sourceRef.id).to.equal('Gateway_CommitmentsPassed');
  });

  it('offers joint drawing review or commitment with spot check in stage 3', () => {
    const mode = elements.find((element) => element.id === 'Gateway_DrawingReviewMode')!;
    expect(mode.outgoing.map((flow: El) => [flow.targetRef.id, flow.conditionExpression?.body ?? 'default'])).to.have.deep.members([
      ['Task_DrawingSpotCheck', '=reviewMode = "commitment"'],
      ['Task_JointDrawingReview', 'default'],
    ]);
  });

  it('gives every user task a zeebe user task, a form that exists (the version deployed with the process), candidate groups and the responsible department', async () => {
    for (const task of byType('bpmn:UserTask')) {
      expect(extension(task, 'zeebe:UserTask'), task.id).to.not.equal(undefined);
      const formId = extension(task, 'zeebe:FormDefinition')?.formId;
      await access(path.join(root, 'forms', `${formId}.form`));
      expect(extension(task, 'zeebe:FormDefinition')?.bindingType, task.id).to.equal('deployment');
      expect(extension(task, 'zeebe:AssignmentDefinition')?.candidateGroups, task.id).to.be.a('string');
      expect(inputs(task).department, task.id).to.be.a('string');
    }
  });

  it('links every engineering form from the model, and only existing ones', async () => {
    const linked = new Set<string>();
    for (const element of elements) {
      const formId = extension(element, 'zeebe:FormDefinition')?.formId;
      if (formId) linked.add(formId);
      for (const property of extension(element, 'zeebe:Properties')?.properties ?? []) if (property.name === 'formId') linked.add(property.value);
    }
    const files = (await readdir(path.join(root, 'forms'))).filter((name) => name.startsWith('engineering-')).map((name) => name.replace(/\.form$/, ''));

    expect([...linked].filter((id) => id.startsWith('engineering-')).sort()).to.deep.equal(files.sort());
    for (const id of linked) await access(path.join(root, 'forms', `${id}.form`));
  });

  it('has a worker for every service task type', async () => {
    const types = new Set(byType('bpmn:ServiceTask').map((task) => extension(task, 'zeebe:TaskDefinition').type as string));
    expect([...types].sort()).to.deep.equal([
      'deadline-pause', 'deadline-recompute', 'deadline-resume', 'deadline-start',
      'engineering-commitment-check', 'engineering-commitment-record', 'engineering-drawing-spot-check', 'engineering-issue-permit', 'engineering-notice', 'engineering-push-materials', 'engineering-stage-items',
      'light-notify', 'supervision-record',
    ]);
    for (const type of types) {
      const module = (await import(`../../workers/jobs/${type}`)) as { default: { type: string } };
      expect(module.default.type).to.equal(type);
    }
  });

  it('never loses a worker result in a local variable: outputs named like an input are mapped out', async () => {
    const lost: string[] = [];
    for (const task of byType('bpmn:ServiceTask')) {
      const type = extension(task, 'zeebe:TaskDefinition').type as string;
      const module = (await import(`../../workers/jobs/${type}`)) as { default: { output: { fields: Record<string, unknown> } } };
      const mappedOut = outputs(task);
      const hasOutputMappings = Object.keys(mappedOut).length > 0;
      for (const name of Object.keys(module.default.output.fields)) {
        // With an input mapping of the same name the result lands in the task's local scope (Zeebe's rule).
        if (!hasOutputMappings && name in inputs(task)) lost.push(`${task.id}: ${name}`);
      }
    }
    expect(lost).to.deep.equal([]);
  });

  it('reads in FEEL only variables that something produces: a start or stage form, a mapping, a worker, a message', async () => {
    const produced = new Set<string>(['caseId', 'caseTitle', 'submittedAt', 'applicant', 'commitmentEvidence', 'item']);
    for (const name of (await readdir(path.join(root, 'forms'))).filter((file) => file.startsWith('engineering-'))) {
      const form = JSON.parse(await readFile(path.join(root, 'forms', name), 'utf8')) as { components: Array<{ key?: string }> };
      for (const component of form.components) if (component.key) produced.add(component.key.split('.')[0]!);
    }
    for (const element of elements) {
      for (const target of [...Object.keys(inputs(element)), ...Object.keys(outputs(element))]) produced.add(target);
      const result = extension(element, 'zeebe:CalledDecision')?.resultVariable ?? extension(element, 'zeebe:Script')?.resultVariable;
      if (result) produced.add(result);
      const loop = element.loopCharacteristics ? extension(element.loopCharacteristics, 'zeebe:LoopCharacteristics') : undefined;
      if (loop?.outputCollection) produced.add(loop.outputCollection);
      const type = extension(element, 'zeebe:TaskDefinition')?.type as string | undefined;
      if (type) {
        // A worker's results are visible to its task's output mappings, and propagate when there are none.
        const module = (await import(`../../workers/jobs/${type}`)) as { default: { output: { fields: Record<string, unknown> } } };
        for (const name of Object.keys(module.default.output.fields)) produced.add(name);
      }
    }
    const keywords = new Set(['if', 'then', 'else', 'and', 'or', 'not', 'for', 'in', 'return', 'some', 'every', 'satisfies', 'true', 'false', 'null', 'list', 'contains', 'count', 'context', 'put', 'now']);
    const unknown: string[] = [];
    for (const { where, expression } of feelExpressions(elements)) {
      // Strings, and filters (whose names are the filtered items' properties), are not variable reads.
      const code = expression.replace(/"[^"]*"/g, '""').replace(/(?<=[\w)\]])\[[^[\]]*\]/g, '');
      const bound = new Set([...code.matchAll(/\b(?:for|some|every)\s+([A-Za-z_]\w*)\s+in\b/g)].map((match) => match[1]!));
      for (const match of code.matchAll(/(?<![.\w])([A-Za-z_]\w*)\b(?!\s*:)/g)) {
        const name = match[1]!;
        if (!keywords.has(name) && !bound.has(name) && !produced.has(name)) unknown.push(`${where}: ${name}`);
      }
    }
    expect(unknown).to.deep.equal([]);
  });

  it('writes only FEEL that parses', () => {
    const broken: string[] = [];
    for (const { where, expression } of feelExpressions(elements)) {
      try {
        evaluate(expression, {});
      } catch (error) {
        if (error instanceof FeelSyntaxError) broken.push(`${where}: ${expression}`);
      }
    }
    expect(broken).to.deep.equal([]);
    expect(feelExpressions(elements).length).to.be.greaterThan(200);
  });

  it('gives each service task the inputs its worker requires', async () => {
    const missing: string[] = [];
    for (const task of byType('bpmn:ServiceTask')) {
      const type = extension(task, 'zeebe:TaskDefinition').type as string;
      const module = (await import(`../../workers/jobs/${type}`)) as { default: { input: { fields: Record<string, { spec: { optional: boolean; nullable: boolean } }> } } };
      const mapped = inputs(task);
      for (const [name, field] of Object.entries(module.default.input.fields)) {
        if (!field.spec.optional && !(name in mapped) && !['caseId', 'caseTitle'].includes(name)) missing.push(`${task.id} ${type}: ${name}`);
      }
    }
    expect(missing).to.deep.equal([]);
  });

  describe('evaluated with the engine\'s FEEL', () => {
    const now = Date.parse('2025-09-30T09:00:00+08:00');
    const element = (id: string) => elements.find((candidate) => candidate.id === id)!;
    const run = (expression: string, variables: Record<string, unknown>) => {
      const result = evaluateExpression(expression, variables, { now });
      if (!result.ok) throw new Error(`${expression}: ${result.failure}`);
      return result.value;
    };
    const conditionTo = (gatewayId: string, targetId: string) =>
      element(gatewayId).outgoing.find((flow: El) => flow.targetRef.id === targetId).conditionExpression.body as string;
    const reviewResults = [
      { item: { code: 'eia', name: '环境影响评价审批', department: 'ecology-environment' }, decision: 'defects', opinion: '缺少大气预测' },
      { item: { code: 'project-approval', name: '项目审批（核准、备案）', department: 'development-reform' }, decision: 'approved', opinion: '同意' },
    ];

    it('collects the defects of all departments into one list for the notice', () => {
      const script = extension(element('Task_SummariseReviewStage1'), 'zeebe:Script').expression as string;

      expect(run(script, { reviewResults })).to.deep.equal([
        { source: 'review', item: '环境影响评价审批', department: 'ecology-environment', description: '缺少大气预测' },
      ]);
    });

    it('routes a review with defects to correction and one with a refusal to the supervisor', () => {
      const toCorrection = conditionTo('Gateway_ReviewOutcomeStage1', 'End_ReviewDefectsStage1');
      const toSupervisor = conditionTo('Gateway_ReviewOutcomeStage1', 'Task_RejectionApprovalStage1');
      const defects = [{ source: 'review' }];
      const refused = [...reviewResults, { item: { code: 'x' }, decision: 'reject', opinion: '禁止类' }];

      expect([run(toCorrection, { reviewResults, defects }), run(toSupervisor, { reviewResults, defects })]).to.deep.equal([true, false]);
      expect([run(toCorrection, { reviewResults: refused, defects }), run(toSupervisor, { reviewResults: refused, defects })]).to.deep.equal([false, true]);
      expect(run(toCorrection, { reviewResults: [reviewResults[1]], defects: [] })).to.equal(false);
    });

    it('turns an incomplete acceptance into one defect and stamps acceptedAt only on acceptance', () => {
      const mapping = outputs(element('Task_AcceptanceCheckStage1'));

      const leadDepartments = { stage1: 'development-reform' };
      expect(run(mapping.defects!, { acceptanceDecision: 'incomplete', missingMaterials: '缺少用地红线图', leadDepartments })).to.deep.equal([
        { source: 'acceptance', item: '申请材料', department: 'development-reform', description: '缺少用地红线图' },
      ]);
      expect(run(mapping.defects!, { acceptanceDecision: 'complete', missingMaterials: null, leadDepartments })).to.deep.equal([]);
      expect(run(mapping.acceptedAt!, { acceptanceDecision: 'incomplete' })).to.equal(null);
      expect(run(mapping.acceptedAt!, { acceptanceDecision: 'complete' })).to.be.a('string').and.match(/^2025-09-30T/);
      expect(run(mapping.acceptedAt!, { acceptanceDecision: 'complete', acceptedAt: '2025-09-01T09:00:00+08:00' })).to.equal('2025-09-01T09:00:00+08:00');
    });

    it('marks the commitments due before stage 3 fulfilled when staff verify them', () => {
      const mapping = outputs(element('Task_VerifyCommitments'));
      const commitments = [
        { item: 'eia', dueBeforeStage: 3, fulfilled: false },
        { item: 'assessment-report', dueBeforeStage: null, fulfilled: false },
      ];

      expect(run(mapping.commitments!, { verificationDecision: 'fulfilled', commitments })).to.deep.equal([
        { item: 'eia', dueBeforeStage: 3, fulfilled: true },
        { item: 'assessment-report', dueBeforeStage: null, fulfilled: false },
      ]);
      expect(run(mapping.commitments!, { verificationDecision: 'open', commitments })).to.deep.equal(commitments);
    });

    it('builds the review result of each parallel task from its local variables', () => {
      const loop = extension(element('Task_DepartmentReviewStage2').loopCharacteristics, 'zeebe:LoopCharacteristics');

      expect(run(loop.outputElement, { item: { code: 'a' }, reviewDecision: 'approved', reviewOpinion: '同意', approvalDocumentNo: '鲁规〔2025〕1号' })).to.deep.equal({
        item: { code: 'a' },
        decision: 'approved',
        opinion: '同意',
        documentNo: '鲁规〔2025〕1号',
      });
    });

    it('passes only the open commitments of the case to the stage items as committed', () => {
      const committed = inputs(element('Task_StageItemsStage1')).committedItems!;

      expect(run(committed, {})).to.deep.equal([]);
      expect(run(committed, { commitments: [{ item: 'eia', fulfilled: false }, { item: 'soil-water', fulfilled: true }] })).to.deep.equal(['eia']);
    });
  });
});
