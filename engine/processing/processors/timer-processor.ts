import { TimerIntent, ValueType } from '../../protocol';
import type { CommandProcessor } from '../processing-context';
import { bpmnBehaviors } from './behaviors';
import { resolveTimer } from '../bpmn/timer-behavior';
import { isFailure } from '../bpmn/failure';

/**
 * TIMER TRIGGER (from the scheduler): the timer fires — a timer start event starts an instance, any other
 * timer triggers its catch element. Cycles of start events and non-interrupting boundary events re-arm.
 */
export const timerProcessor: CommandProcessor = {
  process(command, ctx) {
    const timer = ctx.state.timers.get(command.key);
    if (!timer || timer.value.dueDate > ctx.now) {
      return ctx.reject('NOT_FOUND', `Expected to trigger timer with key '${command.key}', but no such timer was found`);
    }
    const v = timer.value;
    const b = bpmnBehaviors(ctx);
    ctx.writeEvent(command.key, ValueType.TIMER, TimerIntent.TRIGGERED, v);
    const model = ctx.state.executables.get(v.processDefinitionKey);
    const node = model?.nodes.get(v.targetElementId);
    if (!model || !node) return;
    const rearm = (scopeKey: string, elementInstanceKey: string, processInstanceKey: string) => {
      if (v.repetitions === 1) return;
      const next = resolveTimer(b, node, scopeKey, v.dueDate);
      if (isFailure(next)) return;
      ctx.writeEvent(ctx.newKey(), ValueType.TIMER, TimerIntent.CREATED, {
        ...v,
        elementInstanceKey,
        processInstanceKey,
        dueDate: next.dueDate,
        repetitions: v.repetitions > 1 ? v.repetitions - 1 : -1,
      });
    };
    if (v.elementInstanceKey === '-1') {
      const definition = ctx.state.processes.get(v.processDefinitionKey);
      if (!definition) return;
      b.startProcessInstance(definition, {}, { startElementIds: [v.targetElementId] });
      rearm('-1', '-1', '-1');
      return;
    }
    const triggered = b.triggerCatch(v.elementInstanceKey, v.targetElementId, {});
    const nonInterrupting = (node.type === 'BOUNDARY_EVENT' || node.type === 'START_EVENT') && !node.interrupting;
    if (triggered && nonInterrupting) rearm(v.elementInstanceKey, v.elementInstanceKey, v.processInstanceKey);
  },
};
