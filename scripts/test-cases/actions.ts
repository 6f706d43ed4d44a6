/**
 * The instructions of CPT's JSON test cases that act on the engine: create instances, complete jobs and user
 * tasks, throw BPMN errors, publish and correlate messages, broadcast signals, move the clock, set variables,
 * resolve incidents, evaluate decisions, register job-worker mocks and stand in for child processes and decisions. Each finds its target the way CPT's
 * selectors do and waits (up to the assertion timeout) for it to appear, since work is asynchronous.
 */
import type { Variables } from '../../engine/api';
import { resolveTimeDuration } from '../../engine/time';
import { childProcessMockBpmn, childProcessMockJobType, decisionMockDmn } from './mock-resources';
import type { TestCaseInstruction } from './test-case-file';
import { TestCaseFailure, type TestCaseRuntime } from './test-case-runtime';

type Action = (runtime: TestCaseRuntime, instruction: TestCaseInstruction) => Promise<void>;

/** An instruction's variables object (absent: none). */
export function variablesOf(instruction: TestCaseInstruction, field = 'variables'): Variables {
  const value = instruction[field];
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TestCaseFailure(`"${field}" must be an object / 必须是对象`);
  return value as Variables;
}

function requiredString(instruction: TestCaseInstruction, field: string): string {
  const value = instruction[field];
  if (typeof value !== 'string' || value === '') throw new TestCaseFailure(`"${field}" is required / 缺少 ${field}`);
  return value;
}

function selectorOf(instruction: TestCaseInstruction, field: string): Record<string, unknown> {
  const value = instruction[field];
  if (typeof value !== 'object' || value === null) throw new TestCaseFailure(`"${field}" is required / 缺少 ${field}`);
  return value as Record<string, unknown>;
}

/** The open job a jobSelector names (jobType, elementId, processDefinitionId), activated for the test. */
export async function selectedJob(runtime: TestCaseRuntime, instruction: TestCaseInstruction): Promise<string> {
  const selector = selectorOf(instruction, 'jobSelector');
  const matches = (job: { type: string; elementId: string; bpmnProcessId: string }) =>
    (selector.jobType === undefined || job.type === selector.jobType) &&
    (selector.elementId === undefined || job.elementId === selector.elementId) &&
    (selector.processDefinitionId === undefined || job.bpmnProcessId === selector.processDefinitionId);
  const job = await runtime.eventually(() => {
    const open = [...runtime.records.jobs.values()].find((candidate) => candidate.state === 'ACTIVATABLE' && matches(candidate));
    if (!open) throw new TestCaseFailure(`no open job matches ${JSON.stringify(selector)} / 找不到匹配的作业`);
    return open;
  });
  await runtime.activate(job.type);
  return job.key;
}

const createProcessInstance: Action = async (runtime, instruction) => {
  const bpmnProcessId = selectorOf(instruction, 'processDefinitionSelector').processDefinitionId;
  if (typeof bpmnProcessId !== 'string') throw new TestCaseFailure('"processDefinitionSelector.processDefinitionId" is required');
  const startInstructions = Array.isArray(instruction.startInstructions) ? (instruction.startInstructions as { elementId: string }[]) : undefined;
  await runtime.engine.createProcessInstance({ bpmnProcessId, variables: variablesOf(instruction), startInstructions, runtimeInstructions: runtimeInstructionsOf(instruction) });
};

/**
 * CPT's `runtimeInstructions` of CREATE_PROCESS_INSTANCE: `[{ type: 'TERMINATE_PROCESS_INSTANCE', afterElementId }]`,
 * the engine's own (Camunda 8.8): the instance ends once that element completes or is terminated.
 */
function runtimeInstructionsOf(instruction: TestCaseInstruction): { type: 'TERMINATE_PROCESS_INSTANCE'; afterElementId: string }[] | undefined {
  const raw = instruction.runtimeInstructions;
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) throw new TestCaseFailure('"runtimeInstructions" must be a list / 必须是列表');
  return raw.map((entry, index) => {
    const { type, afterElementId } = (entry ?? {}) as { type?: unknown; afterElementId?: unknown };
    if (type !== undefined && type !== 'TERMINATE_PROCESS_INSTANCE') {
      throw new TestCaseFailure(`"runtimeInstructions[${index}].type" must be TERMINATE_PROCESS_INSTANCE / 运行时指令类型只能是 TERMINATE_PROCESS_INSTANCE`);
    }
    if (typeof afterElementId !== 'string' || afterElementId === '') throw new TestCaseFailure(`"runtimeInstructions[${index}].afterElementId" is required / 缺少 afterElementId`);
    return { type: 'TERMINATE_PROCESS_INSTANCE', afterElementId };
  });
}

