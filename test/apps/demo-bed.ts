/**
 * `onego start` with its demo cases (the real models, forms and job workers, authentication on, the system
 * clock) for the task list's journeys on the demo data, with helpers to call the REST port as a demo user
 * and to wait for a case's open task.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { basicAuthorization } from '../../engine/identity';
import { startOneGo, type RunningOneGo } from '../../scripts/commands/start';
import type { DemoUser } from './apps-test-bed';

/** An open user task as the search answers it. */
export interface FoundTask {
  userTaskKey: string;
  name: string;
  processInstanceKey: string;
  assignee?: string | null;
  dueDate?: string | null;
}

/** A running OneGo with the demo cases. */
export interface DemoBed {
  running: RunningOneGo;
  url: string;
  call(method: string, path: string, user: DemoUser, body?: unknown): Promise<Response>;
  /** The open task named `name` of case `caseId` that `user` can see, waiting up to `timeoutMs` for it. */
  openTask(caseId: string, name: string, user: DemoUser, timeoutMs?: number): Promise<FoundTask>;
  close(): Promise<void>;
}

/** Start `onego start` on a fresh data folder (ports picked freely) and wait for the demo cases. */
export async function startDemoBed(): Promise<DemoBed> {
  const dataDir = await mkdtemp(join(tmpdir(), 'onego-tasklist-demo-'));
  const running = await startOneGo({ grpcPort: 0, restPort: 0, managementPort: 0, dataDir, demo: true, auth: 'basic' }, () => {});
  const url = running.server.restUrl;
  const call = (method: string, path: string, user: DemoUser, body?: unknown) =>
    fetch(`${url}${path}`, {
      method,
      headers: { authorization: basicAuthorization(user.username, user.password), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return {
    running,
    url,
    call,
    async openTask(caseId, name, user, timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const response = await call('POST', '/v2/user-tasks/search', user, { filter: { state: 'CREATED', name, processInstanceVariables: [{ name: 'caseId', value: JSON.stringify(caseId) }] } });
        const { items } = (await response.json()) as { items: FoundTask[] };
        if (items[0]) return items[0];
        if (Date.now() > until) throw new Error(`No open task '${name}' of case ${caseId} for ${user.username} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
    async close() {
      await running.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
