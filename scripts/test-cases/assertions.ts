/**
 * The assertion instructions of CPT's JSON test cases. Like CPT's assertions they wait: each checks the run's
 * records until the expected state holds or the assertion timeout passes, then fails saying what was expected
 * and what the records show.
 */
import { isDeepStrictEqual } from 'node:util';
import type { TestCaseInstruction } from './test-case-file';
import { TestCaseFailure, type TestCaseRuntime } from './test-case-runtime';
import type { RunElementInstance } from './run-records';

type Assertion = (runtime: TestCaseRuntime, instruction: TestCaseInstruction) => Promise<void>;

const show = (value: unknown) => JSON.stringify(value);

function instanceOf(runtime: TestCaseRuntime, instruction: TestCaseInstruction): RunElementInstance {
  const selector = instruction.processInstanceSelector as { processDefinitionId?: string } | undefined;
  const instance = runtime.processInstance(selector);
  if (!instance) throw new TestCaseFailure(`no process instance matches ${show(selector ?? {})} / 找不到流程实例`);
  return instance;
}

function elementIdsOf(runtime: TestCaseRuntime, selectors: unknown): string[] {
  if (!Array.isArray(selectors)) throw new TestCaseFailure('"elementSelectors" must be an array / 必须是数组');
  return selectors.map((selector: { elementId?: unknown; elementName?: unknown }) => runtime.names.idOf(selector));
}

function elementsOf(runtime: TestCaseRuntime, instance: RunElementInstance, elementId: string): RunElementInstance[] {
  return [...runtime.records.elementInstances.values()].filter((element) => element.processInstanceKey === instance.key && element.elementId === elementId);
}

const STATE_OF: Record<string, RunElementInstance['state']> = { IS_ACTIVE: 'ACTIVE', IS_COMPLETED: 'COMPLETED', IS_TERMINATED: 'TERMINATED' };

const assertProcessInstance: Assertion = async (runtime, instruction) => {
  await runtime.eventually(() => {
    const instance = instanceOf(runtime, instruction);
    const expected = instruction.state as string | undefined;
    if (expected && expected !== 'IS_CREATED' && instance.state !== STATE_OF[expected]) {
      throw new TestCaseFailure(`process instance ${instance.bpmnProcessId} is ${instance.state}, expected ${expected}`);
    }
    if (typeof instruction.hasActiveIncidents === 'boolean') {
      const open = [...runtime.records.incidents.values()].some((incident) => incident.processInstanceKey === instance.key && !incident.resolved);
      if (open !== instruction.hasActiveIncidents) throw new TestCaseFailure(`process instance ${open ? 'has' : 'has no'} active incidents, expected hasActiveIncidents=${instruction.hasActiveIncidents}`);
    }
  });
};

const assertElementInstance: Assertion = async (runtime, instruction) => {
  const [elementId] = elementIdsOf(runtime, [instruction.elementSelector]);
  const expected = STATE_OF[instruction.state as string];
  if (!expected) throw new TestCaseFailure(`"state" must be IS_ACTIVE, IS_COMPLETED or IS_TERMINATED, not ${show(instruction.state)}`);
  const amount = typeof instruction.amount === 'number' ? instruction.amount : 1;
  await runtime.eventually(() => {
    const found = elementsOf(runtime, instanceOf(runtime, instruction), elementId).filter((element) => element.state === expected).length;
    if (found < amount) throw new TestCaseFailure(`element '${elementId}': ${found} instance(s) ${expected}, expected ${amount}`);
  });
};

