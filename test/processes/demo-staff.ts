/**
 * Demo people working a service bed started with `auth: 'demo'`: each call goes to the REST API v2 with the
 * person's own HTTP Basic credentials, so what they see and may do is what the engine's authorization decides,
 * exactly as in the task list.
 */
import type { Variables } from '../../engine/api';
import { basicAuthorization, DEMO_PERSON_PASSWORD } from '../../engine/identity';
import { waitForTasks, type ServiceBed } from './service-bed';

/** A user task as `POST /v2/user-tasks/search` answers it (the fields these tests read). */
export interface SearchedTask {
  userTaskKey: string;
  elementId: string;
  candidateGroups?: string[];
  assignee?: string;
  processInstanceKey: string;
}

/** `fetch` on the bed's REST port as the demo person `username`. */
export function callAs(bed: ServiceBed, username: string, method: string, route: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { authorization: basicAuthorization(username, DEMO_PERSON_PASSWORD) };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${bed.server.restUrl}${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** The open tasks of one case that `username` sees in the task list's search. */
export async function tasksSeenBy(bed: ServiceBed, username: string, processInstanceKey: string): Promise<SearchedTask[]> {
  const response = await callAs(bed, username, 'POST', '/v2/user-tasks/search', { filter: { processInstanceKey, state: 'CREATED' } });
  if (response.status !== 200) throw new Error(`Expected 200 from the task search as ${username}, but got ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { items: SearchedTask[] }).items;
}

/**
 * Waits until the case has an open task of `elementId`, then answers whether `username` sees it in the task
 * search (the search waits for history to reach the engine's position, so no polling is needed): the task, or
 * undefined when it is hidden from them.
 */
export async function taskSeenBy(bed: ServiceBed, username: string, processInstanceKey: string, elementId: string): Promise<SearchedTask | undefined> {
  await waitForTasks(bed, processInstanceKey, elementId);
  return (await tasksSeenBy(bed, username, processInstanceKey)).find((candidate) => candidate.elementId === elementId);
}

/** Claims the task for `username` and completes it with `variables`, both as that person; fails on any refusal. */
export async function claimAndComplete(bed: ServiceBed, username: string, userTaskKey: string, variables: Variables): Promise<void> {
  const claimed = await callAs(bed, username, 'POST', `/v2/user-tasks/${userTaskKey}/assignment`, { assignee: username });
  if (claimed.status !== 204) throw new Error(`Expected ${username} to claim task ${userTaskKey} (204), but got ${claimed.status}: ${await claimed.text()}`);
  const completed = await callAs(bed, username, 'POST', `/v2/user-tasks/${userTaskKey}/completion`, { variables });
  if (completed.status !== 204) throw new Error(`Expected ${username} to complete task ${userTaskKey} (204), but got ${completed.status}: ${await completed.text()}`);
}

/** Opens a case at `username`'s window (`POST /v2/process-instances`) and answers its process instance key. */
export async function startCaseAs(bed: ServiceBed, username: string, processDefinitionId: string, variables: Variables): Promise<string> {
  const response = await callAs(bed, username, 'POST', '/v2/process-instances', { processDefinitionId, variables });
  if (response.status !== 200) throw new Error(`Expected ${username} to open a ${processDefinitionId} case (200), but got ${response.status}: ${await response.text()}`);
  return String(((await response.json()) as { processInstanceKey: string }).processInstanceKey);
}
