import type { FlowNode } from './executable-process';

/**
 * Zeebe refuses, at deployment, catch events of one scope that could not be told apart: two boundary events of
 * one activity, two event-subprocess start events of one container, or two events after one event-based gateway
 * waiting for the same message name or signal name, or catching the same error or escalation code (or two
 * catching every error or every escalation). The engine would otherwise pick one of them silently. Returns one
 * problem per duplicated name or code, in Zeebe's words, to be reported on the scope.
 */
export function duplicateCatchEventProblems(events: readonly FlowNode[]): string[] {
  const problems: string[] = [];
  const duplicated = (values: (string | undefined)[]) => {
    const seen = new Set<string>();
    const twice = new Set<string>();
    for (const value of values) {
      if (value === undefined || value === '') continue;
      if (seen.has(value)) twice.add(value);
      seen.add(value);
    }
    return [...twice];
  };
  const withType = (eventType: string) => events.filter((event) => event.eventType === eventType);

  for (const name of duplicated(withType('MESSAGE').map((event) => event.message?.name))) {
    problems.push(`Multiple message event definitions with the same name '${name}' are not allowed.`);
  }
  for (const name of duplicated(withType('SIGNAL').map((event) => event.signalName))) {
    problems.push(`Multiple signal event definitions with the same name '${name}' are not allowed.`);
  }
  const catchAll = (kind: 'error' | 'escalation', plural: string) =>
    `The same scope can not contain more than one ${kind} catch event without ${kind} code. An ${kind} catch event without ${kind} code catches all ${plural}.`;
  const errors = withType('ERROR');
  for (const code of duplicated(errors.map((event) => event.errorCode))) {
    problems.push(`Multiple error catch events with the same error code '${code}' are not supported on the same scope.`);
  }
  if (errors.filter((event) => event.errorCode === undefined).length > 1) problems.push(catchAll('error', 'errors'));
  const escalations = withType('ESCALATION');
  for (const code of duplicated(escalations.map((event) => event.escalationCode))) {
    problems.push(`Multiple escalation catch events with the same escalation code '${code}' are not supported on the same scope.`);
  }
  if (escalations.filter((event) => event.escalationCode === undefined).length > 1) problems.push(catchAll('escalation', 'escalations'));
  return problems;
}
