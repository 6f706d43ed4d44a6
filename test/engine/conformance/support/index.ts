/**
 * Support for the BPMN conformance suite: a real engine on port 0 driven only through the official clients,
 * with record-stream waits and reads scoped to one process instance.
 */
export { startConformanceBed, type ConformanceBed, type SdkJob } from './conformance-bed';
export { flowScopeOf, parsedVariables, recordLabel } from './record-reading';
export { migrationSteps, type GrpcFailure, type MigrationSteps } from './migration';