/** The variables a completion carries: the instruction's, or (with `useExampleData`) the element's example data. */
function completionVariables(runtime: TestCaseRuntime, instruction: TestCaseInstruction, element: { bpmnProcessId: string; elementId: string }): Variables {
  return instruction.useExampleData === true ? runtime.exampleData.variablesOf(element.bpmnProcessId, element.elementId) : variablesOf(instruction);
}

const completeJob: Action = async (runtime, instruction) => {
  const jobKey = await selectedJob(runtime, instruction);
  const job = runtime.records.jobs.get(jobKey)!;
  await runtime.engine.completeJob(jobKey, completionVariables(runtime, instruction, job));
};

const throwBpmnErrorFromJob: Action = async (runtime, instruction) => {
  const jobKey = await selectedJob(runtime, instruction);
  await runtime.engine.throwError({ jobKey, errorCode: requiredString(instruction, 'errorCode'), errorMessage: (instruction.errorMessage as string) ?? '', variables: variablesOf(instruction) });
};

const completeUserTask: Action = async (runtime, instruction) => {
  const selector = selectorOf(instruction, 'userTaskSelector');
  const task = await runtime.eventually(() => {
    const open = [...runtime.records.userTasks.values()].find((candidate) => candidate.state === 'CREATED' && runtime.taskMatches(selector, candidate));
    if (!open) throw new TestCaseFailure(`no open user task matches ${JSON.stringify(selector)} / 找不到匹配的用户任务`);
    return open;
  });
  await runtime.engine.completeUserTask(task.key, completionVariables(runtime, instruction, task));
};

/** CPT's user task corrections and the names the job result carries them under (the same). */
const CORRECTIONS = ['assignee', 'dueDate', 'followUpDate', 'candidateUsers', 'candidateGroups', 'priority'];

/** Complete a user task listener's job: with variables, corrections, or a denial (and its reason). */
const completeJobUserTaskListener: Action = async (runtime, instruction) => {
  const raw = instruction.corrections;
  if (raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) throw new TestCaseFailure('"corrections" must be an object / 必须是对象');
  const corrections = Object.fromEntries(Object.entries((raw ?? {}) as Record<string, unknown>).filter(([name]) => CORRECTIONS.includes(name)));
  const denied = instruction.denied === true;
  const result = denied ? { type: 'userTask', denied: true, deniedReason: String(instruction.deniedReason ?? '') } : { type: 'userTask', denied: false, corrections };
  await runtime.engine.completeJob(await selectedJob(runtime, instruction), variablesOf(instruction), undefined, result);
};

const publishMessage: Action = async (runtime, instruction) => {
  await runtime.engine.publishMessage({
    name: requiredString(instruction, 'name'),
    correlationKey: (instruction.correlationKey as string) ?? '',
    timeToLiveMs: typeof instruction.timeToLive === 'number' ? instruction.timeToLive : 0,
    messageId: instruction.messageId as string | undefined,
    variables: variablesOf(instruction),
  });
};

const correlateMessage: Action = async (runtime, instruction) => {
  const request = { name: requiredString(instruction, 'name'), correlationKey: (instruction.correlationKey as string) ?? '', variables: variablesOf(instruction) };
  // The subscription may open a moment later (after a job or a timer); correlation is retried until it lands.
  const deadline = Date.now() + runtime.assertionTimeoutMs;
  for (;;) {
    await runtime.runMocks();
    try {
      await runtime.engine.correlateMessage(request);
      return;
    } catch (error) {
      if (Date.now() >= deadline) throw new TestCaseFailure(`message '${request.name}' was not correlated: ${(error as Error).message}`);
      await new Promise((done) => setTimeout(done, 20));
    }
  }
};

const broadcastSignal: Action = async (runtime, instruction) => {
  await runtime.engine.broadcastSignal(requiredString(instruction, 'signalName'), variablesOf(instruction));
};

const increaseTime: Action = async (runtime, instruction) => {
  const now = runtime.engine.clock.now();
  const target = resolveTimeDuration(instruction.duration, now);
  if (!target.ok) throw new TestCaseFailure(`"duration" must be an ISO 8601 duration such as PT1H or P3D / 时长格式不对: ${String(instruction.duration)}`);
  await runtime.engine.clock.pin(target.value);
};

const setTime: Action = async (runtime, instruction) => {
  const time = Date.parse(requiredString(instruction, 'time'));
  if (Number.isNaN(time)) throw new TestCaseFailure(`"time" must be an ISO 8601 instant such as 2026-03-15T10:00:00Z / 时间格式不对`);
  await runtime.engine.clock.pin(time);
};

