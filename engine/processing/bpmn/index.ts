/**
 * BPMN execution: one processor per element kind (`elements/`) on a small lifecycle, and the shared
 * behaviours they use (transitions, mappings, flows, jobs, incidents, subscriptions, event triggers).
 */
export { BpmnBehaviors, setPath, type ActivationExtras, type JobPlan } from './bpmn-behaviors';
export type { ElementProcessor } from './element-processor';
export { elementProcessorFor } from './elements';
export { failure, isFailure, type Failure } from './failure';
