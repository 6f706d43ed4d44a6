/**
 * The engine's REST face: Camunda 8 REST API v2 under `/v2` (express), errors as RFC 9457 problem+json.
 * One route module per resource in `routes/`.
 */
export { startRestGateway, type RestGateway, type RestGatewayOptions } from './server';
export { createRestApp } from './app';
export type { RestRouteContext } from './context';
export { HttpProblem, badRequest, toProblem, sendProblem, type ProblemDetail } from './problem';