const assertElementInstances: Assertion = async (runtime, instruction) => {
  const ids = elementIdsOf(runtime, instruction.elementSelectors);
  const state = instruction.state as string;
  await runtime.eventually(() => {
    const instance = instanceOf(runtime, instruction);
    const states = (id: string) => elementsOf(runtime, instance, id).map((element) => element.state);
    switch (state) {
      case 'IS_ACTIVE':
      case 'IS_COMPLETED':
      case 'IS_TERMINATED': {
        const missing = ids.filter((id) => !states(id).includes(STATE_OF[state]));
        if (missing.length > 0) throw new TestCaseFailure(`elements ${show(missing)} are not ${STATE_OF[state]}`);
        return;
      }
      case 'IS_NOT_ACTIVE': {
        const active = ids.filter((id) => states(id).includes('ACTIVE'));
        if (active.length > 0) throw new TestCaseFailure(`elements ${show(active)} are still active`);
        return;
      }
      case 'IS_NOT_ACTIVATED': {
        const reached = ids.filter((id) => states(id).length > 0);
        if (reached.length > 0) throw new TestCaseFailure(`elements ${show(reached)} were activated`);
        return;
      }
      case 'IS_ACTIVE_EXACTLY': {
        const active = [...runtime.records.elementInstances.values()]
          .filter((element) => element.processInstanceKey === instance.key && element.state === 'ACTIVE' && element.elementType !== 'PROCESS')
          .map((element) => element.elementId)
          .sort();
        if (!isDeepStrictEqual(active, [...ids].sort())) throw new TestCaseFailure(`active elements are ${show(active)}, expected exactly ${show(ids)}`);
        return;
      }
      case 'IS_COMPLETED_IN_ORDER': {
        const order = ids.map((id) => Math.min(...elementsOf(runtime, instance, id).map((element) => element.completedAt ?? Infinity)));
        if (order.some((at) => at === Infinity)) throw new TestCaseFailure(`elements ${show(ids.filter((_, index) => order[index] === Infinity))} are not completed`);
        if (order.some((at, index) => index > 0 && at < order[index - 1])) throw new TestCaseFailure(`elements ${show(ids)} were not completed in this order`);
        return;
      }
      default:
        throw new TestCaseFailure(`unknown state ${show(state)} for ASSERT_ELEMENT_INSTANCES`);
    }
  });
};

const TASK_STATE: Record<string, string> = { IS_CREATED: 'CREATED', IS_COMPLETED: 'COMPLETED', IS_CANCELED: 'CANCELED' };

const assertUserTask: Assertion = async (runtime, instruction) => {
  const selector = (instruction.userTaskSelector ?? {}) as { elementId?: string; processDefinitionId?: string; taskName?: string };
  await runtime.eventually(() => {
    const tasks = [...runtime.records.userTasks.values()].filter((task) => runtime.taskMatches(selector, task));
    const task = tasks[tasks.length - 1];
    if (!task) throw new TestCaseFailure(`no user task matches ${show(selector)} / 找不到匹配的用户任务`);
    const expectations: [string, unknown, unknown][] = [
      ['state', instruction.state === undefined ? undefined : TASK_STATE[instruction.state as string] ?? instruction.state, task.state],
      ['assignee', instruction.assignee, task.assignee],
      ['candidateGroups', instruction.candidateGroups, task.candidateGroups],
      ['priority', instruction.priority, task.priority],
      ['elementId', instruction.elementId, task.elementId],
      ['dueDate', instruction.dueDate === undefined ? undefined : Date.parse(instruction.dueDate as string), Date.parse(task.dueDate)],
    ];
    for (const [field, expected, actual] of expectations) {
      if (expected !== undefined && !isDeepStrictEqual(expected, actual)) throw new TestCaseFailure(`user task '${task.elementId}' ${field} is ${show(actual)}, expected ${show(expected)}`);
    }
  });
};

const assertVariables: Assertion = async (runtime, instruction) => {
  await runtime.eventually(() => {
    const instance = instanceOf(runtime, instruction);
    let scope = instance.key;
    const element = instruction.elementSelector as { elementId?: string; elementName?: string } | undefined;
    if (element) {
      const elementId = runtime.names.idOf(element);
      const found = elementsOf(runtime, instance, elementId);
      if (found.length === 0) throw new TestCaseFailure(`element '${elementId}' has no instance`);
      scope = found[found.length - 1].key;
    }
    const variables = runtime.records.variables.get(scope) ?? new Map<string, unknown>();
    const names = Array.isArray(instruction.variableNames) ? (instruction.variableNames as string[]) : [];
    const missing = names.filter((name) => !variables.has(name));
    if (missing.length > 0) throw new TestCaseFailure(`variables ${show(missing)} are not set`);
    for (const [name, expected] of Object.entries((instruction.variables ?? {}) as Record<string, unknown>)) {
      if (!variables.has(name)) throw new TestCaseFailure(`variable '${name}' is not set, expected ${show(expected)}`);
      if (!isDeepStrictEqual(variables.get(name), expected)) throw new TestCaseFailure(`variable '${name}' is ${show(variables.get(name))}, expected ${show(expected)}`);
    }
  });
};

