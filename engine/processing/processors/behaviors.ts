import { BpmnBehaviors } from '../bpmn/bpmn-behaviors';
import { elementProcessorFor } from '../bpmn/elements';
import type { ProcessingContext } from '../processing-context';

/** The BPMN behaviours for one command. */
export function bpmnBehaviors(ctx: ProcessingContext): BpmnBehaviors {
  return new BpmnBehaviors(ctx, elementProcessorFor);
}
