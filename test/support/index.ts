/**
 * The shared test harness: the engine in-process with a controlled clock, fluent Zeebe-like clients, record
 * stream assertions, and a tiny BPMN writer (`bpmn`).
 */
export { TestEngine, DeploymentBuilder, ProcessInstanceClient, JobClient, MessageBuilder, IncidentClient, UserTaskClient } from './test-engine';
export { RecordStream } from './record-stream';
export * as bpmn from './bpmn';
