/**
 * Camunda 8.9's statistics endpoints computed in SQL over the history store: per-element counts of a
 * definition or instance, active instances per definition and version, and incidents by error.
 */
export { definitionElementStatistics, instanceElementStatistics, type ElementStatistics } from './element-statistics';
export { statisticsByDefinition, statisticsByError } from './incident-statistics';
export { instanceStatisticsByDefinition, instanceStatisticsByVersion } from './definition-instance-statistics';
export { javaStringHash } from './error-hash';
export { messageSubscriptionStatistics, type MessageSubscriptionStatistics } from './message-subscription-statistics';
