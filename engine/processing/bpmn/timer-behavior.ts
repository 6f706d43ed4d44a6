import type { Key } from '../../api';
import type { FlowNode } from '../../model';
import { parseTimeCycle, resolveTimeDate, resolveTimeDuration } from '../../time';
import type { BpmnBehaviors } from './bpmn-behaviors';
import { failure, isFailure, type Failure } from './failure';

/** A timer's next due date and how many repetitions remain (-1 = unbounded, 1 = fires once). */
export interface ResolvedTimer {
  dueDate: number;
  repetitions: number;
}

/**
 * Evaluate a timer definition (timeDate, timeDuration or timeCycle; literal or FEEL) at engine time.
 * `lastDueMs` is the due date a cycle last fired at, when it is re-armed: as in Zeebe, the next one is an
 * interval after it, or an interval after now when cycles were missed; a first cycle whose start lies in
 * the past fires at once.
 */
export function resolveTimer(b: BpmnBehaviors, node: FlowNode, scopeKey: Key, lastDueMs?: number): ResolvedTimer | Failure {
  const timer = node.timer!;
  const value = b.expressions.property(timer.expression, scopeKey, 'EXTRACT_VALUE_ERROR');
  if (isFailure(value)) return value;
  const now = b.ctx.now;
  if (timer.kind === 'date') {
    const due = resolveTimeDate(value);
    return due.ok ? { dueDate: due.value, repetitions: 1 } : failure('EXTRACT_VALUE_ERROR', due.failure);
  }
  if (timer.kind === 'duration') {
    const due = resolveTimeDuration(value, now);
    return due.ok ? { dueDate: due.value, repetitions: 1 } : failure('EXTRACT_VALUE_ERROR', due.failure);
  }
  const cycle = parseTimeCycle(value);
  if (!cycle.ok) return failure('EXTRACT_VALUE_ERROR', cycle.failure);
  const next = lastDueMs === undefined ? cycle.value.firstDueDate(now) : cycle.value.nextDueDate(lastDueMs, now);
  if (next === undefined) return failure('EXTRACT_VALUE_ERROR', `Expected the timer cycle '${cycle.value.text}' to have a next due date, but it has none`);
  return { dueDate: next, repetitions: cycle.value.repetitions ?? -1 };
}
