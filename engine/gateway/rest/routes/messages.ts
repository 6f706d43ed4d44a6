import { Router } from 'express';
import type { EngineRecord } from '../../../api';
import { requestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { HttpProblem } from '../problem';
import { objectBody, optionalInteger, optionalString, optionalVariables, requiredString, tenantOf } from '../request-fields';

/** How long a correlation waits for the engine to finish correlating a message it has accepted. */
const CORRELATION_WAIT_MS = 5_000;

const CORRELATING_VALUE_TYPES = new Set(['PROCESS_MESSAGE_SUBSCRIPTION', 'MESSAGE_SUBSCRIPTION', 'MESSAGE_START_EVENT_SUBSCRIPTION']);

function correlationOf(messageKey: string) {
  return (record: EngineRecord) =>
    record.recordType === 'EVENT' &&
    record.intent === 'CORRELATED' &&
    CORRELATING_VALUE_TYPES.has(record.valueType) &&
    String(record.value.messageKey) === messageKey;
}

/** `POST /v2/messages/publication` (buffered with a TTL) and `POST /v2/messages/correlation` (now or 404). */
export function messageRoutes(context: RestRouteContext): Router {
  const router = Router();
  const { engine } = context;

  router.post('/messages/publication', async (request, response) => {
    const auth = requestAuth(response);
    const body = objectBody(request);
    const message = {
      name: requiredString(body, 'name'),
      correlationKey: optionalString(body, 'correlationKey') ?? '',
      timeToLiveMs: optionalInteger(body, 'timeToLive', { min: 0 }) ?? 0,
      messageId: optionalString(body, 'messageId'),
      variables: optionalVariables(body),
      tenantId: tenantOf(body),
    };
    auth.require({ action: 'message:publish' });
    const published = await engine.publishMessage(message, auth.context);
    response.json({ tenantId: published.tenantId, messageKey: published.key });
  });

  router.post('/messages/correlation', async (request, response) => {
    const auth = requestAuth(response);
    const body = objectBody(request);
    const message = {
      name: requiredString(body, 'name'),
      correlationKey: optionalString(body, 'correlationKey') ?? '',
      timeToLiveMs: 0,
      variables: optionalVariables(body),
      tenantId: tenantOf(body),
    };
    auth.require({ action: 'message:publish' });
    // One listener from before the publication until the answer: the correlation may commit in the same
    // batch as the publication or in a later one.
    const seen: EngineRecord[] = [];
    let wake: (() => void) | undefined;
    const unsubscribe = engine.onCommitted((committed) => {
      seen.push(...committed);
      wake?.();
    });
    let correlated: EngineRecord | undefined;
    let published: { key: string; tenantId: string };
    try {
      published = await engine.publishMessage(message, auth.context);
      const isCorrelation = correlationOf(published.key);
      correlated = seen.find(isCorrelation);
      const pending = seen.some((record) => record.recordType === 'COMMAND' && String(record.value.messageKey) === published.key);
      if (!correlated && pending) {
        const deadline = Date.now() + CORRELATION_WAIT_MS;
        while (!correlated && Date.now() < deadline) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          correlated = seen.find(isCorrelation);
        }
      }
    } finally {
      unsubscribe();
    }
    if (!correlated) {
      throw new HttpProblem(
        404,
        'NOT_FOUND',
        `Expected to find subscription for message with name '${message.name}' and correlation key '${message.correlationKey}', but none was found.`,
      );
    }
    response.json({ tenantId: published.tenantId, messageKey: published.key, processInstanceKey: String(correlated.value.processInstanceKey) });
  });
  return router;
}
