// The event definition of one BPMN event, compiled (timer, message, signal, error, escalation, conditional,
// link): what the engine reads from it, and every problem it has, reported at deployment.
import { checkExpr } from './check-expressions';
import { readConditionalEvent } from './conditional-event';
import type { FlowNode } from './executable-process';

/** Read an event's (first) event definition into `node`, whose type and event type are already known. */
export function readEventDefinition(element: any, definition: any, node: FlowNode, report: (id: string, message: string) => void): void {
  const type = node.type;
  const eventType = node.eventType;
  if (definition) {
    switch (eventType) {
      case 'TIMER': {
        const kind = definition.timeDate ? 'date' : definition.timeDuration ? 'duration' : definition.timeCycle ? 'cycle' : undefined;
        const body = (definition.timeDate ?? definition.timeDuration ?? definition.timeCycle)?.body?.trim();
        if (!kind || !body) report(element.id, 'Must have a timeDate, timeDuration or timeCycle');
        else {
          node.timer = { kind, expression: body };
          checkExpr(element.id, body, report, 'timer');
        }
        break;
      }
      case 'MESSAGE': {
        const message = definition.messageRef;
        if (!message?.name) {
          if (type !== 'END_EVENT' && type !== 'INTERMEDIATE_THROW_EVENT') report(element.id, 'Must reference a message with a name');
        } else {
          const subscription = (message.extensionElements?.values ?? []).find((e: any) => e.$type === 'zeebe:Subscription');
          node.message = { name: message.name, correlationKey: subscription?.correlationKey };
          checkExpr(element.id, message.name, report, 'message name');
          const needsKey = type !== 'START_EVENT' || false;
          if (needsKey && type !== 'END_EVENT' && type !== 'INTERMEDIATE_THROW_EVENT') {
            if (!node.message.correlationKey) report(element.id, 'Must have a correlation key (zeebe:subscription correlationKey)');
            else checkExpr(element.id, node.message.correlationKey, report, 'correlation key');
          }
        }
        break;
      }
      case 'SIGNAL':
        if (!definition.signalRef?.name) report(element.id, 'Must reference a signal with a name');
        else {
          node.signalName = definition.signalRef.name;
          checkExpr(element.id, definition.signalRef.name, report, 'signal name');
        }
        break;
      case 'ERROR':
        node.errorCode = definition.errorRef?.errorCode || undefined;
        if (type === 'END_EVENT' && !node.errorCode) report(element.id, 'Must reference an error with an error code');
        break;
      case 'ESCALATION':
        node.escalationCode = definition.escalationRef?.escalationCode || undefined;
        if ((type === 'END_EVENT' || type === 'INTERMEDIATE_THROW_EVENT') && !node.escalationCode) {
          report(element.id, 'Must reference an escalation with an escalation code');
        }
        break;
      case 'CONDITIONAL':
        readConditionalEvent(definition, node, report, checkExpr);
        break;
      case 'LINK':
        node.linkName = definition.name;
        if (!node.linkName) report(element.id, 'Must have a link name');
        break;
      default:
        break;
    }
  }
}
