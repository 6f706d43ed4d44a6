import express, { Router, type Response } from 'express';
import type { EngineClockControl } from '../api';

/** What `GET /actuator/clock` answers, as Zeebe's clock actuator does: the instant as epoch ms and ISO text. */
export interface ClockReading {
  epochMilli: number;
  instant: string;
}

function reading(clock: EngineClockControl): ClockReading {
  const epochMilli = clock.now();
  return { epochMilli, instant: new Date(epochMilli).toISOString() };
}

/** Zeebe answers its actuator errors as plain JSON strings with a status; so do we. */
function refuse(response: Response, status: number, message: string): void {
  response.status(status).json(message);
}

function optionalLong(body: unknown, field: string): number | undefined | 'invalid' {
  const value = (body as Record<string, unknown> | undefined)?.[field];
  if (value === undefined || value === null) return undefined;
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : 'invalid';
}

/**
 * Zeebe's clock actuator on the management port, the endpoint Camunda Process Test's REMOTE mode and
 * zeebe-test-container use to move time: `GET /actuator/clock`, `POST /actuator/clock/pin` with
 * `{ epochMilli }`, `POST /actuator/clock/add` with `{ offsetMilli }` (negative subtracts), and
 * `DELETE /actuator/clock` to go back to wall time. Each answers the clock's reading afterwards.
 *
 * Reading is always allowed. Moving is refused with 403 unless the engine runs with `--clock controlled`,
 * as Zeebe refuses it unless `zeebe.clock.controlled` is set: a production engine's time cannot be moved
 * from the (unauthenticated) management port. A move goes through the engine's own clock commands, so it is
 * written to the record log and survives a restart like `PUT /v2/clock`.
 */
export function clockActuatorRoutes(clock: EngineClockControl): Router {
  const router = Router();
  router.use('/actuator/clock', express.json({ limit: '16kb' }));
  router.get('/actuator/clock', (_request, response) => {
    response.json(reading(clock));
  });
  router.post('/actuator/clock/:operation', async (request, response) => {
    const operation = request.params.operation;
    if (operation !== 'pin' && operation !== 'add') {
      refuse(response, 400, `Expected to either \`pin\` or \`add\` to the clock, but no operation named \`${operation}\` is known; make sure you wrote the correct path`);
      return;
    }
    const field = operation === 'pin' ? 'epochMilli' : 'offsetMilli';
    const value = optionalLong(request.body, field);
    if (value === undefined) {
      refuse(response, 400, operation === 'pin' ? 'Expected to pin the clock to the given `epochMilli`, but none given' : 'Expected to add `offsetMilli` to the clock, but none given');
      return;
    }
    if (value === 'invalid') {
      refuse(response, 400, `Expected \`${field}\` to be an integer number of milliseconds`);
      return;
    }
    if (!clock.controlled) {
      refuse(response, 403, operation === 'pin' ? 'Expected to pin the clock to the given time, but it is immutable (start the engine with --clock controlled)' : 'Expected to add time to the clock, but it is immutable (start the engine with --clock controlled)');
      return;
    }
    const target = operation === 'pin' ? value : clock.now() + value;
    if (target < 0) {
      refuse(response, 400, `Expected the clock to stay at or after 1970-01-01, but it would move to ${target}`);
      return;
    }
    await clock.pin(target);
    response.json(reading(clock));
  });
  router.delete('/actuator/clock', async (_request, response) => {
    if (!clock.controlled) {
      refuse(response, 403, 'Expected to reset the clock, but the clock is immutable (start the engine with --clock controlled)');
      return;
    }
    await clock.reset();
    response.json(reading(clock));
  });
  return router;
}
