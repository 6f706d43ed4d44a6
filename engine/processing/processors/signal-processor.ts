import type { Variables } from '../../api';
import type { CommandProcessor } from '../processing-context';
import { broadcastSignal } from '../bpmn/signal-behavior';
import { bpmnBehaviors } from './behaviors';

/** SIGNAL BROADCAST: triggers every signal catch, boundary and start event with that name. */
export const signalProcessor: CommandProcessor = {
  process(command, ctx) {
    const v = command.value as { signalName: string; variables?: Variables; tenantId: string };
    if (!v.signalName) return ctx.reject('INVALID_ARGUMENT', 'Expected to broadcast a signal with a name, but the name is empty');
    const key = broadcastSignal(bpmnBehaviors(ctx), v.signalName, v.variables ?? {}, v.tenantId);
    ctx.respond({ key, tenantId: v.tenantId });
  },
};
