import { PassThrough } from 'node:stream';
import { createServiceLog, useEngineServiceLog } from '../../engine/logging/service-log';

/** One event of the engine's service log, as a test reads it. */
export interface CapturedLogEvent {
  level: string;
  msg: string;
}

/** Runs `body` while the engine's own service log writes into a list instead of stderr. */
export async function withEngineLog<T>(body: () => Promise<T>): Promise<{ result: T; events: CapturedLogEvent[] }> {
  const events: CapturedLogEvent[] = [];
  const stream = new PassThrough();
  let pending = '';
  stream.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) if (line) events.push(JSON.parse(line) as CapturedLogEvent);
  });
  const previous = useEngineServiceLog(createServiceLog({ component: 'engine', destination: stream, format: 'json', env: {} }));
  try {
    return { result: await body(), events };
  } finally {
    useEngineServiceLog(previous);
  }
}