const SUBSCRIPTION_STATE: Record<string, string> = { IS_WAITING: 'WAITING', IS_CORRELATED: 'CORRELATED' };

const assertMessageSubscription: Assertion = async (runtime, instruction) => {
  const selector = (instruction.messageSelector ?? {}) as { messageName?: string; correlationKey?: string };
  await runtime.eventually(() => {
    const instance = instanceOf(runtime, instruction);
    const subscriptions = [...runtime.records.subscriptions.values()].filter(
      (subscription) =>
        subscription.processInstanceKey === instance.key && subscription.messageName === selector.messageName && (selector.correlationKey === undefined || subscription.correlationKey === selector.correlationKey),
    );
    const states = subscriptions.map((subscription) => subscription.state);
    const holds = instruction.state === 'IS_NOT_WAITING' ? !states.includes('WAITING') : states.includes(SUBSCRIPTION_STATE[instruction.state as string] as never);
    if (!holds) throw new TestCaseFailure(`message subscription '${selector.messageName}' is ${show(states)}, expected ${show(instruction.state)}`);
  });
};

const assertDecision: Assertion = async (runtime, instruction) => {
  const selector = (instruction.decisionSelector ?? {}) as { decisionDefinitionId?: string; decisionDefinitionName?: string };
  await runtime.eventually(() => {
    const evaluation = [...runtime.records.decisionEvaluations]
      .reverse()
      .find((candidate) => (selector.decisionDefinitionId === undefined || candidate.decisionId === selector.decisionDefinitionId) && (selector.decisionDefinitionName === undefined || candidate.decisionName === selector.decisionDefinitionName));
    if (!evaluation) throw new TestCaseFailure(`decision ${show(selector)} was not evaluated`);
    if ('output' in instruction && !isDeepStrictEqual(JSON.parse(String(evaluation.decisionOutput)), instruction.output)) {
      throw new TestCaseFailure(`decision output is ${String(evaluation.decisionOutput)}, expected ${show(instruction.output)}`);
    }
    const own = ((evaluation.evaluatedDecisions as { decisionId: string; matchedRules: { ruleIndex: number }[] }[]) ?? []).find((decision) => decision.decisionId === evaluation.decisionId);
    const matched = (own?.matchedRules ?? []).map((rule) => rule.ruleIndex);
    if (Array.isArray(instruction.matchedRules) && !isDeepStrictEqual(matched, instruction.matchedRules)) throw new TestCaseFailure(`matched rules are ${show(matched)}, expected ${show(instruction.matchedRules)}`);
    if (Array.isArray(instruction.notMatchedRules) && (instruction.notMatchedRules as number[]).some((rule) => matched.includes(rule))) throw new TestCaseFailure(`matched rules ${show(matched)} include one of ${show(instruction.notMatchedRules)}`);
    if (instruction.noMatchedRules === true && matched.length > 0) throw new TestCaseFailure(`rules ${show(matched)} matched, expected none`);
  });
};

/** Assertion instructions by CPT type. */
export const ASSERTIONS: Record<string, Assertion> = {
  ASSERT_PROCESS_INSTANCE: assertProcessInstance,
  ASSERT_ELEMENT_INSTANCE: assertElementInstance,
  ASSERT_ELEMENT_INSTANCES: assertElementInstances,
  ASSERT_USER_TASK: assertUserTask,
  ASSERT_VARIABLES: assertVariables,
  ASSERT_PROCESS_INSTANCE_MESSAGE_SUBSCRIPTION: assertMessageSubscription,
  ASSERT_DECISION: assertDecision,
};
