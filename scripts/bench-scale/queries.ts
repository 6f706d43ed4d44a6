import { percentile } from '../bench/drive';
import { CANDIDATE_GROUPS, FINISHED_PROCESS_ID, USER_TASK_PROCESS_ID } from './models';
import type { SampledCase } from './loader';

/**
 * The REST API v2 searches the history targets name, each asked `requests` times one after another (the
 * latency one person's click sees, not a load test), against cases sampled from the load.
 */

/** One search measured, or why it could not be. */
export interface QueryResult {
  label: string;
  /** Latencies in ms, ascending; empty when unavailable. */
  sortedMs: number[];
  /** Answers with at least one item (a search that finds nothing is fast and wrong). */
  nonEmpty: number;
  unavailable?: string;
}

interface QuerySpec {
  label: string;
  path: string;
  body: (index: number) => unknown;
}

const PAGE = { limit: 50 };

function querySpecs(finished: readonly SampledCase[], waiting: readonly SampledCase[]): QuerySpec[] {
  // Alternate finished and waiting cases where both exist: one is history, the other live.
  const cases = [...finished, ...waiting];
  const caseAt = (index: number) => (index % 2 === 0 || waiting.length === 0 ? finished[index % finished.length] : waiting[index % waiting.length]) ?? cases[index % cases.length];
  return [
    {
      label: 'user-task search by candidate group',
      path: '/v2/user-tasks/search',
      body: (index) => ({ filter: { candidateGroup: CANDIDATE_GROUPS[index % CANDIDATE_GROUPS.length] }, page: PAGE }),
    },
    {
      label: 'process-instance search by definition and state',
      path: '/v2/process-instances/search',
      body: (index) =>
        index % 2 === 0
          ? { filter: { processDefinitionId: FINISHED_PROCESS_ID, state: 'COMPLETED' }, page: PAGE }
          : { filter: { processDefinitionId: USER_TASK_PROCESS_ID, state: 'ACTIVE' }, page: PAGE },
    },
    {
      label: "one instance's element instances",
      path: '/v2/element-instances/search',
      body: (index) => ({ filter: { processInstanceKey: caseAt(index).processInstanceKey }, page: { limit: 100 } }),
    },
    {
      label: "one instance's audit log",
      path: '/v2/audit-logs/search',
      body: (index) => ({ filter: { processInstanceKey: caseAt(index).processInstanceKey }, page: { limit: 100 } }),
    },
    {
      label: 'variable search by name (applicantName = a name)',
      path: '/v2/variables/search',
      // Camunda's variable values are JSON text, so a string value is searched with its quotes.
      body: (index) => ({ filter: { name: 'applicantName', value: JSON.stringify(caseAt(index).applicantName) }, page: PAGE }),
    },
  ];
}

async function post(url: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: kept as text for the reason line
  }
  return { status: response.status, json };
}

function problemText(status: number, json: unknown): string {
  const detail = typeof json === 'object' && json !== null ? ((json as { detail?: unknown }).detail ?? (json as { title?: unknown }).title) : json;
  return `answered ${status}${detail ? `: ${String(detail).slice(0, 80)}` : ''}`;
}

async function measure(restUrl: string, spec: QuerySpec, requests: number): Promise<QueryResult> {
  const url = `${restUrl}${spec.path}`;
  // A few unmeasured requests first: the route's first call pays for compiling it.
  for (let index = 0; index < Math.min(5, requests); index++) {
    const { status, json } = await post(url, spec.body(index));
    if (status !== 200) return { label: spec.label, sortedMs: [], nonEmpty: 0, unavailable: `POST ${spec.path} ${problemText(status, json)}` };
  }
  const latencies: number[] = [];
  let nonEmpty = 0;
  for (let index = 0; index < requests; index++) {
    const t0 = performance.now();
    const { status, json } = await post(url, spec.body(index));
    latencies.push(performance.now() - t0);
    if (status !== 200) return { label: spec.label, sortedMs: [], nonEmpty: 0, unavailable: `POST ${spec.path} ${problemText(status, json)} (request ${index + 1})` };
    const items = (json as { items?: unknown[] }).items;
    if (Array.isArray(items) && items.length > 0) nonEmpty++;
  }
  return { label: spec.label, sortedMs: latencies.sort((a, b) => a - b), nonEmpty };
}

/** Measure every search in turn. */
export async function measureQueries(restUrl: string, finished: readonly SampledCase[], waiting: readonly SampledCase[], requests: number): Promise<QueryResult[]> {
  const results: QueryResult[] = [];
  for (const spec of querySpecs(finished, waiting)) results.push(await measure(restUrl, spec, requests));
  return results;
}

/** p50 and p99 of a measured search, in ms. */
export function queryPercentiles(result: QueryResult): { p50: number; p99: number } {
  return { p50: percentile(result.sortedMs, 50), p99: percentile(result.sortedMs, 99) };
}
