import type { FlowNode } from '../../../model';
import type { ProcessInstanceRecordValue } from '../../../protocol';
import type { ElementProcessor } from '../element-processor';
import { adHocInnerInstanceProcessor } from './ad-hoc-inner-instance-processor';
import { adHocSubProcessProcessor } from './ad-hoc-subprocess-processor';
import { boundaryEventProcessor } from './boundary-event-processor';
import { businessRuleTaskProcessor } from './business-rule-task-processor';
import { callActivityProcessor } from './call-activity-processor';
import { containerProcessor } from './container-processor';
import { endEventProcessor } from './end-event-processor';
import {
  eventBasedGatewayProcessor,
  exclusiveGatewayProcessor,
  inclusiveGatewayProcessor,
  parallelGatewayProcessor,
} from './gateway-processors';
import { intermediateCatchEventProcessor } from './intermediate-catch-event-processor';
import { intermediateThrowEventProcessor } from './intermediate-throw-event-processor';
import { jobWorkerTaskProcessor } from './job-worker-task-processor';
import { multiInstanceBodyProcessor } from './multi-instance-body-processor';
import { receiveTaskProcessor } from './receive-task-processor';
import { scriptTaskProcessor } from './script-task-processor';
import { startEventProcessor } from './start-event-processor';
import { undefinedTaskProcessor } from './undefined-task-processor';
import { userTaskProcessor } from './user-task-processor';

const byType: Record<string, ElementProcessor> = {
  PROCESS: containerProcessor,
  SUB_PROCESS: containerProcessor,
  EVENT_SUB_PROCESS: containerProcessor,
  AD_HOC_SUB_PROCESS: adHocSubProcessProcessor,
  AD_HOC_SUB_PROCESS_INNER_INSTANCE: adHocInnerInstanceProcessor,
  START_EVENT: startEventProcessor,
  END_EVENT: endEventProcessor,
  INTERMEDIATE_CATCH_EVENT: intermediateCatchEventProcessor,
  INTERMEDIATE_THROW_EVENT: intermediateThrowEventProcessor,
  BOUNDARY_EVENT: boundaryEventProcessor,
  SERVICE_TASK: jobWorkerTaskProcessor,
  SEND_TASK: jobWorkerTaskProcessor,
  SCRIPT_TASK: scriptTaskProcessor,
  BUSINESS_RULE_TASK: businessRuleTaskProcessor,
  USER_TASK: userTaskProcessor,
  RECEIVE_TASK: receiveTaskProcessor,
  MANUAL_TASK: undefinedTaskProcessor,
  TASK: undefinedTaskProcessor,
  CALL_ACTIVITY: callActivityProcessor,
  EXCLUSIVE_GATEWAY: exclusiveGatewayProcessor,
  INCLUSIVE_GATEWAY: inclusiveGatewayProcessor,
  PARALLEL_GATEWAY: parallelGatewayProcessor,
  EVENT_BASED_GATEWAY: eventBasedGatewayProcessor,
};

/** The processor for an element instance: the multi-instance body, or the element kind's own. */
export function elementProcessorFor(value: ProcessInstanceRecordValue, node: FlowNode): ElementProcessor {
  if (value.bpmnElementType === 'MULTI_INSTANCE_BODY') return multiInstanceBodyProcessor;
  const processor = byType[node.type];
  if (!processor) throw new Error(`No processor for element type ${node.type}`);
  return processor;
}
