/**
 * The engine's gRPC gateway: serves Zeebe's `gateway_protocol.Gateway` so the official clients
 * (`@camunda8/sdk`, `zeebe-node`) drive the embedded engine unmodified.
 */
export { startGrpcGateway, type GrpcGateway, type GrpcGatewayOptions } from './server';
export { allowAnonymous, type GrpcAuthenticator } from './authentication';
export { GatewayError } from './errors';
export { GATEWAY_VERSION, DEFAULT_REQUEST_TIMEOUT_MS } from './handlers';
export { DEFAULT_LONG_POLLING_TIMEOUT_MS } from './job-long-polling';
