/**
 * The unary Gateway RPCs, one module per group (deployment, process instance, job, message, signal,
 * variables, incident, decision, topology); each exports a factory of grpc-js handlers for a gateway.
 */
export { conditionalHandlers } from './conditional';
export { decisionHandlers } from './decision';
export { deploymentHandlers } from './deployment';
export { incidentHandlers } from './incident';
export { jobHandlers } from './job';
export { messageHandlers } from './message';
export { processInstanceHandlers, DEFAULT_REQUEST_TIMEOUT_MS } from './process-instance';
export { signalHandlers } from './signal';
export { topologyHandlers, GATEWAY_VERSION } from './topology';
export { variablesHandlers } from './variables';
