/**
 * The command processors, one per value type: each validates its commands and writes follow-up records.
 */
import { ValueType } from '../../protocol';
import type { CommandProcessor } from '../processing-context';
import { adHocSubProcessInstructionProcessor } from './ad-hoc-subprocess-instruction-processor';
import { authorizationProcessor } from './authorization-processor';
import { conditionalEvaluationProcessor } from './conditional-evaluation-processor';
import { clockProcessor } from './clock-processor';
import { decisionEvaluationProcessor } from './decision-evaluation-processor';
import { deploymentProcessor } from './deployment-processor';
import { incidentProcessor } from './incident-processor';
import { jobBatchProcessor } from './job-batch-processor';
import { jobProcessor } from './job-processor';
import { messageProcessor } from './message-processor';
import { messageCorrelationProcessor } from './message-correlation-processor';
import { messageSubscriptionProcessor } from './message-subscription-processor';
import { modificationProcessor } from './modification-processor';
import { migrationProcessor } from './migration-processor';
import { processInstanceCreationProcessor } from './process-instance-creation-processor';
import { processInstanceProcessor } from './process-instance-processor';
import { processMessageSubscriptionProcessor } from './process-message-subscription-processor';
import { resourceDeletionProcessor } from './resource-deletion-processor';
import { signalProcessor } from './signal-processor';
import { timerProcessor } from './timer-processor';
import { userTaskCommandProcessor } from './user-task-processor';
import { variableDocumentProcessor } from './variable-document-processor';
import { businessIdProcessor } from './business-id-processor';
import { processInstanceSuspensionProcessor } from '../suspension/process-instance-suspension-processor';
import { withSuspensionGate } from '../suspension/suspension-gate';
import { batchOperationCreationProcessor, batchOperationExecutionProcessor, batchOperationLifecycleProcessor } from '../batch/batch-operation-processors';

export { COMPILED, PARSED_DMN, type CompiledResources } from './deployment-processor';

/** Which processor handles the commands of each value type. */
export function createProcessors(): Map<string, CommandProcessor> {
  return withSuspensionGate(new Map<string, CommandProcessor>([
    [ValueType.DEPLOYMENT, deploymentProcessor],
    [ValueType.PROCESS_INSTANCE, processInstanceProcessor],
    [ValueType.PROCESS_INSTANCE_CREATION, processInstanceCreationProcessor],
    [ValueType.PROCESS_INSTANCE_MODIFICATION, modificationProcessor],
    [ValueType.PROCESS_INSTANCE_MIGRATION, migrationProcessor],
    [ValueType.JOB, jobProcessor],
    [ValueType.JOB_BATCH, jobBatchProcessor],
    [ValueType.INCIDENT, incidentProcessor],
    [ValueType.VARIABLE_DOCUMENT, variableDocumentProcessor],
    [ValueType.TIMER, timerProcessor],
    [ValueType.MESSAGE, messageProcessor],
    [ValueType.MESSAGE_SUBSCRIPTION, messageSubscriptionProcessor],
    [ValueType.PROCESS_MESSAGE_SUBSCRIPTION, processMessageSubscriptionProcessor],
    [ValueType.MESSAGE_CORRELATION, messageCorrelationProcessor],
    [ValueType.SIGNAL, signalProcessor],
    [ValueType.USER_TASK, userTaskCommandProcessor],
    [ValueType.RESOURCE_DELETION, resourceDeletionProcessor],
    [ValueType.DECISION_EVALUATION, decisionEvaluationProcessor],
    [ValueType.CLOCK, clockProcessor],
    [ValueType.AUTHORIZATION, authorizationProcessor],
    [ValueType.PROCESS_INSTANCE_SUSPENSION, processInstanceSuspensionProcessor],
    [ValueType.PROCESS_INSTANCE_BUSINESS_ID, businessIdProcessor],
    [ValueType.AD_HOC_SUB_PROCESS_INSTRUCTION, adHocSubProcessInstructionProcessor],
    [ValueType.CONDITIONAL_EVALUATION, conditionalEvaluationProcessor],
    [ValueType.BATCH_OPERATION_CREATION, batchOperationCreationProcessor],
    [ValueType.BATCH_OPERATION_EXECUTION, batchOperationExecutionProcessor],
    [ValueType.BATCH_OPERATION_LIFECYCLE_MANAGEMENT, batchOperationLifecycleProcessor],
  ]));
}
