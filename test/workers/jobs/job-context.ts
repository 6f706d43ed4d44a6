/** A fake job context for unit-testing worker definitions through `runJob`. */
import type { JobContext } from '../../../workers/define-worker';

/** A context with the given environment and a deterministic random source; `lines` collects the log. */
export function jobContext(type: string, env: Record<string, string | undefined> = {}, retries = 3): JobContext & { lines: string[] } {
  const lines: string[] = [];
  return {
    job: { key: '2251799813685249', type, processInstanceKey: '2251799813685248', bpmnProcessId: 'test', elementId: 'Task', retries, customHeaders: {} },
    config: { env, random: () => 0.5 },
    log: {
      info: (message) => lines.push(`info ${message}`),
      warn: (message) => lines.push(`warn ${message}`),
    },
    lines,
  };
}
