import type { CommandProcessor } from '../processing-context';

/**
 * AUTHORIZATION commands stand for calls the gateways refused; each is rejected with UNAUTHORIZED and the
 * gateway's reason, so the stream holds who tried what and why, next to the actions people did take.
 */
export const authorizationProcessor: CommandProcessor = {
  process(command, ctx) {
    const reason = String((command.value as { reason?: unknown }).reason ?? 'Insufficient permissions');
    ctx.reject('UNAUTHORIZED', reason);
  },
};