const updateVariables: Action = async (runtime, instruction) => {
  const instance = await runtime.eventually(() => {
    const found = runtime.processInstance(selectorOf(instruction, 'processInstanceSelector'));
    if (!found) throw new TestCaseFailure('no process instance matches the processInstanceSelector / 找不到流程实例');
    return found;
  });
  let scope = instance.key;
  const element = instruction.elementSelector as { elementId?: string; elementName?: string } | undefined;
  if (element) {
    const elementId = runtime.names.idOf(element);
    scope = await runtime.eventually(() => {
      const active = [...runtime.records.elementInstances.values()].find((candidate) => candidate.processInstanceKey === instance.key && candidate.elementId === elementId && candidate.state === 'ACTIVE');
      if (!active) throw new TestCaseFailure(`element '${elementId}' is not active / 元素未激活`);
      return active.key;
    });
  }
  await runtime.engine.setVariables({ elementInstanceKey: scope, variables: variablesOf(instruction), local: element !== undefined });
};

const resolveIncident: Action = async (runtime, instruction) => {
  const selector = selectorOf(instruction, 'incidentSelector');
  const incident = await runtime.eventually(() => {
    const open = [...runtime.records.incidents.values()].find(
      (candidate) => !candidate.resolved && (selector.elementId === undefined || candidate.elementId === selector.elementId) && (selector.processDefinitionId === undefined || candidate.bpmnProcessId === selector.processDefinitionId),
    );
    if (!open) throw new TestCaseFailure(`no open incident matches ${JSON.stringify(selector)} / 找不到匹配的事件`);
    return open;
  });
  await runtime.engine.resolveIncident(incident.key);
};

const evaluateDecision: Action = async (runtime, instruction) => {
  const decisionId = selectorOf(instruction, 'decisionDefinitionSelector').decisionDefinitionId;
  if (typeof decisionId !== 'string') throw new TestCaseFailure('"decisionDefinitionSelector.decisionDefinitionId" is required');
  await runtime.engine.evaluateDecision({ decisionId, variables: variablesOf(instruction) });
};

const mockCompleteJob: Action = async (runtime, instruction) => {
  // With useExampleData each job is completed with the example data of its own element.
  runtime.mocks.set(requiredString(instruction, 'jobType'), { kind: 'complete', variables: variablesOf(instruction), useExampleData: instruction.useExampleData === true });
};

const mockThrowBpmnError: Action = async (runtime, instruction) => {
  runtime.mocks.set(requiredString(instruction, 'jobType'), { kind: 'error', errorCode: requiredString(instruction, 'errorCode'), errorMessage: (instruction.errorMessage as string) ?? '', variables: variablesOf(instruction) });
};

const mockChildProcess: Action = async (runtime, instruction) => {
  const processDefinitionId = requiredString(instruction, 'processDefinitionId');
  const versionTag = instruction.versionTag === undefined ? undefined : requiredString(instruction, 'versionTag');
  await runtime.deploy(`mock-${processDefinitionId}.bpmn`, childProcessMockBpmn(processDefinitionId, versionTag));
  runtime.mocks.set(childProcessMockJobType(processDefinitionId), { kind: 'complete', variables: variablesOf(instruction) });
};

const mockDmnDecision: Action = async (runtime, instruction) => {
  const decisionDefinitionId = requiredString(instruction, 'decisionDefinitionId');
  await runtime.deploy(`mock-${decisionDefinitionId}.dmn`, decisionMockDmn(decisionDefinitionId, variablesOf(instruction)));
};

/** Action instructions by CPT type. */
export const ACTIONS: Record<string, Action> = {
  CREATE_PROCESS_INSTANCE: createProcessInstance,
  COMPLETE_JOB: completeJob,
  THROW_BPMN_ERROR_FROM_JOB: throwBpmnErrorFromJob,
  COMPLETE_USER_TASK: completeUserTask,
  COMPLETE_JOB_USER_TASK_LISTENER: completeJobUserTaskListener,
  PUBLISH_MESSAGE: publishMessage,
  CORRELATE_MESSAGE: correlateMessage,
  BROADCAST_SIGNAL: broadcastSignal,
  INCREASE_TIME: increaseTime,
  SET_TIME: setTime,
  UPDATE_VARIABLES: updateVariables,
  RESOLVE_INCIDENT: resolveIncident,
  EVALUATE_DECISION: evaluateDecision,
  MOCK_JOB_WORKER_COMPLETE_JOB: mockCompleteJob,
  MOCK_JOB_WORKER_THROW_BPMN_ERROR: mockThrowBpmnError,
  MOCK_CHILD_PROCESS: mockChildProcess,
  MOCK_DMN_DECISION: mockDmnDecision,
};
