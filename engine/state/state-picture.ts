// The deterministic picture of live state that the replay and snapshot tests compare: every map appliers
// keep, indexes included, as sorted JSON. Compiled models and the due-date schedule are derived, so left out.
import type { EngineState } from './engine-state';

/**
 * A deterministic, JSON-compatible picture of everything appliers maintain, indexes included (not the
 * compiled models). Sets keep their order, so an index rebuilt in another order shows.
 */
export function statePicture(state: EngineState): Record<string, unknown> {
  const mapToObject = (map: Map<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const key of [...map.keys()].sort()) {
      const value = map.get(key);
      out[key] = value instanceof Map ? mapToObject(value) : value instanceof Set ? [...value] : value;
    }
    return out;
  };
  return JSON.parse(
    JSON.stringify({
      nextKey: state.keys.peek(),
      lastClock: state.lastClock ?? null,
      processes: mapToObject(state.processes),
      formVersions: mapToObject(state.formVersions),
      decisionRequirementsVersions: mapToObject(state.decisionRequirementsVersions),
      decisionVersions: mapToObject(state.decisionVersions),
      messagesByCorrelation: mapToObject(state.messagesByCorrelation),
      messageSubscriptionsByCorrelation: mapToObject(state.messageSubscriptionsByCorrelation),
      messageSubscriptionsByElement: mapToObject(state.messageSubscriptionsByElement),
      startCorrelationOfInstance: mapToObject(state.startCorrelationOfInstance),
      subscriptionsByElement: mapToObject(state.subscriptionsByElement),
      processVersions: mapToObject(state.processVersions),
      deployedProcesses: mapToObject(state.deployedProcesses),
      deployedDecisions: mapToObject(state.deployedDecisions),
      deployedForms: mapToObject(state.deployedForms),
      forms: mapToObject(state.forms),
      decisionRequirements: mapToObject(state.decisionRequirements),
      decisions: mapToObject(state.decisions),
      elementInstances: mapToObject(state.elementInstances),
      children: mapToObject(state.children),
      variables: mapToObject(state.variables),
      jobs: mapToObject(state.jobs),
      activatableJobs: mapToObject(state.activatableJobs),
      incidents: mapToObject(state.incidents),
      timers: mapToObject(state.timers),
      messages: mapToObject(state.messages),
      messageIds: mapToObject(state.messageIds),
      messageCorrelations: [...state.messageCorrelations].sort(),
      messageSubscriptions: mapToObject(state.messageSubscriptions),
      processMessageSubscriptions: mapToObject(state.processMessageSubscriptions),
      messageStartSubscriptions: mapToObject(state.messageStartSubscriptions),
      signalSubscriptions: mapToObject(state.signalSubscriptions),
      conditionalSubscriptions: mapToObject(state.conditionalSubscriptions),
      activeStartCorrelations: mapToObject(state.activeStartCorrelations),
      userTasks: mapToObject(state.userTasks),
      batchOperations: mapToObject(state.batchOperations),
      compensationSubscriptions: mapToObject(state.compensationSubscriptions),
      startEventTriggers: mapToObject(state.startEventTriggers),
      liveInstancesByDefinition: mapToObject(state.liveInstancesByDefinition),
      startSubscriptionsByDefinition: mapToObject(state.startSubscriptionsByDefinition),
      signalSubscriptionsByName: mapToObject(state.signalSubscriptionsByName),
      incidentsByElement: mapToObject(state.incidentsByElement),
      conditionalSubscriptionsByVariable: mapToObject(state.conditionalSubscriptionsByVariable),
      messageStartNamesByDefinition: mapToObject(state.messageStartNamesByDefinition),
    }),
  );
}
