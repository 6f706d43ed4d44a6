import { drive } from '../bench/drive';
import type { BenchZeebeClient } from '../bench/sdk-client';
import { Reservoir } from './key-sample';
import { LoadProgress } from './progress';
import { FINISHED_PROCESS_ID, TIMER_PROCESS_ID, USER_TASK_PROCESS_ID, caseVariables } from './models';

/** A case the queries can ask about. */
export interface SampledCase {
  processInstanceKey: string;
  applicantName: string;
}

/** What loading one kind of case took. */
export interface LoadResult {
  count: number;
  seconds: number;
  /** Create → answer (for finished cases: → completion) of each instance, in ms. */
  latenciesMs: number[];
  /** Up to 1,000 cases picked uniformly from the load. */
  sample: SampledCase[];
}

/** The moment the finished load passed its mark (e.g. 100,000 finished). */
export interface LoadMark {
  count: number;
  seconds: number;
  rssBytes: number;
}

/** Something to add to each progress line, e.g. the engine's RSS. */
export type ProgressExtra = () => Promise<string>;

/**
 * Start `count` cases that stay waiting: four in five at a user task (candidate group `dept-a` or `dept-b`,
 * with a non-interrupting timer boundary event), one in five at an intermediate timer. Many creates are in
 * flight at once; each is answered once its first wait state is committed.
 */
export async function loadWaiting(client: BenchZeebeClient, count: number, concurrency: number, extra: ProgressExtra): Promise<LoadResult> {
  const sample = new Reservoir<SampledCase>(1000);
  let done = 0;
  const progress = new LoadProgress('waiting', count, () => done, extra).start();
  const { seconds, latenciesMs } = await drive(count, concurrency, async (index) => {
    const variables = caseVariables(index, 'W');
    const bpmnProcessId = index % 5 === 4 ? TIMER_PROCESS_ID : USER_TASK_PROCESS_ID;
    const created = await client.createProcessInstance({ bpmnProcessId, variables });
    done++;
    sample.offer({ processInstanceKey: created.processInstanceKey, applicantName: String(variables.applicantName) });
  });
  await progress.finish();
  return { count, seconds, latenciesMs, sample: [...sample.values()] };
}

/**
 * Run `count` cases to their end: each create waits for the result (CreateProcessInstanceWithResult), so
 * "finished" means the end event is committed; the service task is done by the SDK job workers in their own
 * process. `onMark` runs once when `markAt` cases have finished. Case numbers start at `firstIndex`, so
 * names do not repeat those of the waiting cases.
 */
export async function loadFinished(
  client: BenchZeebeClient,
  options: { count: number; firstIndex: number; concurrency: number; markAt: number; onMark: (seconds: number) => Promise<LoadMark>; extra: ProgressExtra },
): Promise<LoadResult & { mark: Promise<LoadMark> | undefined }> {
  const sample = new Reservoir<SampledCase>(1000);
  let done = 0;
  let mark: Promise<LoadMark> | undefined;
  const progress = new LoadProgress('finished', options.count, () => done, options.extra).start();
  const { seconds, latenciesMs } = await drive(options.count, options.concurrency, async (index) => {
    const variables = caseVariables(options.firstIndex + index, 'F');
    const result = await client.createProcessInstanceWithResult({ bpmnProcessId: FINISHED_PROCESS_ID, variables });
    done++;
    sample.offer({ processInstanceKey: result.processInstanceKey, applicantName: String(variables.applicantName) });
    if (done === options.markAt) mark = options.onMark(progress.seconds());
  });
  await progress.finish();
  return { count: options.count, seconds, latenciesMs, sample: [...sample.values()], mark };
}
