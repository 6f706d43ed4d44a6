/**
 * Isolation: work a caller can make long (deployment parsing and validation, FEEL from requests) runs on worker
 * threads, off the engine thread (issue 13).
 */
export { isolationPool, IsolationPool, isolationThreadCount, isolationNice } from './isolation-pool';
export { checkDeployment, type CheckedDeployment, type CompiledBpmn, type ParsedDmn, type ResourceText } from './deployment-check';
